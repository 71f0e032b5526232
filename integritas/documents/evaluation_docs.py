"""The LKE result as a document: the recap of a final assessment, read from its frozen snapshot.

Pasal 19 ayat (2) and Pasal 20: the TPI reports its evaluation in writing. The numbers come from
the snapshot taken when the ketua finalised, never from a recomputation, so the PDF matches what
decisions point to.
"""

from decimal import Decimal
from typing import Any

from django.utils import timezone

from integritas.common.formatting import angka, tanggal
from integritas.documents.catalogue import DocumentType, register
from integritas.documents.render import letterhead
from integritas.evaluation import charts, engine, pages, selectors
from integritas.evaluation.models import AssessmentSnapshot
from integritas.evaluation.snapshots import SnapshotSide, read_snapshot
from integritas.organization.models import Unit


def report_context(snapshot: AssessmentSnapshot) -> dict[str, Any]:
    """Everything the recap shows, from the snapshot's read model (and the worksheet's texts)."""
    final = read_snapshot(snapshot)
    assessment = snapshot.assessment
    framework = selectors.engine_framework(assessment.framework)
    own, tpi = final.scores.own, final.scores.tpi
    areas: list[dict[str, Any]] = []
    bars: list[tuple[str, Decimal, Decimal]] = []
    for area in framework.areas:
        own_area, tpi_area = own.area(area.code), tpi.area(area.code)
        areas.append(
            {
                "number": area.number,
                "code": area.code,
                "name": area.name,
                "weight": area.weight,
                "self": own_area.total,
                "tpi": tpi_area.total,
                "pemenuhan": tpi_area.pemenuhan,
                "reform": tpi_area.reform,
            }
        )
        bars.append((area.code, tpi_area.total or Decimal(0), area.weight))
    components = [
        {
            "name": c.name,
            "weight": c.weight,
            "points": tpi.component(c.code).points,
            "counted": c.weight > 0,
        }
        for c in framework.hasil_components
    ]
    titles = {r.code: r for r in selectors.rule_sets(framework)}
    verdicts = []
    for verdict in final.verdicts:
        rule_set = titles.get(verdict.rule_set)
        verdicts.append(
            {
                "title": rule_set.title if rule_set else verdict.rule_set,
                "local": bool(rule_set and rule_set.scope == "local"),
                "predicates": verdict.known_predicates(),
            }
        )
    questions = []
    for question in framework.questions:
        answer = final.answer(question.code)
        questions.append(
            {
                "code": question.code,
                "self": _shown(answer.own),
                "tpi": _shown(answer.tpi),
                "value": answer.tpi.value,
                "evidence": final.evidence_for(question.code),
            }
        )
    ratios = charts.area_ratios(selectors.rule_sets(framework))
    finalised_at = final.finalised_at
    return {
        "kop": letterhead(Unit.objects.filter(type=Unit.Type.INSPEKTORAT).first()),
        "assessment": assessment,
        "final": final,
        "snapshot": snapshot,
        "areas": areas,
        "components": components,
        "verdicts": verdicts,
        "questions": questions,
        "totals": {
            side: {"total": score.total, "pengungkit": score.pengungkit, "hasil": score.hasil}
            for side, score in (("self", own), ("tpi", tpi))
        },
        "chart": charts.bar_chart(bars, ratios, width=760),
        "finalised_on": tanggal(timezone.localtime(finalised_at).date()) if finalised_at else "",
        "framework": framework,
    }


def _shown(side: SnapshotSide) -> str:
    """An answer as the recap lists it: its option label, or its percentage."""
    return side.option or (f"{engine.format_id(side.percent)}%" if side.percent is not None else "")


def _two(value: Decimal | None) -> str:
    return angka(value, 2) if value is not None else "–"


def rekap_context(snapshot: AssessmentSnapshot) -> dict[str, Any]:
    """The recap as display strings (the same for .docx and PDF)."""
    full = report_context(snapshot)
    assessment, final = full["assessment"], full["final"]
    return {
        "unit_name": assessment.unit.name,
        "year": str(assessment.year),
        "revision": f"Revisi {assessment.revision}" if assessment.revision > 1 else "",
        "framework_title": full["framework"].title,
        "regulation": full["framework"].regulation[:140],
        "finalised_name": final.finalised_name,
        "finalised_on": full["finalised_on"],
        "reviewers": "; ".join(r.name + (" (ketua)" if r.ketua else "") for r in final.reviewers),
        "areas": [
            {
                "name": f"{a['number']}. {a['name']}",
                "weight": _two(a["weight"]),
                "self": _two(a["self"]),
                "tpi": _two(a["tpi"]),
            }
            for a in full["areas"]
        ],  # fmt: skip
        "components": [
            {
                "name": c["name"] + ("" if c["counted"] else " (hanya aturan Perwali)"),
                "weight": _two(c["weight"]),
                "points": _two(c["points"]),
            }
            for c in full["components"]
        ],  # fmt: skip
        "totals": {
            side: {k: _two(v) for k, v in values.items()} for side, values in full["totals"].items()
        },
        "verdicts": [
            {
                "title": v["title"],
                "basis": "dasar rekomendasi TPI kepada Wali Kota (Pasal 16 ayat 2–4)"
                if v["local"]
                else "prediksi penilaian TPN",
                "predicates": [
                    {
                        "name": f"Menuju {p.name}",
                        "status": "Memenuhi" if p.eligible else "Belum memenuhi",
                        "eligible": p.eligible,
                        "notes": "; ".join(f.message for f in p.failures)
                        or (
                            "Syarat predikat Menuju WBK diperiksa pada tahap usulan."
                            if p.not_evaluated
                            else "–"
                        ),
                    }
                    for p in v["predicates"]
                ],
            }
            for v in full["verdicts"]
        ],
        "questions": [
            {
                "code": q["code"],
                "self": q["self"] or "–",
                "tpi": q["tpi"] or "–",
                "value": _two(q["value"]),
                "evidence": "; ".join(f"{e.title[:40]} (revisi {e.number})" for e in q["evidence"])
                or "–",
            }
            for q in full["questions"]
        ],  # fmt: skip
    }


def _chart(snapshot: AssessmentSnapshot) -> dict[str, Any]:
    return {"chart": report_context(snapshot)["chart"]}


def _inspektorat(snapshot: AssessmentSnapshot) -> Unit | None:
    return Unit.objects.filter(type=Unit.Type.INSPEKTORAT).first()


def _demo() -> dict[str, Any]:
    two = {"total": "80,00", "pengungkit": "50,00", "hasil": "30,00"}
    return {
        "unit_name": "Dinas Contoh", "year": "2026", "revision": "", "framework_title": "LKE ZI",
        "regulation": "PermenPANRB 90/2021", "finalised_name": "Nama Ketua TPI",
        "finalised_on": "1 Desember 2026", "reviewers": "Nama Ketua TPI (ketua)",
        "areas": [{"name": "1. Manajemen Perubahan", "weight": "8,00", "self": "6,00", "tpi": "5,50"}],
        "components": [{"name": "IPAK", "weight": "15,00", "points": "12,00"}],
        "totals": {"self": two, "tpi": two},
        "verdicts": [{"title": "Syarat", "basis": "prediksi penilaian TPN", "predicates": [
            {"name": "Menuju WBK", "status": "Memenuhi", "eligible": True, "notes": "–"}]}],
        "questions": [{"code": "1.a", "self": "Ya", "tpi": "Ya", "value": "1,00", "evidence": "–"}],
    }  # fmt: skip


register(
    DocumentType(
        code="rekap-lke", title="Rekapitulasi hasil evaluasi LKE oleh TPI", owner="evaluation",
        docx_template="evaluation_rekap.docx", pdf_template="documents/evaluation/rekap.html",
        offered_on="evaluation:score", what="penilaian LKE final", find=pages.latest_snapshot,
        fetch=pages.snapshot_for_user, context=rekap_context, unit_of=lambda s: s.assessment.unit,
        year_of=lambda s: s.assessment.year,
        filename=lambda s: f"rekap-lke-{s.assessment.unit.code}-{s.assessment.year}-r{s.assessment.revision}",
        demo=_demo, pdf_extra=_chart, numbered=False, letterhead_of=_inspektorat,
    )
)  # fmt: skip

"""The LKE result as a document: the recap of a final assessment, read from its frozen snapshot.

Pasal 19 ayat (2) and Pasal 20: the TPI reports its evaluation in writing. The numbers come from
the snapshot taken when the ketua finalised, never from a recomputation, so the PDF matches what
decisions point to.
"""

from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from integritas.common.formatting import angka, tanggal
from integritas.documents.catalogue import DocumentType, register
from integritas.documents.render import letterhead
from integritas.evaluation import charts, engine, selectors
from integritas.evaluation.models import AssessmentSnapshot
from integritas.organization.models import Unit


def _number(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def report_context(snapshot: AssessmentSnapshot) -> dict[str, Any]:
    """Everything the recap shows, from the snapshot data (and the worksheet's names and texts)."""
    data = snapshot.data
    assessment = snapshot.assessment
    framework = selectors.engine_framework(assessment.framework)
    scores = data["scores"]
    areas: list[dict[str, Any]] = []
    bars: list[tuple[str, Decimal, Decimal]] = []
    for area in framework.areas:
        own, tpi = scores["self"]["areas"][area.code], scores["tpi"]["areas"][area.code]
        areas.append(
            {
                "number": area.number,
                "code": area.code,
                "name": area.name,
                "weight": area.weight,
                "self": _number(own["total"]),
                "tpi": _number(tpi["total"]),
                "pemenuhan": _number(tpi["pemenuhan"]),
                "reform": _number(tpi["reform"]),
            }
        )
        bars.append((area.code, _number(tpi["total"]) or Decimal(0), area.weight))
    components = [
        {
            "name": c.name,
            "weight": c.weight,
            "points": _number(scores["tpi"]["hasil_components"][c.code]["points"]),
            "counted": c.weight > 0,
        }
        for c in framework.hasil_components
    ]
    titles = {r.code: r for r in selectors.rule_sets(framework)}
    verdicts = []
    for code, predicates in data["verdicts"].items():
        rule_set = titles.get(code)
        verdicts.append(
            {
                "title": rule_set.title if rule_set else code,
                "local": bool(rule_set and rule_set.scope == "local"),
                "predicates": [
                    {"name": name, **predicates[name]}
                    for name in engine.framework.PREDICATES
                    if name in predicates
                ],
            }
        )
    questions = []
    for question in framework.questions:
        entry = data["answers"][question.code]
        evidence = data["evidence"].get(question.code, [])
        questions.append(
            {
                "code": question.code,
                "self": entry["self"]["option"] or _percent(entry["self"]["percent"]),
                "tpi": entry["tpi"]["option"] or _percent(entry["tpi"]["percent"]),
                "value": _number(entry["tpi"]["value"]),
                "evidence": evidence,
            }
        )
    ratios = charts.area_ratios(selectors.rule_sets(framework))
    finalised_at = parse_datetime(data["finalised"]["at"])
    return {
        "kop": letterhead(Unit.objects.filter(type=Unit.Type.INSPEKTORAT).first()),
        "assessment": assessment,
        "data": data,
        "snapshot": snapshot,
        "areas": areas,
        "components": components,
        "verdicts": verdicts,
        "questions": questions,
        "totals": {
            side: {k: _number(scores[side][k]) for k in ("total", "pengungkit", "hasil")}
            for side in ("self", "tpi")
        },
        "chart": charts.bar_chart(bars, ratios, width=760),
        "finalised_on": tanggal(timezone.localtime(finalised_at).date()) if finalised_at else "",
        "framework": framework,
    }


def _percent(text: str | None) -> str:
    value = _number(text)
    return f"{engine.format_id(value)}%" if value is not None else ""


def _two(value: Decimal | None) -> str:
    return angka(value, 2) if value is not None else "–"


def rekap_context(snapshot: AssessmentSnapshot) -> dict[str, Any]:
    """The recap as display strings (the same for .docx and PDF)."""
    full = report_context(snapshot)
    assessment, data = full["assessment"], full["data"]
    return {
        "unit_name": assessment.unit.name,
        "year": str(assessment.year),
        "revision": f"Revisi {assessment.revision}" if assessment.revision > 1 else "",
        "framework_title": full["framework"].title,
        "regulation": full["framework"].regulation[:140],
        "finalised_name": data["finalised"]["name"],
        "finalised_on": full["finalised_on"],
        "reviewers": "; ".join(
            r["name"] + (" (ketua)" if r.get("ketua") else "") for r in data.get("reviewers", [])
        ),
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
                        "name": f"Menuju {p['name']}",
                        "status": "Memenuhi" if p.get("eligible") else "Belum memenuhi",
                        "eligible": bool(p.get("eligible")),
                        "notes": "; ".join(f["message"] for f in p.get("failures", []))
                        or (
                            "Syarat predikat Menuju WBK diperiksa pada tahap usulan."
                            if p.get("not_evaluated")
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
                "evidence": "; ".join(
                    f"{e['title'][:40]} (revisi {e['number']})" for e in q["evidence"]
                )
                or "–",
            }
            for q in full["questions"]
        ],  # fmt: skip
    }


def _chart(snapshot: AssessmentSnapshot) -> dict[str, Any]:
    return {"chart": report_context(snapshot)["chart"]}


def _snapshot_for_user(user, pk: int) -> AssessmentSnapshot:
    """The snapshot of a final assessment the user may read (``pk`` is the assessment's)."""
    assessment = selectors.assessment_for_user(user, pk)
    snapshot = (
        AssessmentSnapshot.objects.select_related("assessment", "assessment__unit")
        .filter(assessment=assessment)
        .first()
    )
    if snapshot is None:
        raise Http404
    return snapshot


def _find_snapshot(unit, year: int | None) -> AssessmentSnapshot | None:
    found = AssessmentSnapshot.objects.select_related("assessment", "assessment__unit").filter(
        assessment__unit=unit
    )
    if year is not None:
        found = found.filter(assessment__year=year)
    return found.order_by("-assessment__year", "-assessment__revision", "-pk").first()


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
        offered_on="evaluation:score", what="penilaian LKE final", find=_find_snapshot,
        fetch=_snapshot_for_user, context=rekap_context, unit_of=lambda s: s.assessment.unit,
        year_of=lambda s: s.assessment.year,
        filename=lambda s: f"rekap-lke-{s.assessment.unit.code}-{s.assessment.year}-r{s.assessment.revision}",
        demo=_demo, pdf_extra=_chart, numbered=False, letterhead_of=_inspektorat,
    )
)  # fmt: skip

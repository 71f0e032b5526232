"""The LKE result as a document: the recap of a final assessment, read from its frozen snapshot.

Pasal 19 ayat (2) and Pasal 20: the TPI reports its evaluation in writing. The numbers come from
the snapshot taken when the ketua finalised, never from a recomputation, so the PDF matches what
decisions point to (its SHA-256 is printed on it).
"""

from decimal import Decimal
from typing import Any

from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from integritas.common.formatting import tanggal
from integritas.documents.render import PDF_MIME, file_response, letterhead, render_pdf
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


def assessment_report(request, pk: int):
    """The recap PDF of a final assessment (readable by whoever may read the unit)."""
    assessment = selectors.assessment_for_user(request.user, pk)
    snapshot = AssessmentSnapshot.objects.filter(assessment=assessment).first()
    if snapshot is None:
        raise Http404
    pdf = render_pdf("documents/evaluation/rekap.html", report_context(snapshot))
    filename = f"rekap-lke-{assessment.unit.code}-{assessment.year}-r{assessment.revision}.pdf"
    return file_response(pdf, filename=filename, content_type=PDF_MIME, inline=True)


urlpatterns = [
    path("lke/<int:pk>/rekap.pdf", assessment_report, name="lke_report"),
]

"""LKE pages of the TPI: review side by side, return, finalise, assignments, scores (Pasal 15, 16, 19)."""

import json
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.common.formatting import angka, round2
from integritas.common.numbers import format_number
from integritas.evaluation import charts, engine, next_steps, pages, review, selectors, services
from integritas.evaluation.forms import (
    ReturnForm,
    ReviewerAssignForm,
    answer_kwargs,
)
from integritas.evaluation.models import (
    Assessment,
    ReviewerAssignment,
)
from integritas.evaluation.views import (
    _area_of,
    _area_or_404,
    _errors,
    _hasil_rows,
    _question_rows,
    _status_response,
    _year,
    slug,
)

# --------------------------------------------------------------------------- TPI review


def review_area(request, pk, area):
    """Pasal 19: self-score, TPI score and their difference side by side; TPI scores here."""
    page = pages.assessment_page(request.user, pk, with_links=True)
    assessment, data, rights = page.assessment, page.data, page.rights.as_context()
    access.require(rights["can_see_review"])
    area_obj = _area_or_404(data.framework, area)
    groups = _question_rows(data, area_obj, editable=False)
    return render(
        request,
        "evaluation/review.html",
        {
            "assessment": assessment,
            "data": data,
            "area": area_obj,
            "progress": data.area_progress(),
            "groups": groups,
            "area_pairs": _area_pairs(data),
            "return_codes": [r["q"].code for g in groups for r in g["rows"]],
            "missing": review.missing_reviews(data),
            **rights,
        },
    )


def _area_pairs(data: selectors.AssessmentData) -> list[dict[str, Any]]:
    pairs = []
    for index, area in enumerate(data.self_score.areas):
        tpi = data.tpi_score.areas[index] if data.tpi_score else None
        pairs.append(
            {
                "area": area,
                "tpi": tpi,
                "diff": (tpi.total - area.total) if tpi else None,
            }
        )
    return pairs


@require_POST
def review_save(request, pk, code):
    """Pasal 19: save the TPI score of one question (htmx), errors inline."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(selectors.may_review(request.user, assessment))
    framework = selectors.engine_framework(assessment.framework)
    access.require(framework.has_question(code))
    error = ""
    try:
        services.review_save(
            assessment=assessment,
            question_code=code,
            by=request.user,
            **answer_kwargs(request.POST, framework.question(code)),
        )
    except ValidationError as exc:
        error = _errors(exc)
    assessment.refresh_from_db(fields=["status"])
    if not request.htmx:
        if error:
            messages.error(request, f"{code}: {error}")
        area = _area_of(framework, code)
        return redirect(
            reverse("evaluation:review_area", args=[assessment.pk, area.code]) + f"#q-{slug(code)}"
        )
    return _status_response(request, assessment, code, error=error, side=selectors.TPI)


@require_POST
def review_zero_unanswered(request, pk):
    """Pasal 19: the TPI scores 0, at once, every question the unit left unanswered."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(selectors.may_review(request.user, assessment))
    try:
        count = review.review_score_unanswered(assessment=assessment, by=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(
            request, _("%(n)d pertanyaan yang tidak dijawab unit dinilai 0.") % {"n": count}
        )
    area = request.POST.get("area", "")
    if area in {a.code for a in selectors.engine_framework(assessment.framework).areas}:
        return redirect("evaluation:review_area", pk=assessment.pk, area=area)
    return redirect(assessment)


@require_POST
def assessment_return(request, pk):
    """Pasal 19: return selected questions to the unit with a note."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(selectors.may_review(request.user, assessment))
    framework = selectors.engine_framework(assessment.framework)
    form = ReturnForm(request.POST, codes=[q.code for q in framework.questions])
    if not form.is_valid():
        messages.error(request, _("Pilih pertanyaan yang dikembalikan dan tulis catatannya."))
    else:
        try:
            services.assessment_return(
                assessment=assessment,
                question_codes=form.cleaned_data["codes"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(
                request,
                _("%(n)d pertanyaan dikembalikan ke unit untuk diperbaiki.")
                % {"n": len(form.cleaned_data["codes"])},
            )
    return redirect(assessment)


@require_POST
def assessment_finalise(request, pk):
    """Pasal 19 ayat (2): the TPI ketua finalises; the snapshot freezes the result."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(selectors.is_ketua(request.user, assessment))
    try:
        services.assessment_finalise(assessment=assessment, by=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect(assessment)
    messages.success(request, _("Penilaian difinalkan; cuplikan hasil dibekukan."))
    return redirect("evaluation:score", pk=assessment.pk)


@require_POST
def assessment_supersede(request, pk):
    """Start a new revision that supersedes a final assessment (the final one is never edited)."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(
        access.can_administer(request.user) or selectors.is_ketua(request.user, assessment)
    )
    try:
        new = services.assessment_supersede(assessment=assessment, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
        return redirect(assessment)
    messages.success(request, _("Revisi baru dibuat dari penilaian final."))
    return redirect(new)


def snapshot_json(request, pk):
    """The frozen snapshot of a final assessment, as JSON with its SHA-256."""
    assessment = selectors.assessment_for_user(request.user, pk)
    snapshot = getattr(assessment, "snapshot", None)
    if snapshot is None:
        raise Http404
    snapshot.refresh_from_db(fields=["data"])
    body = json.dumps(
        {"sha256": snapshot.sha256, "data": snapshot.data}, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="lke-{assessment.unit.code}-{assessment.year}-r{assessment.revision}.json"'
    )
    return response


# --------------------------------------------------------------------------- assignments


def assignments(request):
    """Administrators assign TPI members to units per year (never a member to his or her unit)."""
    access.require(access.can_administer(request.user))
    form = ReviewerAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reviewer_assign(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("user", exc)
        else:
            messages.success(request, _("Penugasan TPI tersimpan."))
            return redirect("evaluation:assignments")
    year = _year(request)
    rows = (
        ReviewerAssignment.objects.filter(year=year)
        .select_related("unit", "user__employee__unit")
        .order_by("unit__name", "-is_ketua", "user__first_name")
    )
    return render(
        request, "evaluation/assignments.html", {"form": form, "rows": rows, "year": year}
    )


@require_POST
def assignment_remove(request, pk):
    access.require(access.can_administer(request.user))
    assignment = get_object_or_404(ReviewerAssignment, pk=pk)
    services.reviewer_unassign(assignment=assignment, by=request.user)
    messages.success(request, _("Penugasan ditarik."))
    return redirect(reverse("evaluation:assignments") + f"?tahun={assignment.year}")


# --------------------------------------------------------------------------- scores


def score(request, pk, *, held: str | None = None, monitoring_due: date | None = None):
    """The score page: six areas against their minimums, hasil, both verdicts, the gap analysis.

    `held` and `monitoring_due` come from the register (predicates.views.assessment_score serves
    this page and passes them in); left out, the next steps do not know the unit's predicate.
    """
    page = pages.assessment_page(request.user, pk)
    assessment, data, rights = page.assessment, page.data, page.rights.as_context()
    has_tpi = data.tpi_score is not None and rights["can_see_review"]
    side = request.GET.get("sumber") or (
        selectors.TPI if has_tpi and assessment.is_final else selectors.SELF
    )
    if side not in (selectors.SELF, selectors.TPI) or (side == selectors.TPI and not has_tpi):
        side = selectors.SELF
    chosen = data.tpi_input() if side == selectors.TPI else data.self_input()
    result = data.score_for(side)
    verdicts = selectors.verdicts(data.framework, chosen, with_gaps=True)
    steps = next_steps.build(
        data.framework, verdicts, assessment_pk=assessment.pk, unit_id=assessment.unit_id,
        reviewing=side == selectors.TPI and rights["may_review"], final=assessment.is_final,
        held=held, monitoring_due=monitoring_due,
    )  # fmt: skip
    questions = {q.code: q for q in data.framework.questions}
    chosen_score = data.score_for(side)
    step_current = {
        code: _answer_text(questions[code], score, data.answers.get(code), side)
        for code, score in chosen_score.questions.items()
    }
    return render(
        request,
        "evaluation/score.html",
        {
            "assessment": assessment,
            "data": data,
            "side": side,
            "has_tpi": has_tpi,
            "result": result,
            "verdicts": verdicts,
            "next_steps": steps,
            "chart": charts.area_chart(data.framework, result, selectors.rule_sets(data.framework)),
            "area_rows": charts.area_rows(
                data.framework, result, selectors.rule_sets(data.framework)
            ),
            "hasil_rows": _hasil_rows(data),
            "component_scores": {c.code: c for c in result.hasil_components},
            "questions": questions,
            "step_current": step_current,
            "rule_set_labels": {
                r.rule_set: _("aturan Perwali") if r.scope == "local" else _("prediksi TPN")
                for r in verdicts.results
            },
            **rights,
        },
    )


def _answer_text(question: engine.Question, score: Any, answer: Any, side: str) -> str:
    """How the gap list shows a current answer: its option label, or its value as a percentage."""
    if not score.answered:
        return ""
    if question.is_percent:
        return f"{format_number(round2(score.value * 100))}%"  # 87,5%, never rounded to 88%
    label = (
        (answer.tpi_option_label if side == selectors.TPI else answer.option_label)
        if answer
        else ""
    )
    return label or angka(score.value, 2)


def city_comparison(request):
    """TPI, pimpinan and administrators compare the units' latest assessments of a year."""
    access.require(access.can_read_city(request.user))
    year = _year(request)
    rows = selectors.city_comparison(year)
    return render(
        request,
        "evaluation/city_comparison.html",
        {
            "rows": [_comparison_cells(row) for row in rows],
            "year": year,
            "years": list(range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1)),
            "rule_set_titles": _rule_set_titles(rows),
        },
    )


def _comparison_cells(row: selectors.ComparisonRow) -> dict[str, Any]:
    """One table row, its verdict cells prepared here: the template loop stays cheap."""
    return {
        "row": row,
        "status": row.assessment.get_status_display(),
        "status_class": STATUS_CLASSES.get(row.assessment.status, "text-bg-light border"),
        "verdicts": [
            {
                "eligible": p.eligible,
                "failures": len(p.failures),
                "title": "; ".join(f.message for f in p.failures),
            }
            for rule_set in row.verdicts
            for p in rule_set.predicates
        ],
    }


STATUS_CLASSES: dict[str, str] = {
    Assessment.Status.DRAFT: "text-bg-secondary",
    Assessment.Status.SUBMITTED: "text-bg-primary",
    Assessment.Status.IN_REVIEW: "text-bg-info",
    Assessment.Status.RETURNED: "text-bg-warning",
    Assessment.Status.FINAL: "text-bg-success",
}


def _rule_set_titles(rows: list[selectors.ComparisonRow]) -> list[tuple[str, str]]:
    if not rows:
        return []
    return [(r.rule_set, r.title) for r in rows[0].verdicts]

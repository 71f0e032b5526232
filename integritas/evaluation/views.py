"""LKE pages: self-assessment, evidence, TPI review, scores, city comparison, Excel."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.common.numbers import format_input, query_int
from integritas.evaluation import access as evaluation_access
from integritas.evaluation import engine, pages, selectors, services
from integritas.evaluation.forms import (
    AssessmentCreateForm,
    EvidenceUploadForm,
    HasilForm,
    SubmitForm,
    answer_kwargs,
)
from integritas.evaluation.models import (
    Assessment,
)

PAGE_SIZE = 25


def slug(code: str) -> str:
    """An HTML id for a question code (P1.i.a → P1-i-a)."""
    return code.replace(".", "-").replace("/", "--")


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _year(request) -> int:
    year = query_int(request.GET, "tahun", min_value=2001, max_value=2199)
    return year if year is not None else timezone.localdate().year


# --------------------------------------------------------------------------- list and create


def assessment_list(request):
    """The assessments a user may read, the review queue of a TPI member, and a start form."""
    year = query_int(request.GET, "tahun", min_value=2000, max_value=2100)
    assessments = selectors.assessment_list_for_user(request.user, year=year)
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    writable = access.writable_units_for_user(request.user)
    form = AssessmentCreateForm(units=writable) if writable.exists() else None
    return render(
        request,
        "evaluation/assessment_list.html",
        {
            "page": page,
            "form": form,
            "year": year,
            "queue": list(selectors.review_queue(request.user))
            if access.is_tpi(request.user)
            else [],
            "can_assign": access.can_administer(request.user),
            "can_compare": access.can_read_city(request.user),
        },
    )


@require_POST
def assessment_create(request):
    writable = access.writable_units_for_user(request.user)
    form = AssessmentCreateForm(request.POST, units=writable)
    if not form.is_valid():
        messages.error(request, _("Pilih unit dan tahun yang sah."))
        return redirect("evaluation:assessment_list")
    unit = form.cleaned_data["unit"]
    access.require(access.can_write_unit(request.user, unit.pk))
    try:
        assessment = services.assessment_create(
            unit=unit, year=form.cleaned_data["year"], by=request.user
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("evaluation:assessment_list")
    messages.success(request, _("Penilaian mandiri dimulai."))
    return redirect(assessment)


# --------------------------------------------------------------------------- one assessment


def _rights(user, assessment: Assessment) -> dict[str, bool]:
    """The viewer's rights, for the templates (decided in evaluation.access)."""
    return evaluation_access.rights_for(user, assessment).as_context()


def assessment_detail(request, pk):
    page = pages.assessment_page(request.user, pk)
    return render(
        request,
        "evaluation/assessment_detail.html",
        {
            **page.context(),
            "progress": page.data.area_progress(),
            "reviewers": selectors.reviewers_of(page.assessment),
            "hasil_rows": _hasil_rows(page.data),
        },
    )


def _hasil_rows(data: selectors.AssessmentData) -> list[dict[str, Any]]:
    """§1.6: each hasil component with its input as entered, its points and its source."""
    rows = []
    for component in data.framework.hasil_components:
        raw = getattr(data.hasil, component.input, None) if data.hasil else None
        source_field = (
            component.input.replace("_index", "_source")
            if component.input.endswith("_index")
            else ""
        )
        rows.append(
            {
                "component": component,
                "label": component.code.upper()
                if len(component.code) <= 4
                else component.code.replace("_", " ").capitalize(),
                "raw": raw if raw not in ("", None) else None,
                "raw_text": _plain(raw).replace(".", ",") if raw not in ("", None) else "",
                "score": data.self_score.component(component.code),
                "source": getattr(data.hasil, source_field, "")
                if data.hasil and source_field
                else "",
            }
        )
    return rows


def _area_or_404(framework: engine.Framework, code: str) -> engine.Area:
    try:
        return framework.area(code)
    except KeyError:
        raise Http404 from None


def _plain(value: Any) -> str:
    """A stored number written into its text input so it reads back unchanged: 87,5."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return format_input(value)


def _question_rows(data: selectors.AssessmentData, area: engine.Area, *, editable: bool):
    returned_only = data.assessment.status == Assessment.Status.RETURNED
    tpi = data.tpi_score
    groups = []
    for half, subs in ((_("Pemenuhan"), area.pemenuhan), (_("Reform"), area.reform)):
        for sub in subs:
            rows = []
            for question in sub.questions:
                answer = data.answers.get(question.code)
                self_value = data.self_score.questions[question.code]
                tpi_value = tpi.questions[question.code] if tpi else None
                rows.append(
                    {
                        "q": question,
                        "slug": slug(question.code),
                        "answer": answer,
                        "inputs": [
                            (i, (answer.inputs or {}).get(i.code) if answer else None)
                            for i in question.inputs
                        ],
                        "tpi_inputs": [
                            (i, (answer.tpi_inputs or {}).get(i.code) if answer else None)
                            for i in question.inputs
                        ],
                        "percent_text": _plain(answer.percent if answer else None),
                        "tpi_percent_text": _plain(answer.tpi_percent if answer else None),
                        "self": self_value,
                        "tpi": tpi_value if tpi_value and tpi_value.answered else None,
                        "diff": (tpi_value.value - self_value.value)
                        if tpi_value and tpi_value.answered
                        else None,
                        "reviewed": selectors.reviewed(answer, question),
                        "links": data.links.get(question.code, []),
                        "editable": editable
                        and (not returned_only or bool(answer and answer.returned)),
                    }
                )
            groups.append({"half": half, "sub": sub, "rows": rows})
    return groups


def assessment_fill(request, pk, area):
    """Pasal 11: the Tim Kerja fills one area's questions; each answer saves as it is entered."""
    page = pages.assessment_page(request.user, pk, with_links=True)
    assessment, data, rights = page.assessment, page.data, page.rights.as_context()
    area_obj = _area_or_404(data.framework, area)
    progress = data.area_progress()
    areas = list(data.framework.areas)
    index = areas.index(area_obj)
    return render(
        request,
        "evaluation/assessment_fill.html",
        {
            "assessment": assessment,
            "data": data,
            "area": area_obj,
            "progress": progress,
            "current": progress[index],
            "next_area": areas[index + 1] if index + 1 < len(areas) else None,
            "groups": _question_rows(data, area_obj, editable=rights["can_edit"]),
            "documents": selectors.unit_documents(assessment.unit_id) if rights["can_edit"] else [],
            "upload_form": EvidenceUploadForm(),
            **rights,
        },
    )


def _area_of(framework: engine.Framework, code: str) -> engine.Area:
    for area in framework.areas:
        if any(q.code == code for s in area.sub_indicators for q in s.questions):
            return area
    raise Http404


def _status_response(request, assessment, code, *, error="", side=selectors.SELF):
    data = selectors.assessment_data(assessment, with_links=False)
    question = data.framework.question(code)
    area = _area_of(data.framework, code)
    answer = data.answers.get(code)
    score = data.score_for(side) if side == selectors.SELF or data.tpi_score else None
    value = score.questions[code] if score else None
    self_value = data.self_score.questions[code]
    tpi_value = data.tpi_score.questions[code] if data.tpi_score else None
    return render(
        request,
        "evaluation/_answer_status.html",
        {
            "slug": slug(code),
            "question": question,
            "answer": answer,
            "value": value if value and value.answered else None,
            "error": error,
            "side": side,
            "current": next(p for p in data.area_progress() if p["area"].code == area.code),
            "reviewed": selectors.reviewed(answer, question),
            "self": self_value,
            "tpi": tpi_value if tpi_value and tpi_value.answered else None,
            "diff": (tpi_value.value - self_value.value)
            if tpi_value and tpi_value.answered
            else None,
            "data": data,
        },
    )


@require_POST
def answer_save(request, pk, code):
    """Save one answer (htmx); an invalid one is reported inline and what was typed stays."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(access.can_write_unit(request.user, assessment.unit_id))
    framework = selectors.engine_framework(assessment.framework)
    access.require(framework.has_question(code))
    error = ""
    try:
        services.answer_save(
            assessment=assessment,
            question_code=code,
            by=request.user,
            **answer_kwargs(request.POST, framework.question(code)),
        )
    except ValidationError as exc:
        error = _errors(exc)
    if not request.htmx:
        if error:
            messages.error(request, f"{code}: {error}")
        area = _area_of(framework, code)
        return redirect(
            reverse("evaluation:assessment_fill", args=[assessment.pk, area.code])
            + f"#q-{slug(code)}"
        )
    return _status_response(request, assessment, code, error=error)


# --------------------------------------------------------------------------- hasil and submission


def hasil_edit(request, pk):
    """Pasal 11 ayat (10)-(14): the hasil inputs (IPAK, IPKP, capaian kinerja, TLHP)."""
    assessment = selectors.assessment_for_user(request.user, pk)
    rights = _rights(request.user, assessment)
    access.require(rights["can_edit"] or rights["may_review"])
    data = selectors.assessment_data(assessment)
    form = HasilForm(request.POST or None, instance=data.hasil)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in services.HASIL_EDIT_FIELDS}
        try:
            services.hasil_save(assessment=assessment, by=request.user, **fields)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Isian komponen hasil tersimpan."))
            return redirect(assessment)
    return render(
        request,
        "evaluation/hasil_form.html",
        {
            "assessment": assessment,
            "form": form,
            "data": data,
            "hasil_rows": _hasil_rows(data),
            "documents": selectors.unit_documents(assessment.unit_id) if rights["can_edit"] else [],
            "upload_form": EvidenceUploadForm(),
            "items": [
                {
                    "code": c.input,
                    "slug": slug(c.input),
                    "name": c.name,
                    "links": data.links.get(c.input, []),
                }
                for c in data.framework.hasil_components
            ],
            **rights,
        },
    )


def assessment_submit(request, pk):
    """Pasal 11, 15: the unit head submits (confirming any unanswered question); it locks."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(access.can_head_unit(request.user, assessment.unit_id))
    data = selectors.assessment_data(assessment, with_links=False)
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_submit(
                assessment=assessment,
                by=request.user,
                confirm_incomplete=form.cleaned_data["confirm_incomplete"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Penilaian mandiri diajukan ke TPI dan dikunci."))
            return redirect(assessment)
    return render(
        request,
        "evaluation/submit.html",
        {"assessment": assessment, "data": data, "progress": data.area_progress(), "form": form},
    )

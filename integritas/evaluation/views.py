"""LKE pages: self-assessment, evidence, TPI review, scores, city comparison, Excel."""

import json
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.common import exports, files, staging
from integritas.common.formatting import angka, round2
from integritas.common.numbers import format_input, format_number, query_int
from integritas.evaluation import charts, engine, excel, next_steps, review, selectors, services
from integritas.evaluation.forms import (
    AssessmentCreateForm,
    EvidenceReviseForm,
    EvidenceUploadForm,
    HasilForm,
    ImportForm,
    ReturnForm,
    ReviewerAssignForm,
    SubmitForm,
    answer_kwargs,
)
from integritas.evaluation.models import (
    Assessment,
    EvidenceDocument,
    EvidenceLink,
    EvidenceRevision,
    ReviewerAssignment,
)

PAGE_SIZE = 25


def slug(code: str) -> str:
    """An HTML id for a question code (P1.i.a → P1-i-a)."""
    return code.replace(".", "-").replace("/", "--")


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _year(request) -> int:
    year = query_int(request.GET, "tahun", min_value=2001, max_value=2199)
    return year if year is not None else date.today().year


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
    can_write = access.can_write_unit(user, assessment.unit_id)
    may_review = selectors.may_review(user, assessment)
    ketua = selectors.is_ketua(user, assessment)
    return {
        "can_edit": can_write and assessment.unit_may_edit,
        "can_submit": access.can_head_unit(user, assessment.unit_id) and assessment.unit_may_edit,
        "may_review": may_review and assessment.under_review,
        "is_reviewer": may_review,
        "is_ketua": ketua,
        "can_supersede": assessment.status == Assessment.Status.FINAL
        and (access.can_administer(user) or ketua),
        "can_see_review": _can_see_review(user, assessment, may_review),
    }


def _can_see_review(user, assessment: Assessment, may_review: bool) -> bool:
    """TPI scores are shown to reviewers and city readers; to the unit once returned or final."""
    if may_review or access.can_read_city(user):
        return True
    return assessment.status in (Assessment.Status.RETURNED, Assessment.Status.FINAL) or (
        assessment.status == Assessment.Status.SUPERSEDED
    )


def assessment_detail(request, pk):
    assessment = selectors.assessment_for_user(request.user, pk)
    data = selectors.assessment_data(assessment, with_links=False)
    rights = _rights(request.user, assessment)
    return render(
        request,
        "evaluation/assessment_detail.html",
        {
            "assessment": assessment,
            "data": data,
            "progress": data.area_progress(),
            "reviewers": selectors.reviewers_of(assessment),
            "hasil_rows": _hasil_rows(data),
            **rights,
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
    assessment = selectors.assessment_for_user(request.user, pk)
    data = selectors.assessment_data(assessment)
    area_obj = _area_or_404(data.framework, area)
    rights = _rights(request.user, assessment)
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


# --------------------------------------------------------------------------- evidence


def _evidence_panel(request, assessment, code, *, form=None, error="", status=200):
    data = selectors.assessment_data(assessment)
    rights = _rights(request.user, assessment)
    answer = data.answers.get(code)
    editable = rights["can_edit"] and (
        assessment.status != Assessment.Status.RETURNED or bool(answer and answer.returned)
    )
    question = data.framework.question(code) if data.framework.has_question(code) else None
    return render(
        request,
        "evaluation/_evidence.html",
        {
            "assessment": assessment,
            "code": code,
            "slug": slug(code),
            "question": question,
            "links": data.links.get(code, []),
            "editable": editable,
            "documents": selectors.unit_documents(assessment.unit_id) if editable else [],
            "upload_form": form or EvidenceUploadForm(),
            "error": error,
        },
        status=status,
    )


def _item_page(assessment: Assessment, code: str) -> str:
    """Where a question (its area's fill page) or a hasil input (the hasil page) is edited."""
    framework = selectors.engine_framework(assessment.framework)
    if framework.has_question(code):
        area = _area_of(framework, code)
        url = reverse("evaluation:assessment_fill", args=[assessment.pk, area.code])
        return f"{url}#q-{slug(code)}"
    return reverse("evaluation:hasil_edit", args=[assessment.pk])


def _item_or_404(assessment: Assessment, code: str) -> None:
    framework = selectors.engine_framework(assessment.framework)
    access.require(framework.has_question(code) or framework.hasil_input(code) is not None)


def evidence_panel(request, pk, code):
    """The evidence of one question: list (GET); upload of one or more files (POST)."""
    assessment = selectors.assessment_for_user(request.user, pk)
    _item_or_404(assessment, code)
    if request.method != "POST":
        return _evidence_panel(request, assessment, code)
    access.require(access.can_write_unit(request.user, assessment.unit_id))
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _evidence_panel(request, assessment, code, form=form)
    try:
        documents = services.evidence_upload(
            assessment=assessment,
            item_code=code,
            files=form.cleaned_data["berkas"],
            title=form.cleaned_data["title"],
            by=request.user,
        )
    except ValidationError as exc:
        form.add_error("berkas", exc)
        return _evidence_panel(request, assessment, code, form=form)
    if not request.htmx:
        messages.success(request, _("%(n)d berkas diunggah.") % {"n": len(documents)})
        return redirect(_item_page(assessment, code))
    return _evidence_panel(request, assessment, code)


@require_POST
def evidence_link(request, pk, code):
    """Link an existing document of the unit to another question."""
    assessment = selectors.assessment_for_user(request.user, pk)
    _item_or_404(assessment, code)
    access.require(access.can_write_unit(request.user, assessment.unit_id))
    document_id = query_int(request.POST, "document", default=0)
    document = EvidenceDocument.objects.filter(pk=document_id, unit_id=assessment.unit_id).first()
    error = ""
    if document is None:
        error = _("Pilih dokumen yang akan ditautkan.")
    else:
        try:
            services.evidence_link(
                assessment=assessment, item_code=code, document=document, by=request.user
            )
        except ValidationError as exc:
            error = _errors(exc)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_item_page(assessment, code))
    return _evidence_panel(request, assessment, code, error=error)


@require_POST
def evidence_unlink(request, pk, link_pk):
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(access.can_write_unit(request.user, assessment.unit_id))
    link = get_object_or_404(EvidenceLink, pk=link_pk, assessment=assessment)
    code = link.item_code
    error = ""
    try:
        services.evidence_unlink(link=link, by=request.user)
    except ValidationError as exc:
        error = _errors(exc)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_item_page(assessment, code))
    return _evidence_panel(request, assessment, code, error=error)


def evidence_download(request, revision_pk):
    """Serve one evidence revision only to those who may read its unit (404 otherwise)."""
    revision = EvidenceRevision.objects.select_related("document").filter(pk=revision_pk).first()
    if revision is None or not access.can_read_unit(request.user, revision.document.unit_id):
        raise Http404
    return files.serve(revision.file)


def document_detail(request, pk):
    """A unit's evidence document: its revisions, where it is used, and a new revision."""
    document = get_object_or_404(EvidenceDocument.objects.select_related("unit"), pk=pk)
    access.require(access.can_read_unit(request.user, document.unit_id))
    can_write = access.can_write_unit(request.user, document.unit_id)
    form = EvidenceReviseForm(request.POST or None, request.FILES or None) if can_write else None
    if request.method == "POST":
        access.require(can_write)
        if form is not None and form.is_valid():
            try:
                services.evidence_revise(
                    document=document, upload=form.cleaned_data["file"], by=request.user
                )
            except ValidationError as exc:
                form.add_error("file", exc)
            else:
                messages.success(request, _("Revisi baru tersimpan."))
                return redirect("evaluation:document_detail", pk=document.pk)
    links = document.links.select_related("assessment").order_by("-assessment__year", "item_code")
    return render(
        request,
        "evaluation/document_detail.html",
        {
            "document": document,
            "revisions": document.revisions.select_related("uploaded_by").order_by("-number"),
            "links": links,
            "form": form,
        },
    )


def unit_documents(request, unit_pk):
    """Every evidence document of a unit."""
    unit = access.get_unit_for_user(request.user, unit_pk)
    documents = selectors.unit_documents(unit.pk)
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(request, "evaluation/unit_documents.html", {"unit": unit, "page": page})


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


# --------------------------------------------------------------------------- TPI review


def review_area(request, pk, area):
    """Pasal 19: self-score, TPI score and their difference side by side; TPI scores here."""
    assessment = selectors.assessment_for_user(request.user, pk)
    rights = _rights(request.user, assessment)
    access.require(rights["can_see_review"])
    data = selectors.assessment_data(assessment)
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


def score(request, pk):
    """The score page: six areas against their minimums, hasil, both verdicts, the gap analysis."""
    assessment = selectors.assessment_for_user(request.user, pk)
    rights = _rights(request.user, assessment)
    data = selectors.assessment_data(assessment, with_links=False)
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
        reviewing=side == selectors.TPI and rights["may_review"],
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
            "years": list(range(date.today().year + 1, date.today().year - 5, -1)),
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


# --------------------------------------------------------------------------- Excel


def export_excel(request, pk):
    assessment = selectors.assessment_for_user(request.user, pk)
    data = selectors.assessment_data(assessment)
    if data.tpi_score is not None and not _rights(request.user, assessment)["can_see_review"]:
        data.tpi_score = None
        for answer in data.answers.values():
            answer.tpi_option_label, answer.tpi_percent, answer.tpi_inputs = "", None, {}
            answer.tpi_note = ""
    body = excel.export_workbook(data)
    return exports.attachment(
        HttpResponse(body, content_type=exports.XLSX_MIME),
        f"LKE-{assessment.unit.code}-{assessment.year}-r{assessment.revision}.xlsx",
    )


def _import_purpose(assessment: Assessment) -> str:
    return f"evaluation.lke.{assessment.pk}"


def import_upload(request, pk):
    """Step 1: upload a filled worksheet; see every problem, or the changes it would make."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(_rights(request.user, assessment)["can_edit"])
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"assessment": assessment, "form": form}
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        check = excel.check_workbook(raw, selectors.assessment_data(assessment))
        context.update({"check": check, "filename": form.cleaned_data["file"].name})
        if check.ok and (check.answers or check.hasil):
            context["import_token"] = staging.stage(
                request, purpose=_import_purpose(assessment), data=raw
            )
    return render(request, "evaluation/import.html", context)


@require_POST
def import_commit(request, pk):
    """Step 2: write every checked row in one transaction, or nothing."""
    assessment = selectors.assessment_for_user(request.user, pk)
    access.require(_rights(request.user, assessment)["can_edit"])
    staged = staging.load(
        request,
        purpose=_import_purpose(assessment),
        token=request.POST.get(staging.TOKEN_FIELD),
    )
    if staged is None:
        messages.error(request, _("Tidak ada impor yang menunggu. Unggah berkasnya lagi."))
        return redirect("evaluation:import", pk=assessment.pk)
    check = excel.check_workbook(staged.data, selectors.assessment_data(assessment))
    if not check.ok:
        return render(
            request,
            "evaluation/import.html",
            {"assessment": assessment, "form": ImportForm(), "check": check, "filename": ""},
        )
    try:
        services.answers_import(
            assessment=assessment, answers=check.answers, hasil=check.hasil, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect("evaluation:import", pk=assessment.pk)
    staging.discard(request, purpose=_import_purpose(assessment))
    messages.success(
        request,
        _("Impor selesai: %(n)d perubahan tersimpan.") % {"n": len(check.changes)},
    )
    return redirect(assessment)

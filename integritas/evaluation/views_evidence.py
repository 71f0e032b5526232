"""LKE evidence pages: upload, revise, link to questions, the unit's documents (Pasal 11)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.common import files
from integritas.common.numbers import query_int
from integritas.evaluation import selectors, services
from integritas.evaluation.forms import (
    EvidenceReviseForm,
    EvidenceUploadForm,
)
from integritas.evaluation.models import (
    Assessment,
    EvidenceDocument,
    EvidenceLink,
    EvidenceRevision,
)
from integritas.evaluation.views import (
    _area_of,
    _errors,
    _rights,
    slug,
)

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

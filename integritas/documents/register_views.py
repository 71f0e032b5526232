"""Pages of the document register: a document's versions (draf → final → ditandatangani), the
number patterns of the units and the templates an administrator uploads."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integritas.accounts import access
from integritas.common import files
from integritas.common.files import CheckedFileField
from integritas.common.number_fields import IndonesianIntegerField
from integritas.common.uploads import IMAGE, OFFICE, PDF
from integritas.documents import catalogue, services, templates_store
from integritas.documents.models import DocumentTemplate, IssuedDocument, NumberPattern
from integritas.documents.render import DOCX_MIME, file_response
from integritas.organization.models import Unit


class SignedForm(forms.Form):
    scan = CheckedFileField(label=gettext_lazy("Pindaian bertanda tangan (PDF/JPG/PNG)"),
                            families={PDF, IMAGE})  # fmt: skip


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Alasan pembatalan"), max_length=300)


class PatternForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.filter(is_active=True).order_by("name"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    year = IndonesianIntegerField(
        label=gettext_lazy("Tahun"), min_value=2000, max_value=2100, group=False
    )
    pattern = forms.CharField(label=gettext_lazy("Pola nomor"), max_length=120,
                              widget=forms.TextInput(attrs={"class": "form-control",
                                                            "placeholder": "800/{seq}/ORG/{year}"}))  # fmt: skip


class TemplateForm(forms.Form):
    file = CheckedFileField(label=gettext_lazy("Templat .docx"), families={OFFICE})


def _type(code: str) -> catalogue.DocumentType:
    doc_type = catalogue.get(code)
    if doc_type is None:
        raise Http404
    return doc_type


@login_required
def document_register(request, code: str, pk: int):
    """A document's versions; the unit's writers draft, finalise, return the signed scan."""
    doc_type = _type(code)
    obj = doc_type.fetch(request.user, pk)
    unit = doc_type.unit_of(obj)
    can_write = access.can_write_unit(request.user, unit.pk)
    versions = list(
        IssuedDocument.objects.filter(type_code=code, object_id=obj.pk).select_related(
            "number", "created_by", "finalised_by", "signed_by", "cancelled_by"
        )
    )
    current = catalogue.data_sha256(catalogue.read_model(doc_type, obj))
    if request.method == "POST":
        if not can_write:
            raise Http404
        action = request.POST.get("action", "")
        try:
            if action == "draft":
                services.document_draft(doc_type=doc_type, obj=obj, by=request.user)
                messages.success(request, _("Draf dibuat. Periksa isinya, lalu finalkan."))
            else:
                document = get_object_or_404(
                    IssuedDocument, pk=request.POST.get("document"), type_code=code,
                    object_id=obj.pk,
                )  # fmt: skip
                if action == "finalise":
                    document = services.document_finalise(document=document, obj=obj,
                                                          by=request.user)  # fmt: skip
                    messages.success(
                        request, _("Dokumen difinalkan dengan nomor %(n)s.")
                        % {"n": document.number.number if document.number else "–"},
                    )  # fmt: skip
                elif action == "sign":
                    signed = SignedForm(request.POST, request.FILES)
                    if not signed.is_valid():
                        raise ValidationError(list(signed.errors["scan"]))
                    services.document_sign(document=document, upload=signed.cleaned_data["scan"],
                                           by=request.user)  # fmt: skip
                    messages.success(request, _("Pindaian bertanda tangan tersimpan."))
                elif action == "cancel":
                    form = CancelForm(request.POST)
                    if not form.is_valid():
                        raise ValidationError(_("Tulis alasan pembatalan."))
                    services.document_cancel(document=document, reason=form.cleaned_data["reason"],
                                             by=request.user)  # fmt: skip
                    messages.success(request, _("Dokumen dibatalkan; nomornya tetap tercatat."))
                else:
                    raise Http404
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("documents:register", code, pk)
    for version in versions:
        differs = (
            version.state in (IssuedDocument.State.FINAL, IssuedDocument.State.SIGNED)
            and version.data_sha256 != current
        )
        version.differs = differs  # type: ignore[attr-defined]
    return render(request, "documents/register.html", {
        "doc_type": doc_type, "obj": obj, "unit": unit, "versions": versions,
        "can_write": can_write, "sign_form": SignedForm(), "cancel_form": CancelForm(),
    })  # fmt: skip


@login_required
def issued_file(request, pk: int, which: str):
    """A stored version's .docx, PDF or signed scan (whoever may read the unit)."""
    document = get_object_or_404(IssuedDocument, pk=pk)
    access.require(access.can_read_unit(request.user, document.unit_id))
    field = {"docx": document.docx_file, "pdf": document.pdf_file,
             "signed": document.signed_file}.get(which)  # fmt: skip
    if not field:
        raise Http404
    number = document.number.number.replace("/", "-") if document.number else ""
    name = f"{document.type_code}-{document.unit.code}-{document.year}-{number}".rstrip("-")
    return files.serve(field, filename=name)


@login_required
def number_patterns(request):
    """The administrator sets each unit's numbering per year."""
    access.require(access.can_administer(request.user))
    form = PatternForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.pattern_set(unit=form.cleaned_data["unit"], year=form.cleaned_data["year"],
                                 pattern=form.cleaned_data["pattern"], by=request.user)  # fmt: skip
            messages.success(request, _("Pola nomor tersimpan."))
            return redirect("documents:number_patterns")
        except ValidationError as error:
            form.add_error("pattern", error)
    patterns = NumberPattern.objects.select_related("unit").order_by("-year", "unit__name")
    return render(request, "documents/number_patterns.html", {"form": form, "patterns": patterns})


@login_required
def templates_page(request, code: str = ""):
    """The administrator uploads a .docx template per type and sees a preview with demo data."""
    access.require(access.can_administer(request.user))
    doc_type = _type(code) if code else None
    form = TemplateForm()
    if doc_type is not None and request.method == "POST":
        if request.POST.get("action") == "shipped":
            services.template_use_shipped(doc_type=doc_type, by=request.user)
            messages.success(request, _("Templat bawaan dipakai lagi."))
            return redirect("documents:templates_type", code)
        form = TemplateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.template_upload(doc_type=doc_type, upload=form.cleaned_data["file"],
                                         by=request.user)  # fmt: skip
                messages.success(request, _("Templat baru tersimpan dan dipakai."))
                return redirect("documents:templates_type", code)
            except ValidationError as error:
                form.add_error("file", error)
    versions = DocumentTemplate.objects.filter(type_code=code).select_related("uploaded_by")
    return render(request, "documents/templates.html", {
        "types": catalogue.all_types(), "doc_type": doc_type, "form": form,
        "versions": versions if doc_type else [],
        "fields": sorted(doc_type.fields()) if doc_type else [],
    })  # fmt: skip


@login_required
def template_preview(request, code: str, version: int = 0):
    """The type's template (a kept version, or the one in use) filled with demo data."""
    access.require(access.can_administer(request.user))
    doc_type = _type(code)
    content = None
    if version:
        template = get_object_or_404(DocumentTemplate, type_code=code, version=version)
        content = templates_store.stored_content(template)
    data = catalogue.render_demo(doc_type, content)
    return file_response(data, filename=f"contoh-{code}.docx", content_type=DOCX_MIME)


urlpatterns = [
    path("jenis/<slug:code>/<int:pk>/riwayat/", document_register, name="register"),
    path("berkas/<int:pk>/<str:which>", issued_file, name="issued_file"),
    path("pola-nomor/", number_patterns, name="number_patterns"),
    path("templat/", templates_page, name="templates"),
    path("templat/<slug:code>/", templates_page, name="templates_type"),
    path("templat/<slug:code>/contoh.docx", template_preview, name="template_preview"),
    path(
        "templat/<slug:code>/v<int:version>/contoh.docx",
        template_preview,
        name="template_preview_version",
    ),  # fmt: skip
]

"""The LKE worksheet as .xlsx: export, and import with a preview (all rows or none)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.common import exports, staging
from integritas.evaluation import excel, pages, selectors, services
from integritas.evaluation.forms import (
    ImportForm,
)
from integritas.evaluation.models import (
    Assessment,
)
from integritas.evaluation.views import (
    _errors,
    _rights,
)

# --------------------------------------------------------------------------- Excel


def export_excel(request, pk):
    """The worksheet as the viewer may see it: the TPI side only if the page would show it."""
    page = pages.assessment_page(request.user, pk, with_links=True)
    assessment = page.assessment
    body = excel.export_workbook(page.data)
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

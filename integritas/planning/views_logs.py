"""Pasal 9 logs: innovations, the media log and the Tim Pendamping's mentoring log."""

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
from integritas.planning import selectors, services
from integritas.planning.forms import (
    InnovationForm,
    MediaEntryForm,
    MentoringEntryForm,
)
from integritas.planning.models import (
    Innovation,
    MediaEntry,
    MentoringEntry,
)
from integritas.planning.views import (
    PAGE_SIZE,
    _errors_to,
)

# --- Pasal 9 logs and mentoring ------------------------------------------------------------

LOGS = {
    "inovasi": (Innovation, InnovationForm, "innovations", _("Register inovasi (Pasal 9 angka 4)")),
    "media": (MediaEntry, MediaEntryForm, "media", _("Log media dan komunikasi (Pasal 9 angka 5–6)")),
    "pendampingan": (MentoringEntry, MentoringEntryForm, "mentoring",
                     _("Log pendampingan (Pasal 10, Pasal 17 ayat 1–2)")),
}  # fmt: skip


def _may_write_log(user, kind: str, unit_id: int) -> bool:
    """The unit writes its innovations and media log; the Tim Pendamping writes mentoring."""
    if kind == "pendampingan":
        return access.can_mentor_unit(user, unit_id)
    return access.can_write_unit(user, unit_id)


def log_list(request, pk, kind):
    if kind not in LOGS:
        raise Http404
    unit = access.get_unit_for_user(request.user, pk)
    model, _form, key, title = LOGS[kind]
    entries = selectors.unit_logs(unit)[key]
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        f"planning/log_{key}.html",
        {"unit": unit, "page": page, "kind": kind, "title": title,
         "can_write": _may_write_log(request.user, kind, unit.pk)},
    )  # fmt: skip


def log_edit(request, pk, kind, entry_pk=None):
    if kind not in LOGS:
        raise Http404
    unit = access.get_unit_for_user(request.user, pk)
    access.require(_may_write_log(request.user, kind, unit.pk))
    model, form_class, key, title = LOGS[kind]
    entry = get_object_or_404(model, pk=entry_pk, unit=unit) if entry_pk else model(unit=unit)
    form = form_class(request.POST or None, request.FILES or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            if kind == "inovasi":
                upload = form.cleaned_data.get("evidence_upload")
                services.innovation_save(innovation=form.instance, evidence=upload, by=request.user)
            elif kind == "media":
                services.media_entry_save(entry=form.instance, by=request.user)
            else:
                services.mentoring_entry_save(entry=form.instance, by=request.user)
        except ValidationError as exc:
            _errors_to(form, exc)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect("planning:log_list", pk=unit.pk, kind=kind)
    return render(
        request,
        "planning/form.html",
        {"form": form, "unit": unit, "title": title, "multipart": kind == "inovasi",
         "back": reverse("planning:log_list", args=[unit.pk, kind])},
    )  # fmt: skip


@require_POST
def log_delete(request, pk, kind, entry_pk):
    if kind not in LOGS:
        raise Http404
    unit = access.get_unit_for_user(request.user, pk)
    access.require(_may_write_log(request.user, kind, unit.pk))
    model = LOGS[kind][0]
    entry = get_object_or_404(model, pk=entry_pk, unit=unit)
    services.log_entry_delete(entry=entry, by=request.user)
    messages.success(request, _("Dihapus."))
    return redirect("planning:log_list", pk=unit.pk, kind=kind)


def innovation_evidence(request, pk):
    innovation = get_object_or_404(Innovation, pk=pk)
    access.require(access.can_read_unit(request.user, innovation.unit_id))
    return files.serve(innovation.evidence_file)

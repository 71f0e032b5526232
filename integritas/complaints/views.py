"""Staff pages of the complaint register: list, case, recording, handling steps, downloads.

Every view authorises through complaints.access (on the grants of accounts.access) and writes
through one service; every reading of a case's contents is written to the audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts.access import can_administer, require, writable_units_for_user
from integritas.complaints import access, files, selectors, services, workflow
from integritas.complaints.formkeys import form_key, read_form_key
from integritas.complaints.forms import (
    ClassifyForm,
    CloseForm,
    MessageForm,
    StaffComplaintForm,
    StepForm,
    UnitAnswerForm,
    add_service_error,
)
from integritas.complaints.models import Complaint, Message
from integritas.organization.models import Unit


def home(request):
    """Handlers go to the register, pimpinan and unit teams to the figures."""
    if access.handles_register(request.user):
        return redirect("complaints:register")
    if access.can_see_figures(request.user) or writable_units_for_user(request.user).exists():
        return redirect("complaints:figures")
    return render(request, "complaints/none.html")


def register(request):
    require(access.handles_register(request.user))
    status = request.GET.get("status", "")
    if status not in Complaint.Status.values:
        status = ""
    unit_raw = request.GET.get("unit", "")
    unit_id = int(unit_raw) if unit_raw.isdigit() else None
    cases = list(
        selectors.register(access.complaints_for_user(request.user), status=status, unit_id=unit_id)
    )
    today = timezone.localdate()
    holidays = services.extra_holidays()
    rows = [(c, selectors.standing(c, today=today, holidays=holidays)) for c in cases]
    return render(
        request, "complaints/register.html",
        {"rows": rows, "status": status, "statuses": Complaint.Status.choices,
         "breaches": sum(1 for _c, s in rows if s.breached),
         "can_record": access.can_record(request.user)},
    )  # fmt: skip


def case_detail(request, pk: int):
    complaint = access.get_complaint_for_user(request.user, pk)
    workflow.complaint_viewed(complaint=complaint, by=request.user)
    return _render_case(request, complaint)


def _render_case(request, complaint: Complaint, *, forms: dict | None = None, status: int = 200):
    user = request.user
    handler = access.is_handler(user, complaint)
    unit_side = access.is_unit_side(user, complaint) and not handler
    forms = forms or {}
    context = {
        "case": complaint,
        "standing": selectors.standing(complaint, today=timezone.localdate()),
        "steps": selectors.steps(complaint),
        "messages_list": selectors.staff_messages(complaint, unit_side_only=unit_side),
        "case_files": complaint.attachments.filter(message__isnull=True),
        "sees_identity": access.sees_identity(user, complaint),
        "handler": handler,
        "unit_side": access.is_unit_side(user, complaint),
        "next_step": _next_step(complaint) if handler else "",
        "classify_form": forms.get("classify")
        or ClassifyForm(
            initial={
                "kind": complaint.kind,
                "severity": complaint.severity,
                "route": complaint.route,
                "whistleblowing": complaint.whistleblowing,
            }
        ),  # fmt: skip
        "step_form": forms.get("step") or StepForm(),
        "close_form": forms.get("close") or CloseForm(),
        "message_form": forms.get("message") or MessageForm(initial={"formulir": form_key()}),
        "answer_form": forms.get("answer") or UnitAnswerForm(initial={"formulir": form_key()}),
    }
    return render(request, "complaints/case.html", context, status=status)


NEXT_STEP: dict[str, dict[str, str]] = {
    Complaint.Route.TPI: {
        Complaint.Status.RECEIVED: "identify",
        Complaint.Status.IDENTIFICATION: "clarify",
        Complaint.Status.CLARIFICATION: "monitor",
        Complaint.Status.MONITORING: "close",
    },
    Complaint.Route.UNIT: {
        Complaint.Status.RECEIVED: "accept",
        Complaint.Status.IN_PROGRESS: "close",
    },
}


def _next_step(complaint: Complaint) -> str:
    return NEXT_STEP[complaint.route].get(complaint.status, "")


def _fail(request, complaint, key, form, exc):
    add_service_error(form, exc)
    if "formulir" in form.fields:
        form.data = form.data.copy()
        form.data["formulir"] = form_key()
    return _render_case(request, complaint, forms={key: form}, status=400)


def _form_key_of(form) -> str:
    """The key of the form's token; a forged or stale one is a ValidationError."""
    key = read_form_key(form.cleaned_data.get("formulir") or "")
    if key is None:
        raise ValidationError(
            _("Formulir ini kedaluwarsa atau tidak sah. Periksa isian, lalu kirim lagi.")
        )
    return key


REPLAYED = _("Kiriman ini sudah tersimpan sebelumnya; tidak disimpan dua kali.")


@require_POST
def case_classify(request, pk: int):
    complaint = access.get_complaint_for_user(request.user, pk, write=True)
    require(access.is_handler(request.user, complaint))
    form = ClassifyForm(request.POST)
    if not form.is_valid():
        return _render_case(request, complaint, forms={"classify": form}, status=400)
    try:
        workflow.complaint_classify(complaint=complaint, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _fail(request, complaint, "classify", form, exc)
    messages.success(request, _("Klasifikasi tersimpan; batas waktu dihitung ulang."))
    return redirect("complaints:case", pk=pk)


STEPS = {
    "identify": workflow.complaint_identify,
    "monitor": workflow.complaint_monitor,
    "accept": workflow.complaint_accept,
}


@require_POST
def case_step(request, pk: int, step: str):
    complaint = access.get_complaint_for_user(request.user, pk, write=True)
    require(access.is_handler(request.user, complaint))
    form = StepForm(request.POST)
    if not form.is_valid():
        return _render_case(request, complaint, forms={"step": form}, status=400)
    try:
        if step == "clarify":
            workflow.complaint_clarification_request(
                complaint=complaint, body=form.cleaned_data["body"], by=request.user
            )
        elif step in STEPS:
            STEPS[step](complaint=complaint, note=form.cleaned_data["body"], by=request.user)
        else:
            raise Http404
    except ValidationError as exc:
        return _fail(request, complaint, "step", form, exc)
    messages.success(request, _("Langkah tercatat."))
    return redirect("complaints:case", pk=pk)


@require_POST
def case_unit_answer(request, pk: int):
    complaint = access.get_complaint_for_user(request.user, pk, write=True)
    require(access.is_unit_side(request.user, complaint))
    form = UnitAnswerForm(request.POST)
    if not form.is_valid():
        return _render_case(request, complaint, forms={"answer": form}, status=400)
    try:
        workflow.complaint_unit_answer(
            complaint=complaint, body=form.cleaned_data["body"], by=request.user,
            uploads=request.FILES.getlist("berkas"), form_key=_form_key_of(form),
        )  # fmt: skip
    except services.Replayed:
        messages.info(request, REPLAYED)
        return redirect("complaints:case", pk=pk)
    except ValidationError as exc:
        return _fail(request, complaint, "answer", form, exc)
    messages.success(request, _("Jawaban unit tercatat dan diteruskan ke TPI."))
    return redirect("complaints:case", pk=pk)


@require_POST
def case_close(request, pk: int):
    complaint = access.get_complaint_for_user(request.user, pk, write=True)
    require(access.is_handler(request.user, complaint))
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _render_case(request, complaint, forms={"close": form}, status=400)
    try:
        workflow.complaint_close(
            complaint=complaint, outcome=form.cleaned_data["outcome"],
            answer=form.cleaned_data["body"], by=request.user,
            uploads=request.FILES.getlist("berkas"),
        )  # fmt: skip
    except ValidationError as exc:
        return _fail(request, complaint, "close", form, exc)
    messages.success(request, _("Pengaduan selesai; jawaban dapat dibaca pelapor dengan kodenya."))
    return redirect("complaints:case", pk=pk)


@require_POST
def case_message(request, pk: int):
    complaint = access.get_complaint_for_user(request.user, pk, write=True)
    require(access.is_handler(request.user, complaint))
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_case(request, complaint, forms={"message": form}, status=400)
    try:
        workflow.complaint_answer(
            complaint=complaint, body=form.cleaned_data["body"], by=request.user,
            internal=form.cleaned_data["internal"], uploads=request.FILES.getlist("berkas"),
            form_key=_form_key_of(form),
        )  # fmt: skip
    except services.Replayed:
        messages.info(request, REPLAYED)
        return redirect("complaints:case", pk=pk)
    except ValidationError as exc:
        return _fail(request, complaint, "message", form, exc)
    messages.success(request, _("Pesan tersimpan."))
    return redirect("complaints:case", pk=pk)


def attachment_download(request, pk: int, attachment_id: int):
    complaint = access.get_complaint_for_user(request.user, pk)
    attachments = complaint.attachments.all()
    if access.is_unit_side(request.user, complaint) and not access.is_handler(
        request.user, complaint
    ):
        attachments = attachments.exclude(message__direction=Message.Direction.NOTE)
    attachment = attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    workflow.attachment_downloaded(
        complaint=complaint, attachment_label=attachment.label, by=request.user
    )
    return files.serve(attachment)


def case_record(request):
    """Enter a complaint that came by another channel."""
    require(access.can_record(request.user))
    units = (
        Unit.objects.filter(is_active=True)
        if can_administer(request.user)
        else Unit.objects.filter(pk__in=access.officer_unit_ids(request.user))
    ).order_by("name")
    form = StaffComplaintForm(
        request.POST or None, units=units,
        initial={"received_on": timezone.localdate(), "formulir": form_key()},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("formulir", None)
        try:
            complaint, code = services.complaint_record(
                by=request.user, uploads=request.FILES.getlist("berkas"),
                form_key=_form_key_of(form), **data,
            )  # fmt: skip
        except services.Replayed:
            messages.info(request, REPLAYED)
            return redirect("complaints:register")
        except ValidationError as exc:
            add_service_error(form, exc)
            form.data = form.data.copy()
            form.data["formulir"] = form_key()
        else:
            return render(request, "complaints/recorded.html", {"case": complaint, "code": code})
    return render(
        request, "complaints/record.html", {"form": form}, status=400 if form.errors else 200
    )

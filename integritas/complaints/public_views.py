"""Public complaint pages: intake, tracking by receipt code, public figures. No login.

No cookie at all is set here: no session (nothing is stored in one), no messages framework, and
no CSRF cookie. CSRF protects actions a browser takes with ambient authority (a logged-in
session); these forms carry none, and the receipt code itself is the credential. Instead each
form carries a signed token that makes a replayed or stale form harmless (it writes nothing).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from integritas.complaints import files, selectors, services
from integritas.complaints.formkeys import form_key, read_form_key
from integritas.complaints.forms import (
    PublicComplaintForm,
    ReplyForm,
    TrackForm,
    add_service_error,
)
from integritas.surveys import throttle
from integritas.surveys.services import keyed_hash


def _page(request, template: str, context: dict, *, status: int = 200):
    context.setdefault("max_mb", files.max_bytes() // (1024 * 1024))
    response = render(request, f"complaints/public/{template}", context, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _limited(request, scope: str, per_minute: int) -> bool:
    """True when this address has used up its per-minute attempts (only a keyed hash is kept)."""
    if per_minute <= 0:
        return False
    return throttle.hit(keyed_hash("rate", scope, throttle.client_ip(request))) > per_minute


@login_not_required
@csrf_exempt
@never_cache
def intake(request):
    """File a complaint: phone-first, anonymous by default; the receipt code is shown once."""
    if request.method != "POST":
        form = PublicComplaintForm(initial={"formulir": form_key()})
        return _page(request, "intake.html", {"form": form})
    form = PublicComplaintForm(request.POST)
    if _limited(request, "pengaduan", throttle.limit_per_minute()):
        response = _page(request, "intake.html", {"form": form, "throttled": True}, status=429)
        response["Retry-After"] = "60"
        return response
    key = read_form_key(request.POST.get("formulir", ""))
    if not form.is_valid() or key is None:
        if key is None:
            form.add_error(
                None, _("Formulir ini kedaluwarsa atau tidak sah. Periksa isian, lalu kirim lagi.")
            )
        return _refill(request, form)
    data = form.cleaned_data
    try:
        complaint, code = services.complaint_submit_public(
            unit=data["unit"], what=data["what"], service=data["service"],
            happened_on=data["happened_on"], happened_where=data["happened_where"],
            kind=data["kind"], reporter_name=data["reporter_name"],
            reporter_contact=data["reporter_contact"], identity_shared=data["identity_shared"],
            whistleblowing=data["whistleblowing"], uploads=request.FILES.getlist("berkas"),
            form_key=key,
        )  # fmt: skip
    except services.Replayed:
        return _page(request, "replayed.html", {}, status=409)
    except ValidationError as exc:
        add_service_error(form, exc)
        return _refill(request, form)
    return _page(request, "receipt.html", {"code": code, "unit": complaint.unit})


def _refill(request, form):
    """Show the form again with every typed value and a fresh token (files must be re-chosen)."""
    form.data = form.data.copy()
    form.data["formulir"] = form_key()
    files_lost = bool(request.FILES)
    return _page(request, "intake.html", {"form": form, "files_lost": files_lost}, status=400)


@login_not_required
@csrf_exempt
@never_cache
def track(request):
    """With the receipt code: the status, the answers, a reply and files. Nothing else."""
    if request.method != "POST":
        return _page(request, "track.html", {"form": TrackForm()})
    per_minute = int(getattr(settings, "COMPLAINTS_RECEIPT_ATTEMPTS_PER_MINUTE", 10))
    form = TrackForm(request.POST)
    if _limited(request, "pengaduan-lacak", per_minute):
        response = _page(
            request, "track.html", {"form": TrackForm(), "throttled": True}, status=429
        )
        response["Retry-After"] = "60"
        return response
    typed = request.POST.get("kode", "")[:80]
    # Always hash and look up, whatever was typed: a malformed code costs the same work.
    found = services.find_by_receipt(typed)
    complaint = found if form.is_valid() else None
    if complaint is None:
        # Malformed, unknown or another case's typo: one and the same answer.
        return _page(request, "track.html", {"form": TrackForm(), "not_found": True})
    action = request.POST.get("aksi", "")
    reply_form = ReplyForm(initial={"formulir": form_key()})
    notice = ""
    status = 200
    if action == "unduh":
        attachment = selectors.public_attachment(complaint, request.POST.get("berkas_id", ""))
        if attachment is not None:
            return files.serve(attachment, as_attachment=True)
    elif action == "balas":
        reply_form, notice, status = _reply(request, complaint)
    view = selectors.public_case(complaint, today=timezone.localdate())
    return _page(
        request, "case.html",
        {"case": view, "code": typed, "reply_form": reply_form, "notice": notice},
        status=status,
    )  # fmt: skip


def _reply(request, complaint):
    reply_form = ReplyForm(request.POST)
    key = read_form_key(request.POST.get("formulir", ""))
    fresh = ReplyForm(initial={"formulir": form_key()})
    if not reply_form.is_valid() or key is None:
        if key is None:
            reply_form.add_error(None, _("Formulir ini kedaluwarsa atau tidak sah; kirim lagi."))
        reply_form.data = reply_form.data.copy()
        reply_form.data["formulir"] = form_key()
        return reply_form, "", 400
    try:
        services.complainant_reply(
            complaint=complaint, body=reply_form.cleaned_data["body"],
            uploads=request.FILES.getlist("berkas"), form_key=key,
        )  # fmt: skip
    except services.Replayed:
        return fresh, _("Balasan ini sudah terkirim sebelumnya; tidak dikirim dua kali."), 200
    except ValidationError as exc:
        add_service_error(reply_form, exc)
        reply_form.data = reply_form.data.copy()
        reply_form.data["formulir"] = form_key()
        return reply_form, "", 400
    return fresh, _("Balasan Anda terkirim."), 200


@login_not_required
def figures(request):
    """Per unit: counts and the on-time share, never contents; and how to complain."""
    year = timezone.localdate().year
    chosen = request.GET.get("tahun", "")
    if chosen.isdigit() and 2000 <= int(chosen) <= year:
        year = int(chosen)
    rows = selectors.unit_figures(
        year=year, today=timezone.localdate(), include_whistleblowing=False
    )
    return _page(request, "figures.html", {"rows": rows, "year": year})

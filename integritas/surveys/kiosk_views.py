"""Staff pages of the counter kiosk and of a wave's hold policy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integritas.accounts import access
from integritas.surveys import kiosk, permissions, services
from integritas.surveys.kiosk_forms import KioskUnlockForm, PolicyForm
from integritas.surveys.models import Kiosk
from integritas.surveys.policy import policy_for, rules_text
from integritas.surveys.public_views import KIOSK_COOKIE
from integritas.surveys.views import _wave_for_user

KIOSK_COOKIE_DAYS = 30


def kiosk_unlock(request, pk):
    """Unlock this device as a counter kiosk, then sign the staff member out of it."""
    wave = _wave_for_user(request.user, pk)
    access.require(permissions.can_run_kiosk(request.user, wave) and wave.is_open)
    form = KioskUnlockForm(request.POST or None, wave=wave)
    if request.method == "POST" and form.is_valid():
        try:
            _kiosk, raw = kiosk.kiosk_unlock(
                wave=wave, label=form.cleaned_data["label"],
                per_hour_limit=form.cleaned_data["per_hour_limit"],
                service=form.cleaned_data["service"], by=request.user,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            response = redirect(wave.public_path())
            # Signed out first: a respondent at the tablet must never reach the staff pages.
            logout(request)
            response.set_cookie(
                KIOSK_COOKIE, raw, max_age=KIOSK_COOKIE_DAYS * 24 * 3600, path=wave.public_path(),
                httponly=True, samesite="Lax", secure=request.is_secure(),
            )  # fmt: skip
            return response
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "wave": wave,
            "title": _("Buka kios loket — %(title)s") % {"title": wave.title},
            "intro": _(
                "Buka halaman ini pada tablet di loket. Setelah disimpan, tablet menampilkan "
                "kuesioner kosong untuk setiap penerima layanan, tanpa batas satu jawaban per "
                "peramban, dan Anda otomatis keluar dari aplikasi pada tablet ini agar responden "
                "tidak dapat membuka halaman staf. Kunci kios dari halaman gelombang ini di "
                "perangkat mana pun."
            ),
        },
    )


@require_POST
def kiosk_lock(request, pk, kiosk_pk):
    wave = _wave_for_user(request.user, pk)
    access.require(permissions.can_run_kiosk(request.user, wave))
    found = get_object_or_404(Kiosk, pk=kiosk_pk, wave=wave)
    kiosk.kiosk_lock(kiosk=found, by=request.user)
    messages.success(request, _("Kios %(label)s dikunci.") % {"label": found.label})
    return redirect(wave)


def policy_edit(request, pk):
    """The numbers of the wave's hold rules, with what they mean for this questionnaire."""
    wave = _wave_for_user(request.user, pk)
    access.require(permissions.can_set_policy(request.user, wave) and not wave.is_closed)
    policy = policy_for(wave)
    form = PolicyForm(request.POST or None, policy=policy)
    if request.method == "POST" and form.is_valid():
        try:
            services.wave_policy_set(wave=wave, overrides=form.overrides(), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        except PermissionDenied:
            access.require(False)
        else:
            messages.success(request, _("Aturan penahanan tersimpan."))
            return redirect(wave)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "wave": wave,
            "title": _("Aturan penahanan — %(title)s") % {"title": wave.title},
            "intro": " ".join(rules_text(policy)),
        },
    )


__all__ = ["kiosk_lock", "kiosk_unlock", "policy_edit"]

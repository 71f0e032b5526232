"""The public, phone-first questionnaire reached by link or QR code (Pasal 11 ayat 10–14). No login.

Layers against ballot stuffing, outermost first: a per-address rate limit (429 keeps the typed
answers), the honeypot field, the signed form token (idempotency key + render time), the
single-use code (code mode) or one response per browser cookie (open-link mode, weak), and the
suspicion rules that hold a response for review.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid

from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from integritas.common.numbers import query_int
from integritas.surveys import charts, kiosk, selectors, services, throttle
from integritas.surveys.forms import FORM_KEY_FIELD, HONEYPOT_FIELD, CodeEntryForm, PublicForm
from integritas.surveys.models import SurveyWave

BROWSER_COOKIE = "integritas_responden"
KIOSK_COOKIE = "integritas_kios"
SIGNING_NAMESPACE = "integritas.surveys.public-form"
THROTTLE_SCOPE = "survei-publik"


def _not_found(request):
    return render(request, "surveys/public/not_found.html", status=404)


def _wave(token: str, *statuses: str) -> SurveyWave | None:
    return (
        SurveyWave.objects.select_related("unit")
        .filter(token=token, status__in=statuses or [SurveyWave.Status.OPEN])
        .first()
    )


def form_key(*, rendered_at: float | None = None) -> str:
    """A signed form key: a fresh idempotency key and the time the form was rendered."""
    moment = int(time.time() if rendered_at is None else rendered_at)
    return signing.dumps({"k": uuid.uuid4().hex, "t": moment}, salt=SIGNING_NAMESPACE)


def _read_form_token(raw: str) -> tuple[str, int | None, bool]:
    """Return (idempotency key, seconds since the form was rendered, whether it verified)."""
    try:
        payload = signing.loads(raw, salt=SIGNING_NAMESPACE)
        return str(payload["k"])[:64], max(0, int(time.time()) - int(payload["t"])), True
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        # Unverifiable: still idempotent on the raw value, but held for review (reason "timing").
        key = hashlib.sha256(raw.encode()).hexdigest() if raw else uuid.uuid4().hex
        return key, None, False


def _browser_id(request) -> tuple[str, bool]:
    current = request.COOKIES.get(BROWSER_COOKIE, "")
    if 16 <= len(current) <= 64:
        return current, False
    return secrets.token_urlsafe(24), True


def _finish(request, response, browser_id: str, new_cookie: bool):
    if new_cookie:
        response.set_cookie(
            BROWSER_COOKIE, browser_id, max_age=365 * 24 * 3600, httponly=True,
            samesite="Lax", secure=request.is_secure(),
        )  # fmt: skip
    response["X-Robots-Tag"] = "noindex"
    return response


def _kiosk(request, wave: SurveyWave):
    """The unlocked counter tablet this browser is, if any (cookie set when staff unlocked it)."""
    return kiosk.kiosk_for_key(wave, request.COOKIES.get(KIOSK_COOKIE, ""))


def _page(request, wave, context, *, status=200):
    if "kiosk" not in context:
        context["kiosk"] = _kiosk(request, wave)
    context = {"wave": wave, "unit": wave.unit, **context}
    return render(
        request, context.pop("template", "surveys/public/form.html"), context, status=status
    )


@login_not_required
@never_cache
def form(request, token):
    """The questionnaire: code entry first in code mode, then the items; POST stores it once."""
    wave = _wave(token)
    if wave is None:
        return _not_found(request)
    browser_id, new_cookie = _browser_id(request)
    return _finish(request, _form(request, wave, browser_id), browser_id, new_cookie)


def _form(request, wave: SurveyWave, browser_id: str):
    counter = _kiosk(request, wave)
    code_service = None
    raw_code = ""
    if wave.uses_codes:
        raw_code = (request.POST.get("kode") or request.GET.get("kode") or "").strip()
        if not raw_code:
            return _page(
                request,
                wave,
                {"template": "surveys/public/code.html", "code_form": CodeEntryForm()},
            )
        if not throttle.allow(request, scope=THROTTLE_SCOPE):
            return _throttled(request, wave, raw_code)
        # On POST the service checks the code *after* the idempotency key, so a replay of a
        # stored answer is recognised instead of being told its code is used.
        try:
            if request.method != "POST":
                code_service = services.code_check(wave=wave, raw_code=raw_code).service
        except services.CodeRefused as exc:
            code_form = CodeEntryForm(initial={"kode": raw_code})
            return _page(
                request, wave,
                {"template": "surveys/public/code.html", "code_form": code_form, "code_error": str(exc)},
                status=409,
            )  # fmt: skip
    elif request.method == "POST" and not throttle.allow(request, scope=THROTTLE_SCOPE):
        return _throttled(request, wave, raw_code)

    with_service = not wave.uses_codes
    if request.method != "POST":
        initial: dict[str, object] = {FORM_KEY_FIELD: form_key()}
        chosen = query_int(request.GET, "l")
        if with_service and chosen is not None:
            initial["service"] = chosen
        elif with_service and counter is not None and counter.service_id:
            initial["service"] = counter.service_id
        form = PublicForm(wave=wave, with_service=with_service, initial=initial)
        return _page(request, wave, {"form": form, "code": raw_code, "code_service": code_service})

    form = PublicForm(request.POST, wave=wave, with_service=with_service)
    if not form.is_valid():
        return _page(
            request, wave, {"form": form, "code": raw_code, "code_service": code_service, "invalid": True}
        )  # fmt: skip
    key, duration, timing_ok = _read_form_token(form.cleaned_data.get(FORM_KEY_FIELD) or "")
    try:
        services.response_submit_public(
            wave=wave, service=None if wave.uses_codes else form.chosen_service(),
            answers=form.answers(), profile=form.profile(), idempotency_key=key, code=raw_code,
            ip=throttle.client_ip(request),
            browser_id="" if wave.uses_codes or counter else browser_id,
            duration=duration, timing_ok=timing_ok,
            honeypot=bool(form.cleaned_data.get(HONEYPOT_FIELD)), kiosk=counter,
        )  # fmt: skip
    except services.CodeRefused as exc:
        return _refused(request, wave, raw_code, str(exc), form=form)
    except services.AlreadyResponded as exc:
        return _page(
            request,
            wave,
            {"template": "surveys/public/already.html", "message": str(exc)},
            status=409,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, wave, {"form": form, "code": raw_code, "code_service": code_service})
    return redirect("survey_public:thanks", token=wave.token)


def _refused(request, wave, raw_code, message, *, form):
    """A code refused after answering: keep every answer, ask for another code."""
    return _page(
        request, wave,
        {"form": form, "code": raw_code, "code_error": message, "code_editable": True},
        status=409,
    )  # fmt: skip


def _throttled(request, wave, raw_code):
    """HTTP 429, friendly, with the typed answers kept so a retry loses nothing."""
    context = {"throttled": True, "code": raw_code}
    if request.method == "POST":
        context["form"] = PublicForm(
            wave=wave, with_service=not wave.uses_codes, initial=request.POST.dict()
        )
    else:
        context.update(
            {
                "template": "surveys/public/code.html",
                "code_form": CodeEntryForm(initial={"kode": raw_code}),
            }
        )
    response = _page(request, wave, context, status=429)
    response["Retry-After"] = "60"
    return response


@login_not_required
def thanks(request, token):
    wave = _wave(token, SurveyWave.Status.OPEN, SurveyWave.Status.CLOSED)
    if wave is None:
        return _not_found(request)
    return _page(request, wave, {"template": "surveys/public/thanks.html"})


@login_not_required
def public_results(request, token):
    """PermenPANRB 90/2021 LKE 6.iv.b: a closed SKM wave's results, open to anyone."""
    wave = _wave(token, SurveyWave.Status.CLOSED)
    if wave is None or wave.kind != SurveyWave.Kind.SKM or not wave.result_respondents:
        return _not_found(request)
    result = selectors.wave_results(wave)
    return _page(
        request, wave,
        {"template": "surveys/public/results.html", "results": result,
         "chart": charts.items_chart(wave, result.overall),
         "title": _("Hasil Survei Kepuasan Masyarakat")},
    )  # fmt: skip

"""Writes of survey responses: the public form, paper sheets and the review of held answers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import record
from integritas.surveys.holds import hold_reasons
from integritas.surveys.models import (
    PROFILE_COLUMNS,
    Answer,
    Kiosk,
    Response,
    ResponseCode,
    SurveyWave,
    WaveService,
)
from integritas.surveys.policy import policy_for
from integritas.surveys.service_base import (
    AlreadyResponded,
    CodeRefused,
    SubmitOutcome,
    _require_decider,
    _require_status,
    code_check,
    keyed_hash,
)

if TYPE_CHECKING:
    from integritas.accounts.models import User


def _clean_answers(wave: SurveyWave, answers: Mapping[str, int]) -> dict[str, int]:
    codes = wave.item_codes
    missing = [code for code in codes if code not in answers]
    if missing:
        raise ValidationError(
            _("Jawaban belum lengkap: %(items)s.") % {"items": ", ".join(missing)}
        )
    clean: dict[str, int] = {}
    for code in codes:
        value = answers[code]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= wave.scale:
            raise ValidationError(
                _("Jawaban %(code)s harus 1–%(max)d.") % {"code": code, "max": wave.scale}
            )
        clean[code] = value
    return clean


def _clean_profile(wave: SurveyWave, profile: Mapping[str, str]) -> dict[str, str]:
    fields = {field.code: field for field in wave.instrument_obj.profile}
    clean: dict[str, str] = {}
    for code, column in PROFILE_COLUMNS.items():
        value = (profile.get(code) or "").strip()
        if not value:
            continue
        field = fields.get(code)
        if field is None or value not in {choice.code for choice in field.choices}:
            raise ValidationError(_("Pilihan %(field)s tidak dikenal.") % {"field": code})
        clean[column] = value
    return clean


def _weighted_total(wave: SurveyWave, answers: Mapping[str, int]) -> int:
    weights = wave.integer_weights()
    return sum(answers[code] * weights[code] for code in wave.item_codes)


def _store(
    *,
    wave: SurveyWave,
    service: WaveService,
    answers: dict[str, int],
    profile: dict[str, str],
    channel: str,
    status: str,
    reasons: list[str],
    idempotency_key: str,
    now: datetime,
    duration: int | None = None,
    ip_hash: str = "",
    browser_hash: str = "",
    entered_by: User | None = None,
    hold_details: dict[str, Any] | None = None,
    kiosk: Kiosk | None = None,
) -> Response:
    response = Response(
        wave=wave,
        service=service,
        channel=channel,
        status=status,
        review_reasons=reasons,
        hold_details=hold_details or {},
        kiosk=kiosk,
        submitted_at=now,
        duration_seconds=duration,
        idempotency_key=idempotency_key,
        ip_hash=ip_hash,
        browser_hash=browser_hash,
        answer_pattern="".join(str(answers[code]) for code in wave.item_codes),
        weighted_total=_weighted_total(wave, answers),
        entered_by=entered_by,
        **profile,
    )
    response.full_clean(validate_unique=False, validate_constraints=False)
    response.save()
    Answer.objects.bulk_create(
        Answer(response=response, item_code=code, value=value) for code, value in answers.items()
    )
    return response


@transaction.atomic
def response_submit_public(
    *,
    wave: SurveyWave,
    service: WaveService | None,
    answers: Mapping[str, int],
    profile: Mapping[str, str],
    idempotency_key: str,
    code: str = "",
    ip: str = "",
    browser_id: str = "",
    duration: int | None = None,
    timing_ok: bool = True,
    honeypot: bool = False,
    now: datetime | None = None,
    kiosk: Kiosk | None = None,
) -> SubmitOutcome:
    """Pasal 11 ayat 10–14: store one public response once, behind the wave's layers of protection.

    The hold rules are the wave's own policy (policy.py). A kiosk unlocked by staff for this
    wave skips the one-per-browser block and the same-address rule, within its hourly ceiling.

    Order matters: a replay (same idempotency key) answers "stored" before the code check, so a
    retry after a lost connection never reports the code it just used as "already used".
    """
    now = now or timezone.now()
    if not wave.is_open:
        raise ValidationError(_("Survei ini tidak sedang dibuka."))
    existing = Response.objects.filter(wave=wave, idempotency_key=idempotency_key).first()
    if existing is not None:
        return SubmitOutcome(existing, replay=True)
    clean_answers = _clean_answers(wave, answers)
    clean_profile = _clean_profile(wave, profile)
    browser_hash = keyed_hash("browser", wave.pk, browser_id) if browser_id else ""
    if wave.uses_codes:
        found = code_check(wave=wave, raw_code=code, now=now)
        # Conditional UPDATE: of two racing submissions only one can flip used_at.
        claimed = ResponseCode.objects.filter(
            pk=found.pk, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        if not claimed:
            replay = Response.objects.filter(wave=wave, idempotency_key=idempotency_key).first()
            if replay is not None:
                return SubmitOutcome(replay, replay=True)
            raise CodeRefused(
                _(
                    "Kode survei ini sudah dipakai. Setiap kode hanya berlaku untuk satu kali pengisian."
                )
            )
        service = found.service
    else:
        if service is None or service.wave_id != wave.pk:
            raise ValidationError(_("Pilih jenis layanan yang Anda terima."))
        if (
            kiosk is None
            and browser_hash
            and Response.objects.filter(wave=wave, browser_hash=browser_hash).exists()
        ):
            raise AlreadyResponded(
                _("Perangkat ini sudah mengisi survei ini. Terima kasih atas partisipasi Anda.")
            )
    ip_hash = keyed_hash("ip", wave.pk, ip) if ip else ""
    if kiosk is not None and (kiosk.wave_id != wave.pk or not kiosk.is_unlocked):
        kiosk = None
    details = hold_reasons(
        wave,
        policy=policy_for(wave),
        pattern="".join(str(clean_answers[c]) for c in wave.item_codes),
        ip_hash=ip_hash,
        duration=duration,
        timing_ok=timing_ok,
        honeypot=honeypot,
        now=now,
        kiosk=kiosk,
    )
    reasons = [str(code) for code in details]
    status = Response.Status.HELD if reasons else Response.Status.ACCEPTED
    try:
        with transaction.atomic():
            response = _store(
                wave=wave, service=service, answers=clean_answers, profile=clean_profile,
                channel=Response.Channel.PUBLIC, status=status, reasons=reasons,
                idempotency_key=idempotency_key, now=now, duration=duration, ip_hash=ip_hash,
                browser_hash=browser_hash, hold_details=details, kiosk=kiosk,
            )  # fmt: skip
    except IntegrityError:
        # A concurrent request with the same key won the insert: this one is its replay.
        replay = Response.objects.filter(wave=wave, idempotency_key=idempotency_key).first()
        if replay is None:
            raise
        transaction.set_rollback(True)
        return SubmitOutcome(replay, replay=True)
    record(actor="publik", action="survei.jawaban_masuk", obj=response, unit_id=wave.unit_id,
           object_repr=f"{wave.title} #{response.pk}",
           changes={"status": [None, status], "channel": [None, Response.Channel.PUBLIC],
                    "service_id": [None, service.pk], "reasons": [None, reasons],
                    "kiosk_id": [None, kiosk.pk if kiosk else None]})  # fmt: skip
    return SubmitOutcome(response, replay=False)


@transaction.atomic
def response_enter_paper(
    *,
    wave: SurveyWave,
    service: WaveService,
    answers: Mapping[str, int],
    profile: Mapping[str, str],
    sheet_number: str,
    by: User,
) -> Response:
    """Pasal 11 ayat 10–14: staff type in a paper questionnaire; its sheet number is entered only once.

    Pasal 11 ayat (10): for a wave feeding the unit's LKE hasil only someone outside the unit
    (TPI or city administrator) enters sheets (permissions.can_decide_responses).
    """
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    _require_decider(wave, by)
    _require_status(wave, SurveyWave.Status.OPEN)
    if service.wave_id != wave.pk:
        raise ValidationError(_("Layanan bukan bagian dari gelombang ini."))
    sheet = sheet_number.strip()
    if not sheet:
        raise ValidationError(_("Nomor lembar kuesioner wajib diisi."))
    key = f"kertas:{sheet}"[:64]
    if Response.objects.filter(wave=wave, idempotency_key=key).exists():
        raise ValidationError(
            _("Lembar kuesioner nomor %(n)s sudah dimasukkan sebelumnya.") % {"n": sheet}
        )
    response = _store(
        wave=wave, service=service, answers=_clean_answers(wave, answers),
        profile=_clean_profile(wave, profile), channel=Response.Channel.PAPER,
        status=Response.Status.ACCEPTED, reasons=[], idempotency_key=key, now=timezone.now(),
        entered_by=by,
    )  # fmt: skip
    record(actor=by, action="survei.jawaban_kertas", obj=response, unit_id=wave.unit_id,
           object_repr=f"{wave.title} #{response.pk}",
           changes={"sheet": [None, sheet], "service_id": [None, service.pk]})  # fmt: skip
    return response


@transaction.atomic
def responses_review(
    *, wave: SurveyWave, response_ids: Iterable[int], accept: bool, note: str, by: User
) -> int:
    """Pasal 11 ayat 10–14: accept or reject responses (never delete); a rejection needs its reason.

    Pasal 11 ayat (10): a wave feeding the unit's LKE hasil is decided outside the unit.
    """
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    _require_decider(wave, by)
    _require_status(wave, SurveyWave.Status.OPEN)
    note = note.strip()
    if not accept and not note:
        raise ValidationError(_("Tuliskan alasan penolakan."))
    target = Response.Status.ACCEPTED if accept else Response.Status.REJECTED
    rows = list(
        Response.objects.select_for_update()
        .filter(wave=wave, pk__in=list(response_ids))
        .exclude(status=target)
    )
    now = timezone.now()
    for response in rows:
        before = response.status
        response.status = target
        response.review_note = note[:500]
        response.reviewed_by = by
        response.reviewed_at = now
        response.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
        record(actor=by, action="survei.jawaban_diterima" if accept else "survei.jawaban_ditolak",
               obj=response, unit_id=wave.unit_id, object_repr=f"{wave.title} #{response.pk}",
               changes={"status": [before, target], "review_note": [None, note]})  # fmt: skip
    return len(rows)

"""Writes of the surveys part: waves, services, codes, responses, review, closing. Each audited."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import diff, record, snapshot
from integritas.common.formatting import waktu
from integritas.organization.models import Unit
from integritas.surveys import indices, selectors
from integritas.surveys.instruments import InstrumentError, bundled_instrument, parse_instrument
from integritas.surveys.models import (
    PROFILE_COLUMNS,
    Answer,
    CodeBatch,
    FollowUp,
    Response,
    ResponseCode,
    SurveyWave,
    WaveService,
    instrument_data,
    period_dates,
    weight_denominator_for,
)

BUNDLED_BY_KIND = {"skm": "skm-14-2017", "spak": "spak", "spkp": "spkp"}
SIX_POINT_ANSWERS = [
    "Sangat tidak setuju",
    "Tidak setuju",
    "Agak tidak setuju",
    "Agak setuju",
    "Setuju",
    "Sangat setuju",
]
"""ZI-RULES §2.2: the 1–6 questionnaires in use ask agreement on six steps (6 = best)."""

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""No 0/O, 1/I/L: a code copied from a receipt by hand cannot be misread."""
CODE_LENGTH = 8
SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SLUG_LENGTH = 12
MAX_CODES_PER_BATCH = 500


@dataclass(frozen=True)
class SuspicionRules:
    """Issue 4 §4: when a public response is held for review instead of counted."""

    seconds_per_item: int = 2
    min_seconds: int = 10
    pattern_repeats: int = 5
    pattern_window: timedelta = timedelta(hours=1)
    burst_count: int = 5
    burst_window: timedelta = timedelta(minutes=5)

    def fast_threshold(self, items: int) -> int:
        return max(self.min_seconds, self.seconds_per_item * items)


RULES = SuspicionRules()


class CodeRefused(Exception):
    """A response code that cannot admit a response; the message says why, in Indonesian."""


class AlreadyResponded(Exception):
    """Open-link wave: this browser already answered (a weak, honest control)."""


@dataclass(frozen=True)
class SubmitOutcome:
    response: Response
    replay: bool


# --- helpers ----------------------------------------------------------------------------------


def _require_status(wave: SurveyWave, *statuses: str) -> None:
    if wave.status not in statuses:
        raise ValidationError(
            _("Gelombang berstatus %(status)s; tindakan ini tidak dapat dilakukan.")
            % {"status": wave.get_status_display()}
        )


def _new_token() -> str:
    return "".join(secrets.choice(SLUG_ALPHABET) for _ in range(SLUG_LENGTH))


def keyed_hash(*parts: object) -> str:
    """HMAC-SHA256 with the site secret: no raw address or browser id is ever stored."""
    message = "\x1f".join(str(part) for part in parts).encode()
    key = hashlib.sha256(f"integritas-surveys:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def normalise_code(raw: str) -> str:
    """Upper-case a typed code and drop spaces and dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def _audit_wave(wave: SurveyWave, before: dict[str, Any], *, by: Any, action: str) -> None:
    record(
        actor=by,
        action=action,
        obj=wave,
        unit_id=wave.unit_id,
        # An update compares the fields it snapshotted before; a creation shows every field.
        changes=diff(before, snapshot(wave, list(before) if before else None)),
    )


def _snapshot_instrument(kind: str, scale: int) -> dict[str, Any]:
    data = instrument_data(bundled_instrument(BUNDLED_BY_KIND[kind]))
    if scale == 6:
        data["scale"] = {"min": 1, "max": 6}
        for item in data["items"]:
            item["answers"] = list(SIX_POINT_ANSWERS)
        data["code"] = f"{data['code']}-skala-6"
    return data


def _set_instrument(wave: SurveyWave, data: dict[str, Any]) -> None:
    """Validate an instrument copy (weights sum to 1) and store it with its weight denominator."""
    try:
        instrument = parse_instrument(data, source=_("instrumen gelombang"))
    except InstrumentError as exc:
        raise ValidationError(str(exc)) from exc
    wave.instrument = data
    wave.instrument_code = instrument.code
    wave.scale = instrument.scale.maximum
    wave.weight_denominator = weight_denominator_for(instrument)
    wave.__dict__.pop("instrument_obj", None)


# --- waves ------------------------------------------------------------------------------------


@transaction.atomic
def wave_create(
    *,
    unit: Unit,
    kind: str,
    period_type: str,
    year: int,
    period_number: int,
    access_mode: str,
    code_validity_days: int = 7,
    scale: int = 4,
    conversion: str = "",
    sample_method: str = SurveyWave.SampleMethod.FORMULA,
    by: Any,
) -> SurveyWave:
    """Issue 4 §2: a wave per unit and period, with a snapshot of the bundled instrument."""
    if kind == SurveyWave.Kind.SKM and scale != 4:
        raise ValidationError(_("SKM (PermenPANRB 14/2017) selalu memakai skala 1–4."))
    if scale == 6 and not conversion:
        raise ValidationError(
            _("Instrumen skala 1–6 wajib memilih konversi ke indeks 0–4 (keputusan A.9).")
        )
    start, end = period_dates(period_type, year, period_number)
    wave = SurveyWave(
        unit=unit,
        kind=kind,
        period_type=period_type,
        year=year,
        period_number=period_number,
        start_date=start,
        end_date=end,
        access_mode=access_mode,
        code_validity_days=code_validity_days,
        conversion=conversion if scale == 6 else "",
        sample_method=sample_method,
        token=_new_token(),
        created_by=by,
    )
    _set_instrument(wave, _snapshot_instrument(kind, scale))
    wave.full_clean()
    wave.save()
    record(actor=by, action="survei.gelombang_dibuat", obj=wave, unit_id=unit.pk,
           changes=diff({}, snapshot(wave, ["kind", "year", "period_type", "period_number",
                                            "access_mode", "scale", "conversion", "instrument_code"])))  # fmt: skip
    return wave


EDITABLE_AFTER_DRAFT = {
    SurveyWave.Status.OPEN: ("code_validity_days", "end_date", "report_analysis"),
    SurveyWave.Status.CLOSED: ("report_analysis",),
}


@transaction.atomic
def wave_update(*, wave: SurveyWave, changes: Mapping[str, Any], by: Any) -> SurveyWave:
    """Change a wave's settings: everything while a draft; only a few things afterwards."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    allowed = EDITABLE_AFTER_DRAFT.get(SurveyWave.Status(wave.status))
    if allowed is not None and set(changes) - set(allowed):
        raise ValidationError(
            _("Gelombang berstatus %(status)s; yang masih dapat diubah: %(fields)s.")
            % {
                "status": wave.get_status_display(),
                "fields": ", ".join(
                    str(getattr(SurveyWave._meta.get_field(f), "verbose_name", f)) for f in allowed
                ),
            }
        )
    before = snapshot(wave)
    for name, value in changes.items():
        setattr(wave, name, value)
    fields = [*changes]
    if {"period_type", "year", "period_number"} & set(changes):
        wave.start_date, wave.end_date = period_dates(
            wave.period_type, wave.year, wave.period_number
        )
        fields += ["start_date", "end_date"]
    if wave.scale == 4:
        wave.conversion = ""
    wave.full_clean()
    wave.save(update_fields=sorted({*fields, "conversion"}))
    if "sample_method" in changes:
        for service in wave.services.all():
            _apply_target(wave, service)
            service.save(update_fields=["target_sample"])
    _audit_wave(wave, before, by=by, action="survei.gelombang_diubah")
    return wave


@transaction.atomic
def wave_item_add(
    *, wave: SurveyWave, name: str, text: str, answers: list[str], by: Any
) -> SurveyWave:
    """PermenPANRB 14/2017: a unit may add unsur; every item then weighs 1/n until reweighted."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    _require_status(wave, SurveyWave.Status.DRAFT)
    before = snapshot(wave, ["instrument"])
    data = dict(wave.instrument)
    items = [dict(item) for item in data["items"]]
    prefix = "U" if wave.kind == SurveyWave.Kind.SKM else "Q"
    taken = {item["code"] for item in items}
    number = len(items) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    items.append({"code": f"{prefix}{number}", "name": name, "text": text, "answers": answers})
    share = str(Fraction(1, len(items)))
    for item in items:
        item["weight"] = share
    data["items"] = items
    _set_instrument(wave, data)
    wave.full_clean()
    wave.save(update_fields=["instrument", "instrument_code", "scale", "weight_denominator"])
    record(actor=by, action="survei.butir_ditambah", obj=wave, unit_id=wave.unit_id,
           changes=diff(before, snapshot(wave, ["instrument"])))  # fmt: skip
    return wave


@transaction.atomic
def wave_item_remove(*, wave: SurveyWave, code: str, by: Any) -> SurveyWave:
    """Remove an item the unit added (never one of the instrument's own); weights go back to 1/n."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    _require_status(wave, SurveyWave.Status.DRAFT)
    own = set(bundled_instrument(BUNDLED_BY_KIND[wave.kind]).codes)
    if code in own:
        raise ValidationError(_("Butir bawaan instrumen tidak dapat dihapus."))
    before = snapshot(wave, ["instrument"])
    data = dict(wave.instrument)
    items = [dict(item) for item in data["items"] if item["code"] != code]
    share = str(Fraction(1, len(items)))
    for item in items:
        item["weight"] = share
    data["items"] = items
    _set_instrument(wave, data)
    wave.save(update_fields=["instrument", "instrument_code", "scale", "weight_denominator"])
    record(actor=by, action="survei.butir_dihapus", obj=wave, unit_id=wave.unit_id,
           changes=diff(before, snapshot(wave, ["instrument"])))  # fmt: skip
    return wave


@transaction.atomic
def wave_weights_set(*, wave: SurveyWave, weights: Mapping[str, Fraction], by: Any) -> SurveyWave:
    """PermenPANRB 14/2017: a unit may set its own weights as long as they sum to 1."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    _require_status(wave, SurveyWave.Status.DRAFT)
    total = sum(weights.values(), Fraction(0))
    if total != 1:
        raise ValidationError(
            _("Jumlah bobot harus tepat 1, bukan %(total)s.") % {"total": str(total)}
        )
    before = snapshot(wave, ["instrument"])
    data = dict(wave.instrument)
    data["items"] = [{**item, "weight": str(weights[item["code"]])} for item in data["items"]]
    _set_instrument(wave, data)
    wave.save(update_fields=["instrument", "instrument_code", "scale", "weight_denominator"])
    record(actor=by, action="survei.bobot_diubah", obj=wave, unit_id=wave.unit_id,
           changes=diff(before, snapshot(wave, ["instrument"])))  # fmt: skip
    return wave


@transaction.atomic
def wave_open(*, wave: SurveyWave, by: Any) -> SurveyWave:
    """Open a draft wave for responses; its instrument is frozen from now on."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    _require_status(wave, SurveyWave.Status.DRAFT)
    if not wave.services.exists():
        raise ValidationError(_("Tambahkan minimal satu jenis layanan beserta populasinya."))
    parse_instrument(wave.instrument)
    before = snapshot(wave)
    wave.status = SurveyWave.Status.OPEN
    wave.opened_at = timezone.now()
    wave.full_clean()
    wave.save(update_fields=["status", "opened_at"])
    _audit_wave(wave, before, by=by, action="survei.gelombang_dibuka")
    return wave


@transaction.atomic
def wave_close(*, wave: SurveyWave, by: Any) -> SurveyWave:
    """Issue 4 §5: close, freeze the indices, and make them the unit's LKE hasil inputs."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    _require_status(wave, SurveyWave.Status.OPEN)
    before = snapshot(
        wave,
        [
            "status",
            "closed_at",
            "closed_by_id",
            "result_value",
            "result_mutu",
            "result_respondents",
        ],
    )
    results = selectors.wave_results(wave)
    wave.status = SurveyWave.Status.CLOSED
    wave.closed_at = timezone.now()
    wave.closed_by = by
    wave.results = selectors.results_as_json(results)
    wave.result_respondents = results.respondents
    # SKM: the IKM as classified (2 decimals); SPAK/SPKP: the index kept to the LKE field's 4.
    if results.value_exact is None:
        wave.result_value = None
    elif wave.kind == SurveyWave.Kind.SKM:
        wave.result_value = results.value
    else:
        wave.result_value = indices.round_half_up(results.value_exact, 4)
    wave.result_mutu = results.mutu or ""
    wave.full_clean()
    wave.save(
        update_fields=["status", "closed_at", "closed_by", "results", "result_value",
                       "result_mutu", "result_respondents"]
    )  # fmt: skip
    _audit_wave(wave, before, by=by, action="survei.gelombang_ditutup")
    if wave.kind != SurveyWave.Kind.SKM and wave.result_value is not None:
        wave.results["lke"] = _feed_hasil(wave, by=by)
        wave.save(update_fields=["results"])
    return wave


def _feed_hasil(wave: SurveyWave, *, by: Any) -> dict[str, Any]:
    """Pasal 11 ayat (10)–(12): a closed SPAK/SPKP wave becomes the LKE IPAK/IPKP input."""
    from integritas.evaluation import services as evaluation_services

    field = "ipak_index" if wave.kind == SurveyWave.Kind.SPAK else "ipkp_index"
    try:
        with transaction.atomic():
            evaluation_services.hasil_inputs_set(
                unit=wave.unit,
                year=wave.year,
                source_wave_id=wave.pk,
                source_label=_("%(title)s (%(n)d responden, gelombang survei #%(pk)d)")
                % {"title": wave.title, "n": wave.result_respondents, "pk": wave.pk},
                by=by,
                **{field: wave.result_value},
            )
    except ValidationError as exc:
        # The wave still closes; the LKE keeps what it had (e.g. a final assessment).
        return {"field": field, "fed": False, "message": " ".join(exc.messages)}
    return {"field": field, "fed": True, "year": wave.year}


# --- services (jenis layanan) -----------------------------------------------------------------


def _apply_target(wave: SurveyWave, service: WaveService) -> None:
    service.target_sample = indices.sample_size(service.population, wave.sample_method)


@transaction.atomic
def service_save(*, service: WaveService, by: Any) -> WaveService:
    """Add or change a surveyed service; its target sample follows Krejcie & Morgan (A.9)."""
    wave = SurveyWave.objects.select_for_update().get(pk=service.wave_id)
    _require_status(wave, SurveyWave.Status.DRAFT, SurveyWave.Status.OPEN)
    before = snapshot(WaveService.objects.get(pk=service.pk)) if service.pk else {}
    if service.pk is None and wave.is_open:
        raise ValidationError(_("Layanan baru hanya dapat ditambahkan selama draf."))
    if service.pk is None:
        service.position = wave.services.count() + 1
    _apply_target(wave, service)
    service.full_clean()
    service.save()
    record(actor=by, action="survei.layanan_disimpan", obj=service, unit_id=wave.unit_id,
           changes=diff(before, snapshot(service)))  # fmt: skip
    return service


@transaction.atomic
def service_remove(*, service: WaveService, by: Any) -> None:
    """Remove a service from a draft wave (a draft has no responses yet)."""
    wave = SurveyWave.objects.select_for_update().get(pk=service.wave_id)
    _require_status(wave, SurveyWave.Status.DRAFT)
    if service.responses.exists() or service.codes.exists():
        raise ValidationError(_("Layanan ini sudah memiliki jawaban atau kode."))
    record(actor=by, action="survei.layanan_dihapus", obj=service, unit_id=wave.unit_id,
           changes=diff(snapshot(service), {}))  # fmt: skip
    service.delete()


# --- codes ------------------------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def codes_issue(
    *, wave: SurveyWave, service: WaveService, count: int, validity_days: int | None, by: Any
) -> CodeBatch:
    """Issue 4 §3: single-use codes for a service counter, valid for N days."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    _require_status(wave, SurveyWave.Status.DRAFT, SurveyWave.Status.OPEN)
    if service.wave_id != wave.pk:
        raise ValidationError(_("Layanan bukan bagian dari gelombang ini."))
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise ValidationError(
            _("Jumlah kode per terbitan 1–%(max)d.") % {"max": MAX_CODES_PER_BATCH}
        )
    now = timezone.now()
    expires = now + timedelta(days=validity_days or wave.code_validity_days)
    batch = CodeBatch(
        wave=wave, service=service, count=count, issued_at=now, expires_at=expires, issued_by=by
    )
    batch.full_clean()
    batch.save()
    codes: set[str] = set()
    while len(codes) < count:
        codes |= {_new_code() for _ in range(count - len(codes))}
        clash = set(
            ResponseCode.objects.filter(wave=wave, code__in=codes).values_list("code", flat=True)
        )
        codes -= clash
    ResponseCode.objects.bulk_create(
        ResponseCode(wave=wave, service=service, batch=batch, code=code, issued_at=now,
                     expires_at=expires)
        for code in sorted(codes)
    )  # fmt: skip
    record(actor=by, action="survei.kode_diterbitkan", obj=batch, unit_id=wave.unit_id,
           changes={"count": [None, count], "service": [None, service.name],
                    "expires_at": [None, expires]})  # fmt: skip
    return batch


def code_check(*, wave: SurveyWave, raw_code: str, now: datetime | None = None) -> ResponseCode:
    """Find a code that can still admit a response, or raise CodeRefused with the reason."""
    now = now or timezone.now()
    code = normalise_code(raw_code)
    found = (
        ResponseCode.objects.select_related("service").filter(wave=wave, code=code).first()
        if code
        else None
    )
    if found is None:
        raise CodeRefused(
            _(
                "Kode survei tidak dikenal. Periksa kembali kode pada struk atau karcis antrean Anda."
            )
        )
    if found.used_at is not None:
        raise CodeRefused(
            _("Kode survei ini sudah dipakai. Setiap kode hanya berlaku untuk satu kali pengisian.")
        )
    if found.expires_at <= now:
        raise CodeRefused(
            _("Kode survei ini sudah tidak berlaku (batas %(date)s).")
            % {"date": waktu(found.expires_at)}
        )
    return found


# --- responses --------------------------------------------------------------------------------


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


def _suspicions(
    wave: SurveyWave,
    *,
    pattern: str,
    ip_hash: str,
    duration: int | None,
    timing_ok: bool,
    honeypot: bool,
    now: datetime,
    rules: SuspicionRules,
) -> list[str]:
    """Issue 4 §4: the reasons to hold a public response for a human to review."""
    reasons: list[str] = []
    if honeypot:
        reasons.append(Response.Reason.HONEYPOT)
    if not timing_ok:
        reasons.append(Response.Reason.TIMING)
    elif duration is not None and duration < rules.fast_threshold(len(wave.item_codes)):
        reasons.append(Response.Reason.FAST)
    same_pattern = Response.objects.filter(
        wave=wave, answer_pattern=pattern, submitted_at__gte=now - rules.pattern_window
    ).count()
    if same_pattern + 1 >= rules.pattern_repeats:
        reasons.append(Response.Reason.PATTERN)
    if ip_hash:
        same_address = Response.objects.filter(
            wave=wave, ip_hash=ip_hash, submitted_at__gte=now - rules.burst_window
        ).count()
        if same_address + 1 > rules.burst_count:
            reasons.append(Response.Reason.BURST)
    return reasons


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
    entered_by: Any = None,
) -> Response:
    response = Response(
        wave=wave,
        service=service,
        channel=channel,
        status=status,
        review_reasons=reasons,
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
    rules: SuspicionRules = RULES,
) -> SubmitOutcome:
    """Issue 4 §3: store one public response once, behind the wave's layers of protection.

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
        if browser_hash and Response.objects.filter(wave=wave, browser_hash=browser_hash).exists():
            raise AlreadyResponded(
                _("Perangkat ini sudah mengisi survei ini. Terima kasih atas partisipasi Anda.")
            )
    ip_hash = keyed_hash("ip", wave.pk, ip) if ip else ""
    reasons = _suspicions(
        wave,
        pattern="".join(str(clean_answers[c]) for c in wave.item_codes),
        ip_hash=ip_hash,
        duration=duration,
        timing_ok=timing_ok,
        honeypot=honeypot,
        now=now,
        rules=rules,
    )
    status = Response.Status.HELD if reasons else Response.Status.ACCEPTED
    try:
        with transaction.atomic():
            response = _store(
                wave=wave, service=service, answers=clean_answers, profile=clean_profile,
                channel=Response.Channel.PUBLIC, status=status, reasons=[str(r) for r in reasons],
                idempotency_key=idempotency_key, now=now, duration=duration, ip_hash=ip_hash,
                browser_hash=browser_hash,
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
                    "service_id": [None, service.pk], "reasons": [None, reasons]})  # fmt: skip
    return SubmitOutcome(response, replay=False)


@transaction.atomic
def response_enter_paper(
    *,
    wave: SurveyWave,
    service: WaveService,
    answers: Mapping[str, int],
    profile: Mapping[str, str],
    sheet_number: str,
    by: Any,
) -> Response:
    """Issue 4 §4: staff type in a paper questionnaire; its sheet number is entered only once."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
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
    *, wave: SurveyWave, response_ids: Iterable[int], accept: bool, note: str, by: Any
) -> int:
    """Issue 4 §4: accept or reject responses (never delete); a rejection needs its reason."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
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


# --- report -----------------------------------------------------------------------------------


@transaction.atomic
def follow_up_save(*, follow_up: FollowUp, by: Any) -> FollowUp:
    """SKM report (PermenPANRB 14/2017): a follow-up action on a weak unsur."""
    before = snapshot(FollowUp.objects.get(pk=follow_up.pk)) if follow_up.pk else {}
    if follow_up.item_code not in follow_up.wave.item_codes:
        raise ValidationError(_("Unsur/butir tidak ada dalam instrumen gelombang ini."))
    if follow_up.pk is None:
        follow_up.position = follow_up.wave.follow_ups.count() + 1
    follow_up.full_clean()
    follow_up.save()
    record(actor=by, action="survei.tindak_lanjut_disimpan", obj=follow_up,
           unit_id=follow_up.wave.unit_id, changes=diff(before, snapshot(follow_up)))  # fmt: skip
    return follow_up


@transaction.atomic
def follow_up_remove(*, follow_up: FollowUp, by: Any) -> None:
    """Remove a follow-up row of the report plan."""
    record(actor=by, action="survei.tindak_lanjut_dihapus", obj=follow_up,
           unit_id=follow_up.wave.unit_id, changes=diff(snapshot(follow_up), {}))  # fmt: skip
    follow_up.delete()

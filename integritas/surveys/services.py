"""Writes of the surveys part: waves, services, codes, closing and reports. Each audited.

Response writes (public form, paper, review) are in response_services.py and re-exported here.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import timedelta
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import diff, record, snapshot
from integritas.organization.models import Unit
from integritas.surveys import indices, permissions, selectors
from integritas.surveys.instruments import (
    InstrumentError,
    bundled_instrument,
    instrument_data,
    parse_instrument,
)
from integritas.surveys.models import (
    CodeBatch,
    FollowUp,
    ResponseCode,
    SurveyWave,
    WaveService,
    period_dates,
    weight_denominator_for,
)
from integritas.surveys.policy import clean_overrides, default_policy

# The response writes and the shared helpers live in their own modules; callers keep using
# `services.<name>` for every survey write.
from integritas.surveys.response_services import (  # noqa: F401
    response_enter_paper,
    response_submit_public,
    responses_review,
)
from integritas.surveys.service_base import (  # noqa: F401
    AlreadyResponded,
    CodeRefused,
    SubmitOutcome,
    _require_status,
    code_check,
    keyed_hash,
    normalise_code,
)

if TYPE_CHECKING:
    from integritas.accounts.models import User

BUNDLED_BY_KIND = {"skm": "skm-14-2017", "spak": "spak", "spkp": "spkp"}
SIX_POINT_ANSWERS = [
    "Sangat tidak setuju",
    "Tidak setuju",
    "Agak tidak setuju",
    "Agak setuju",
    "Setuju",
    "Sangat setuju",
]
"""docs/zi-rules.md §2.2: the 1–6 questionnaires in use ask agreement on six steps (6 = best)."""

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""No 0/O, 1/I/L: a code copied from a receipt by hand cannot be misread."""
CODE_LENGTH = 8
SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SLUG_LENGTH = 12
MAX_CODES_PER_BATCH = 500


# --- helpers ----------------------------------------------------------------------------------


def _new_token() -> str:
    return "".join(secrets.choice(SLUG_ALPHABET) for _ in range(SLUG_LENGTH))


def _audit_wave(wave: SurveyWave, before: dict[str, Any], *, by: User, action: str) -> None:
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
    by: User,
) -> SurveyWave:
    """Pasal 11 ayat 10–14: a wave per unit and period, with a snapshot of the bundled instrument."""
    if kind == SurveyWave.Kind.SKM and scale != 4:
        raise ValidationError(_("SKM (PermenPANRB 14/2017) selalu memakai skala 1–4."))
    if scale == 6 and not conversion:
        raise ValidationError(_("Instrumen skala 1–6 wajib memilih konversi ke indeks 0–4."))
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
def wave_update(*, wave: SurveyWave, changes: Mapping[str, Any], by: User) -> SurveyWave:
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
def wave_policy_set(*, wave: SurveyWave, overrides: Mapping[str, Any], by: User) -> SurveyWave:
    """Set the numbers of the wave's hold rules (policy.py); a number equal to its default is
    not stored, so the wave keeps following its instrument. Pasal 11 ayat (10): for a wave
    feeding the LKE hasil only the deciders outside the unit change them.
    """
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    if not permissions.can_set_policy(by, wave):
        raise PermissionDenied(_("Aturan penahanan survei ini diatur oleh TPI atau administrator."))
    _require_status(wave, SurveyWave.Status.DRAFT, SurveyWave.Status.OPEN)
    clean = clean_overrides(overrides)
    defaults = default_policy(questions=len(wave.item_codes), access_mode=wave.access_mode)
    before = snapshot(wave, ["hold_policy"])
    wave.hold_policy = {k: v for k, v in clean.items() if getattr(defaults, k) != v}
    wave.full_clean()
    wave.save(update_fields=["hold_policy"])
    _audit_wave(wave, before, by=by, action="survei.aturan_penahanan_diubah")
    return wave


@transaction.atomic
def wave_item_add(
    *, wave: SurveyWave, name: str, text: str, answers: list[str], by: User
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
def wave_item_remove(*, wave: SurveyWave, code: str, by: User) -> SurveyWave:
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
def wave_weights_set(*, wave: SurveyWave, weights: Mapping[str, Fraction], by: User) -> SurveyWave:
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
def wave_open(*, wave: SurveyWave, by: User) -> SurveyWave:
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
def wave_close(*, wave: SurveyWave, by: User) -> SurveyWave:
    """Pasal 11 ayat 10–14: close, freeze the indices, and make them the unit's LKE hasil inputs."""
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


def _feed_hasil(wave: SurveyWave, *, by: User) -> dict[str, Any]:
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
def service_save(*, service: WaveService, by: User) -> WaveService:
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
def service_remove(*, service: WaveService, by: User) -> None:
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
    *, wave: SurveyWave, service: WaveService, count: int, validity_days: int | None, by: User
) -> CodeBatch:
    """Pasal 11 ayat 10–14: single-use codes for a service counter, valid for N days."""
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


# --- report -----------------------------------------------------------------------------------


@transaction.atomic
def follow_up_save(*, follow_up: FollowUp, by: User) -> FollowUp:
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
def follow_up_remove(*, follow_up: FollowUp, by: User) -> None:
    """Remove a follow-up row of the report plan."""
    record(actor=by, action="survei.tindak_lanjut_dihapus", obj=follow_up,
           unit_id=follow_up.wave.unit_id, changes=diff(snapshot(follow_up), {}))  # fmt: skip
    follow_up.delete()

"""Writes of the predicates app; each one checks access and state, runs in a transaction and is audited."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import diff, record, snapshot
from integritas.common import files
from integritas.common.formatting import angka
from integritas.common.tabular import Table
from integritas.organization.models import Institution, Unit
from integritas.predicates import access, imports, selectors
from integritas.predicates.engine import result_json
from integritas.predicates.models import (
    FollowUp,
    InstitutionFacts,
    Level,
    Monitoring,
    Predicate,
    Recommendation,
    ReportingDuty,
    UnitFacts,
)

if TYPE_CHECKING:
    from integritas.accounts.models import User

INSTITUTION_FIELDS = [
    "kind", "opini_bpk", "opini_source", "sakip", "sakip_source", "indeks_rb", "indeks_rb_source",
    "spip_level", "spip_source",
]  # fmt: skip
INSTITUTION_FILES = ["opini_file", "sakip_file", "indeks_rb_file", "spip_file"]
UNIT_FIELDS = [
    "core_service", "core_service_reason", "significant_impact", "significant_impact_reason",
    "tlhp_percent", "tlhp_source", "sakip_internal", "sakip_internal_source", "wbk_since",
    "wbk_since_reason", "wbbm_since", "wbbm_since_reason",
]  # fmt: skip


class ImportRejected(Exception):
    """The register import found bad rows; nothing was written. `check.problems` lists every one."""

    def __init__(self, check: imports.ImportCheck) -> None:
        super().__init__(_("Impor ditolak: %(n)d masalah.") % {"n": len(check.problems)})
        self.check = check


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def _today() -> date:
    return timezone.localdate()


def _not_future(value: date | None, field: str) -> None:
    if value is not None and value > _today():
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})


def _attach(field_file: Any, upload: UploadedFile) -> str:
    """Write a scan to the private store (checked by its content); return its SHA-256."""
    return files.store(field_file, upload).sha256


# --- facts -----------------------------------------------------------------------------


@transaction.atomic
def institution_facts_save(
    *,
    institution: Institution,
    year: int,
    values: dict[str, Any],
    files: dict[str, UploadedFile] | None = None,
    by: User,
) -> InstitutionFacts:
    """Record the instansi's prerequisites of a year (Pasal 14), each with its source document."""
    _require(access.can_administer(by))
    facts = (
        InstitutionFacts.objects.select_for_update()
        .filter(institution=institution, year=year)
        .first()
    )
    facts = facts or InstitutionFacts(institution=institution, year=year)
    before = snapshot(facts) if facts.pk else {}
    for name in INSTITUTION_FIELDS:
        if name in values:
            setattr(facts, name, values[name])
    facts.updated_by = by
    facts.full_clean(exclude=INSTITUTION_FILES)
    digests = {}
    for name, upload in (files or {}).items():
        if name not in INSTITUTION_FILES:
            raise ValueError(name)
        digests[f"{name}_sha256"] = [None, _attach(getattr(facts, name), upload)]
    facts.save()
    record(
        actor=by, action="persyaratan_instansi.disimpan", obj=facts,
        changes={**diff(before, snapshot(facts)), **digests},
    )  # fmt: skip
    return facts


@transaction.atomic
def unit_facts_save(*, unit: Unit, year: int, values: dict[str, Any], by: User) -> UnitFacts:
    """Record a unit's prerequisites of a year (Pasal 14, tingkat unit kerja)."""
    _require(access.can_administer(by) or access.can_assess_unit(by, unit.pk))
    facts = UnitFacts.objects.select_for_update().filter(unit=unit, year=year).first()
    facts = facts or UnitFacts(unit=unit, year=year)
    before = snapshot(facts) if facts.pk else {}
    for name in UNIT_FIELDS:
        if name in values:
            setattr(facts, name, values[name])
    _not_future(facts.wbk_since, "wbk_since")
    _not_future(facts.wbbm_since, "wbbm_since")
    facts.updated_by = by
    facts.full_clean()
    facts.save()
    record(
        actor=by,
        action="persyaratan_unit.disimpan",
        obj=facts,
        unit_id=unit.pk,
        changes=diff(before, snapshot(facts)),
    )
    return facts


# --- wajib lapor (LHKPN / LHKASN) --------------------------------------------------------


@transaction.atomic
def duties_import(*, table: Table, year: int, kind: str, by: User) -> imports.ImportCheck:
    """Write every wajib-lapor row of the e-LHKPN / LHKASN export, or none when any row is bad."""
    _require(access.can_administer(by))
    check = imports.check_duties(table, year=year, kind=kind)
    if not check.ok:
        raise ImportRejected(check)
    existing = {
        d.nip: d for d in ReportingDuty.objects.select_for_update().filter(year=year, kind=kind)
    }
    for row in check.parsed:
        duty = existing.get(row.nip) or ReportingDuty(year=year, kind=kind, nip=row.nip)
        duty.unit_id = row.unit_id
        duty.name = row.name
        duty.employee_id = row.employee_id
        duty.reported = row.reported
        duty.reported_on = row.reported_on
        duty.updated_by = by
        duty.full_clean(validate_unique=False)
        duty.save()
    record(
        actor=by, action="wajib_lapor.impor", object_type="predicates.reportingduty",
        object_repr=_("Impor %(kind)s %(year)d: %(n)d baris") % {"kind": kind.upper(), "year": year, "n": len(check.parsed)},
        changes={"created": check.creates, "updated": check.updates},
    )  # fmt: skip
    return check


@transaction.atomic
def duty_mark(
    *, duty: ReportingDuty, reported: bool, reported_on: date | None = None, by: User
) -> ReportingDuty:
    """Tick (or untick) one employee's report in the register."""
    _require(access.can_administer(by))
    duty = ReportingDuty.objects.select_for_update().get(pk=duty.pk)
    before = snapshot(duty, ["reported", "reported_on"])
    if reported and reported_on is None:
        reported_on = _today()
    _not_future(reported_on, "reported_on")
    duty.reported = reported
    duty.reported_on = reported_on if reported else None
    duty.updated_by = by
    duty.full_clean()
    duty.save()
    record(
        actor=by, action="wajib_lapor.ditandai", obj=duty, unit_id=duty.unit_id,
        changes=diff(before, snapshot(duty, ["reported", "reported_on"])),
    )  # fmt: skip
    return duty


# --- recommendation and decision (Pasal 16 ayat 1–4) -----------------------------------------


def _improvements(candidate: selectors.Candidate) -> list[dict[str, str]]:
    """The failing rules and the gap analysis as items the unit can copy into next year's plan."""
    items = [{"code": "", "text": f.message} for f in candidate.local.failures]
    items += [{"code": "", "text": f.message} for f in candidate.check.failures]
    gap = candidate.scored.gaps(candidate.level)
    if gap is not None:
        for step in gap.steps:
            items.append({
                "code": step.question,
                "text": _("%(code)s: tingkatkan ke %(target)s (+%(points)s poin)")
                % {"code": step.question, "target": step.target, "points": angka(step.points, 2)},
            })  # fmt: skip
    return items


def _verdicts_json(candidate: selectors.Candidate) -> dict[str, Any]:
    out = {}
    for name, verdict in (("local", candidate.local), ("national", candidate.national)):
        out[name] = {
            "eligible": verdict.eligible,
            "failures": [f.message for f in verdict.failures],
            "not_evaluated": list(verdict.not_evaluated),
        }
    return out


@transaction.atomic
def recommendation_record(
    *, unit: Unit, year: int, outcome: str, note: str = "", by: User
) -> Recommendation:
    """The TPI recommends a unit to the Wali Kota: diusulkan, or perbaikan (Pasal 16 ayat 1–3).

    *Diusulkan* is allowed only when the local rule set (Pasal 16 ayat 4) and the prerequisite
    checker (Pasal 14, Pasal 17 ayat 11) both allow the unit's level.
    """
    _require(access.can_assess_unit(by, unit.pk))
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    if Recommendation.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            _("Unit ini sudah memiliki rekomendasi untuk tahun %(year)d.") % {"year": year}
        )
    candidate = selectors.candidate(unit, year, _today())
    if candidate is None:
        raise ValidationError(
            _("Unit belum memiliki penilaian LKE final untuk tahun %(year)d.") % {"year": year}
        )
    if outcome not in Recommendation.Outcome.values:
        raise ValidationError(_("Pilih rekomendasi: diusulkan atau perbaikan."))
    if outcome == Recommendation.Outcome.PROPOSED and not candidate.proposable:
        raise ValidationError(
            [_("Unit belum dapat diusulkan:"), *candidate.holds_back],
        )
    if outcome == Recommendation.Outcome.IMPROVE and not note.strip() and candidate.proposable:
        raise ValidationError(
            _("Unit memenuhi syarat; jelaskan mengapa direkomendasikan perbaikan.")
        )
    item = Recommendation(
        unit=unit, year=year, assessment=candidate.assessment, level=candidate.level, outcome=outcome,
        affirmation=candidate.check.affirmation, note=note, check_result=result_json(candidate.check),
        verdicts=_verdicts_json(candidate),
        improvements=_improvements(candidate) if outcome == Recommendation.Outcome.IMPROVE else [],
        total=candidate.scored.score.total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        recommended_by=by, recommended_at=timezone.now(),
        decision=Recommendation.Decision.PENDING if outcome == Recommendation.Outcome.PROPOSED
        else Recommendation.Decision.NOT_NEEDED,
    )  # fmt: skip
    item.full_clean()
    item.save()
    record(
        actor=by, action="rekomendasi.dicatat", obj=item, unit_id=unit.pk,
        changes={"outcome": [None, outcome], "level": [None, item.level], "total": [None, str(item.total)],
                 "affirmation": [None, item.affirmation]},
    )  # fmt: skip
    return item


def _pending(recommendation: Recommendation) -> Recommendation:
    item = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not item.is_proposal:
        raise ValidationError(_("Rekomendasi perbaikan tidak memerlukan keputusan Wali Kota."))
    if item.decision != Recommendation.Decision.PENDING:
        raise ValidationError(
            _("Usulan ini sudah diputuskan: %(d)s.") % {"d": item.get_decision_display()}
        )
    return item


def _decide(
    item: Recommendation, approve: bool, note: str, by: User, *, paper: bool, scan_sha: str | None
) -> None:
    item.decision = (
        Recommendation.Decision.APPROVED if approve else Recommendation.Decision.DECLINED
    )
    item.decision_note = note
    item.decision_on_paper = paper
    item.decided_by = by
    item.decided_at = timezone.now()
    item.full_clean()
    item.save()
    changes: dict[str, Any] = {"decision": ["pending", item.decision], "on_paper": [None, paper]}
    if scan_sha:
        changes["decision_scan_sha256"] = [None, scan_sha]
    record(actor=by, action="usulan.diputuskan", obj=item, unit_id=item.unit_id, changes=changes)


@transaction.atomic
def recommendation_decide(
    *, recommendation: Recommendation, approve: bool, note: str = "", by: User
) -> Recommendation:
    """The Wali Kota (pimpinan) approves or declines a proposal (Pasal 16 ayat 2)."""
    _require(access.can_decide(by))
    item = _pending(recommendation)
    if not approve and not note.strip():
        raise ValidationError(_("Sebutkan alasan usulan tidak disetujui."))
    _decide(item, approve, note, by, paper=False, scan_sha=None)
    return item


@transaction.atomic
def decision_record_paper(
    *,
    recommendation: Recommendation,
    approve: bool,
    scan: UploadedFile | None,
    note: str = "",
    by: User,
) -> Recommendation:
    """The administrator records a decision the Wali Kota took on paper, with its scan."""
    _require(access.can_administer(by))
    item = _pending(recommendation)
    if scan is None:
        raise ValidationError({"scan": _("Unggah pindaian keputusan yang ditandatangani.")})
    digest = _attach(item.decision_scan, scan)
    _decide(item, approve, note, by, paper=True, scan_sha=digest)
    return item


# --- TPN result, register, monitoring, revocation (Pasal 16 ayat 8, Pasal 17) ---------------


@transaction.atomic
def tpn_result_record(
    *,
    recommendation: Recommendation,
    granted: bool,
    decree_number: str = "",
    granted_on: date | None = None,
    scan: UploadedFile | None = None,
    notes: str = "",
    by: User,
) -> Predicate | None:
    """Record the TPN's result for an approved proposal; a grant enters the register."""
    _require(access.can_administer(by))
    item = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if item.decision != Recommendation.Decision.APPROVED:
        raise ValidationError(_("Hasil TPN hanya dicatat untuk usulan yang disetujui Wali Kota."))
    if item.tpn_result != Recommendation.TpnResult.PENDING:
        raise ValidationError(_("Hasil TPN untuk usulan ini sudah dicatat."))
    predicate = None
    changes: dict[str, Any] = {}
    if granted:
        errors = {}
        if not decree_number.strip():
            errors["decree_number"] = _("Nomor KepMenPANRB wajib diisi.")
        if granted_on is None:
            errors["granted_on"] = _("Tanggal penetapan wajib diisi.")
        if errors or granted_on is None:
            raise ValidationError(errors)
        _not_future(granted_on, "granted_on")
        predicate = Predicate(
            unit=item.unit, level=item.level, recommendation=item, granted_on=granted_on,
            decree_number=decree_number.strip(), recorded_by=by,
        )  # fmt: skip
        if scan is not None:
            changes["decree_scan_sha256"] = [None, _attach(predicate.decree_scan, scan)]
        if item.level == Level.WBBM:
            wbk = (
                Predicate.objects.select_for_update()
                .filter(unit=item.unit, level=Level.WBK, status=Predicate.Status.STANDING)
                .first()
            )
        else:
            wbk = None
        predicate.full_clean(exclude=["decree_scan"])
        predicate.save()
        if wbk is not None:
            wbk.status = Predicate.Status.SUPERSEDED
            wbk.superseded_by = predicate
            wbk.save(update_fields=["status", "superseded_by"])
            record(actor=by, action="predikat.digantikan", obj=wbk, unit_id=item.unit_id,
                   changes={"status": ["standing", "superseded"]})  # fmt: skip
        record(
            actor=by, action="predikat.ditetapkan", obj=predicate, unit_id=item.unit_id,
            changes={"level": [None, item.level], "granted_on": [None, granted_on],
                     "decree_number": [None, predicate.decree_number], **changes},
        )  # fmt: skip
    elif not notes.strip():
        raise ValidationError({"notes": _("Tuliskan catatan TPN.")})
    item.tpn_result = (
        Recommendation.TpnResult.GRANTED if granted else Recommendation.TpnResult.NOT_GRANTED
    )
    item.tpn_notes = notes
    item.tpn_recorded_by = by
    item.tpn_recorded_at = timezone.now()
    item.save(update_fields=["tpn_result", "tpn_notes", "tpn_recorded_by", "tpn_recorded_at"])
    record(actor=by, action="hasil_tpn.dicatat", obj=item, unit_id=item.unit_id,
           changes={"tpn_result": ["pending", item.tpn_result]})  # fmt: skip
    return predicate


def _standing(predicate: Predicate) -> Predicate:
    item = Predicate.objects.select_for_update().get(pk=predicate.pk)
    if item.status != Predicate.Status.STANDING:
        raise ValidationError(
            _("Predikat ini tidak lagi berlaku (%(s)s).") % {"s": item.get_status_display()}
        )
    return item


@transaction.atomic
def monitoring_record(
    *, predicate: Predicate, done_on: date, still_meets: bool, findings: str, by: User
) -> Monitoring:
    """The TPI's two-yearly monitoring of a standing predicate (Pasal 17 ayat 3–6)."""
    _require(access.can_assess_unit(by, predicate.unit_id))
    item = _standing(predicate)
    _not_future(done_on, "done_on")
    if done_on < item.granted_on:
        raise ValidationError(
            {"done_on": _("Tanggal monitoring sebelum tanggal penetapan predikat.")}
        )
    due = next(r.due_on for r in selectors.monitoring_rows(_today()) if r.predicate.pk == item.pk)
    monitoring = Monitoring(
        predicate=item,
        due_on=due,
        done_on=done_on,
        still_meets=still_meets,
        findings=findings,
        recorded_by=by,
    )
    monitoring.full_clean()
    monitoring.save()
    record(
        actor=by, action="monitoring.dicatat", obj=monitoring, unit_id=item.unit_id,
        changes={"done_on": [None, done_on], "due_on": [None, due], "still_meets": [None, still_meets]},
    )  # fmt: skip
    return monitoring


@transaction.atomic
def revocation_record(
    *,
    predicate: Predicate,
    tpn_note: str,
    tpn_on: date,
    revoked_on: date,
    number: str,
    scan: UploadedFile | None = None,
    by: User,
) -> Predicate:
    """The TPN's recommendation and the Minister's revocation (Pasal 17 ayat 9–11); the predicate ends."""
    _require(access.can_administer(by))
    item = _standing(predicate)
    errors = {}
    if not tpn_note.strip():
        errors["tpn_note"] = _("Tuliskan rekomendasi pencabutan TPN.")
    if not number.strip():
        errors["number"] = _("Nomor keputusan pencabutan wajib diisi.")
    if revoked_on < item.granted_on:
        errors["revoked_on"] = _("Tanggal pencabutan sebelum tanggal penetapan.")
    if tpn_on > revoked_on:
        errors["tpn_on"] = _("Rekomendasi TPN harus sebelum atau pada tanggal pencabutan.")
    if errors:
        raise ValidationError(errors)
    _not_future(revoked_on, "revoked_on")
    before = snapshot(item, ["status", "revoked_on", "revocation_number"])
    item.status = Predicate.Status.REVOKED
    item.revoked_on = revoked_on
    item.revocation_number = number.strip()
    item.tpn_revocation_note = tpn_note
    item.tpn_revocation_on = tpn_on
    digest = _attach(item.revocation_scan, scan) if scan is not None else None
    item.full_clean(exclude=["revocation_scan", "decree_scan"])
    item.save()
    changes = diff(before, snapshot(item, ["status", "revoked_on", "revocation_number"]))
    if digest:
        changes["revocation_scan_sha256"] = [None, digest]
    record(actor=by, action="predikat.dicabut", obj=item, unit_id=item.unit_id, changes=changes)
    return item


# --- follow-up of recommendations (Pasal 19 ayat 2, Pasal 20) ---------------------------------


@transaction.atomic
def follow_up_add(
    *, recommendation: Recommendation, action: str, responsible: str, due_on: date, by: User
) -> FollowUp:
    """Record what will be done about a recommendation, by whom and by when."""
    _require(access.can_follow_up(by, recommendation.unit_id))
    item = FollowUp(
        recommendation=recommendation, action=action.strip(), responsible=responsible.strip(), due_on=due_on,
        recorded_by=by,
    )  # fmt: skip
    item.full_clean()
    item.save()
    record(
        actor=by, action="tindak_lanjut.dicatat", obj=item, unit_id=recommendation.unit_id,
        changes={"action": [None, item.action], "responsible": [None, item.responsible], "due_on": [None, due_on]},
    )  # fmt: skip
    return item


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, done_on: date, note: str = "", by: User) -> FollowUp:
    """Mark a follow-up done (once)."""
    item = (
        FollowUp.objects.select_for_update().select_related("recommendation").get(pk=follow_up.pk)
    )
    _require(access.can_follow_up(by, item.recommendation.unit_id))
    if item.done_on is not None:
        raise ValidationError(_("Tindak lanjut ini sudah selesai."))
    _not_future(done_on, "done_on")
    item.done_on = done_on
    item.done_note = note
    item.full_clean()
    item.save(update_fields=["done_on", "done_note"])
    record(
        actor=by, action="tindak_lanjut.selesai", obj=item, unit_id=item.recommendation.unit_id,
        changes={"done_on": [None, done_on]},
    )  # fmt: skip
    return item

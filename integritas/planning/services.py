"""Writes of work plans, action plans, monthly reports and the Pasal 9 logs; each one audited."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.accounts import access, recipients
from integritas.accounts.models import Role, User
from integritas.audit.services import diff, record, snapshot
from integritas.common import files
from integritas.common.formatting import tanggal
from integritas.common.notifications import notify
from integritas.organization.models import Unit
from integritas.planning import rules
from integritas.planning.components import COMPONENTS
from integritas.planning.models import (
    MONTH_FIELDS,
    ActionPlan,
    ActionRow,
    Innovation,
    MediaEntry,
    MentoringEntry,
    MonthlyReport,
    RealisationRow,
    ReportEvent,
    ReportEvidence,
    WorkPlan,
    WorkPlanTarget,
)
from integritas.planning.selectors import OverdueItem


class WorkflowError(ValidationError):
    """A report transition that its current status does not allow."""


# --- work plan (Pasal 11 ayat 4–9) ---------------------------------------------------------


@transaction.atomic
def work_plan_save(
    *,
    unit: Unit,
    year: int,
    decree_number: str,
    decree_date: date,
    socialisation: str,
    targets: Mapping[str, str],
    decree_file: UploadedFile | None = None,
    by: User,
) -> WorkPlan:
    """Pasal 11 ayat (4)–(9): the work plan with priority targets for the eight components."""
    plan = WorkPlan.objects.select_for_update().filter(unit=unit, year=year).first()
    creating = plan is None
    if plan is None:
        plan = WorkPlan(unit=unit, year=year)
    before = snapshot(plan) if not creating else {}
    before_targets = {t.component: t.targets for t in plan.targets.all()} if not creating else {}
    plan.decree_number = decree_number
    plan.decree_date = decree_date
    plan.socialisation = socialisation
    plan.updated_by = by
    if decree_file is not None:
        files.store(plan.decree_file, decree_file)
    plan.full_clean()
    if creating:
        plan.save()
    else:
        plan.save(
            update_fields=["decree_number", "decree_date", "socialisation", "decree_file",
                           "decree_file_sha256", "decree_file_content_type", "updated_by",
                           "updated_at"]
        )  # fmt: skip
    for component in COMPONENTS:
        text = (targets.get(component.code) or "").strip()
        WorkPlanTarget.objects.update_or_create(
            work_plan=plan, component=component.code, defaults={"targets": text}
        )
    after_targets = {c.code: (targets.get(c.code) or "").strip() for c in COMPONENTS}
    changes = diff(before, snapshot(plan))
    changes.update(
        {f"target_{k}": [before_targets.get(k), v] for k, v in after_targets.items()
         if before_targets.get(k) != v}
    )  # fmt: skip
    record(
        actor=by, action="rencana_kerja.dibuat" if creating else "rencana_kerja.diubah",
        obj=plan, unit_id=unit.pk, changes=changes,
    )  # fmt: skip
    return plan


# --- action plan (Pasal 12, Lampiran C) ----------------------------------------------------


@transaction.atomic
def action_plan_create(*, unit: Unit, year: int, by: User) -> ActionPlan:
    """Pasal 12 ayat (2): a unit's rencana aksi for a year."""
    plan = ActionPlan(unit=unit, year=year)
    plan.full_clean()
    plan.save()
    record(actor=by, action="rencana_aksi.dibuat", obj=plan, unit_id=unit.pk,
           changes={"year": [None, year]})  # fmt: skip
    return plan


@transaction.atomic
def action_plan_set(*, plan: ActionPlan, by: User) -> ActionPlan:
    """Pasal 11 ayat (9), 12 ayat (3): the head sets the plan as part of the work plan."""
    if not plan.rows.exists():
        raise ValidationError(_("Rencana aksi belum memiliki baris."))
    before = plan.status
    plan.status = ActionPlan.Status.SET
    plan.set_by = by
    plan.set_at = timezone.now()
    plan.save(update_fields=["status", "set_by", "set_at"])
    record(actor=by, action="rencana_aksi.ditetapkan", obj=plan, unit_id=plan.unit_id,
           changes={"status": [before, plan.status]})  # fmt: skip
    return plan


def _clean_row(row: ActionRow) -> None:
    problems = rules.target_problems(row.targets)
    if problems:
        raise ValidationError(
            {MONTH_FIELDS[p.month - 1] if p.month else "b01": _("Target bulanan tidak sah.")
             for p in problems}
        )  # fmt: skip
    row.full_clean()


@transaction.atomic
def action_row_save(*, row: ActionRow, by: User) -> ActionRow:
    """Add or change one row of the action plan (twelve monthly targets, Pasal 12 ayat 2)."""
    creating = row.pk is None
    before = snapshot(ActionRow.objects.get(pk=row.pk)) if not creating else {}
    if creating:
        last = row.plan.rows.order_by("-order").values_list("order", flat=True).first()
        row.order = (last or 0) + 1
    _clean_row(row)
    row.save()
    record(
        actor=by, action="rencana_aksi.baris_ditambah" if creating else "rencana_aksi.baris_diubah",
        obj=row, unit_id=row.plan.unit_id, changes=diff(before, snapshot(row)),
    )  # fmt: skip
    return row


@transaction.atomic
def action_row_delete(*, row: ActionRow, by: User) -> None:
    if row.realisations.exists():
        raise ValidationError(
            _("Baris ini sudah dilaporkan dalam laporan bulanan dan tidak dapat dihapus.")
        )
    record(actor=by, action="rencana_aksi.baris_dihapus", obj=row, unit_id=row.plan.unit_id,
           changes=diff(snapshot(row), {}))  # fmt: skip
    row.delete()


def action_plan_import_refusal(plan: ActionPlan) -> str | None:
    """Pasal 12 ayat (4): why a whole-plan import would be refused (rows already reported), or None."""
    if RealisationRow.objects.filter(action_row__plan=plan).exists():
        return _("Rencana aksi ini sudah dilaporkan; impor yang mengganti seluruh baris tidak "
                 "diizinkan. Ubah baris satu per satu.")  # fmt: skip
    return None


@transaction.atomic
def action_plan_import(*, plan: ActionPlan, rows: Sequence[ActionRow], by: User) -> int:
    """Replace every row of the plan with the imported ones: all or nothing."""
    refusal = action_plan_import_refusal(plan)
    if refusal:
        raise ValidationError(refusal)
    for order, row in enumerate(rows, start=1):
        row.plan = plan
        row.order = order
        _clean_row(row)
    removed = plan.rows.count()
    plan.rows.all().delete()
    ActionRow.objects.bulk_create(list(rows))
    record(
        actor=by, action="rencana_aksi.impor", obj=plan, unit_id=plan.unit_id,
        changes={"rows": [removed, len(rows)]},
    )  # fmt: skip
    return len(rows)


# --- monthly reports (Pasal 12 ayat 4–5) ---------------------------------------------------


@transaction.atomic
def monthly_report_start(
    *, plan: ActionPlan, month: int, by: User, today: date | None = None
) -> MonthlyReport:
    """Pasal 12 ayat (4): open the report of a month that has begun."""
    today = today or timezone.localdate()
    if not rules.may_report(plan.year, month, today):
        raise ValidationError(_("Bulan ini belum dimulai; laporannya belum dapat dibuat."))
    report = MonthlyReport(plan=plan, month=month)
    report.full_clean()
    report.save()
    record(actor=by, action="laporan.dibuat", obj=report, unit_id=plan.unit_id,
           changes={"month": [None, month]})  # fmt: skip
    return report


@dataclass(frozen=True)
class Realisation:
    percent: Decimal | None
    narrative: str = ""


def _require(report: MonthlyReport, *statuses: str) -> None:
    if report.status not in statuses:
        raise WorkflowError(
            _("Laporan berstatus %(status)s; tindakan ini tidak dapat dilakukan.")
            % {"status": report.get_status_display()}
        )


@transaction.atomic
def monthly_report_save(
    *, report: MonthlyReport, entries: Mapping[int, Realisation], by: User
) -> MonthlyReport:
    """Record the realisation of each action (0–100 %, cumulative) while the report is open."""
    report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
    _require(report, MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED)
    valid_rows = set(report.plan.rows.values_list("pk", flat=True))
    existing = {r.action_row_id: r for r in report.rows.all()}
    changes: dict[str, list[Any]] = {}
    for row_id, entry in entries.items():
        if row_id not in valid_rows:
            raise ValidationError(_("Baris rencana aksi tidak dikenal."))
        current = existing.get(row_id)
        if entry.percent is None:
            if current is not None:
                changes[str(row_id)] = [str(current.percent), None]
                current.delete()
            continue
        if not rules.percent_in_range(entry.percent):
            raise ValidationError(_("Realisasi harus antara 0 dan 100 %."))
        if current is None:
            current = RealisationRow(report=report, action_row_id=row_id)
        elif current.percent == entry.percent and current.narrative == entry.narrative:
            continue
        changes[str(row_id)] = [str(current.percent) if current.pk else None, str(entry.percent)]
        current.percent = entry.percent
        current.narrative = entry.narrative
        current.full_clean()
        current.save()
    record(actor=by, action="laporan.disimpan", obj=report, unit_id=report.plan.unit_id,
           changes=changes)  # fmt: skip
    return report


@transaction.atomic
def monthly_report_evidence_add(
    *,
    report: MonthlyReport,
    file: UploadedFile,
    action_row: ActionRow | None = None,
    by: User,
) -> ReportEvidence:
    """Attach an evidence file, checked by its content, to an open report."""
    _require(report, MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED)
    evidence = ReportEvidence(report=report, action_row=action_row, uploaded_by=by)
    files.store(evidence.file, file)
    evidence.full_clean()
    evidence.save()
    record(actor=by, action="laporan.bukti_ditambah", obj=evidence,
           unit_id=report.plan.unit_id,
           changes={"file": [None, evidence.original_name], "sha256": [None, evidence.sha256]})  # fmt: skip
    return evidence


def _event(report: MonthlyReport, kind: str, by: User, note: str = "") -> None:
    ReportEvent.objects.create(report=report, kind=kind, by=by, at=timezone.now(), note=note)


@transaction.atomic
def monthly_report_submit(*, report: MonthlyReport, by: User) -> MonthlyReport:
    """Pasal 12 ayat (4)–(5): the Tim Kerja submits the report to the Tim Pendamping."""
    report = MonthlyReport.objects.select_for_update().select_related("plan").get(pk=report.pk)
    _require(report, MonthlyReport.Status.DRAFT, MonthlyReport.Status.RETURNED)
    reported = set(report.rows.values_list("action_row_id", flat=True))
    missing = report.plan.rows.exclude(pk__in=reported).count()
    if not report.plan.rows.exists():
        raise ValidationError(_("Rencana aksi belum memiliki baris untuk dilaporkan."))
    if missing:
        raise ValidationError(_("Realisasi %(n)d rencana aksi belum diisi.") % {"n": missing})
    before = report.status
    now = timezone.now()
    report.status = MonthlyReport.Status.SUBMITTED
    report.revision = F("revision") + 1
    report.submitted_by = by
    report.submitted_at = now
    report.first_submitted_at = report.first_submitted_at or now
    report.save(
        update_fields=["status", "revision", "submitted_by", "submitted_at", "first_submitted_at"]
    )
    report.refresh_from_db(fields=["revision"])
    _event(report, ReportEvent.Kind.SUBMITTED, by)
    record(actor=by, action="laporan.diajukan", obj=report, unit_id=report.plan.unit_id,
           changes={"status": [before, report.status], "revision": [report.revision - 1, report.revision]})  # fmt: skip
    return report


@transaction.atomic
def monthly_report_return(*, report: MonthlyReport, note: str, by: User) -> MonthlyReport:
    """Pasal 12 ayat (5): the Tim Pendamping returns the report with notes for revision."""
    report = MonthlyReport.objects.select_for_update().select_related("plan").get(pk=report.pk)
    if not access.can_mentor_unit(by, report.plan.unit_id):
        raise PermissionDenied
    _require(report, MonthlyReport.Status.SUBMITTED)
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan catatan mengapa laporan dikembalikan.")})
    report.status = MonthlyReport.Status.RETURNED
    report.return_note = note
    report.reviewed_by = by
    report.reviewed_at = timezone.now()
    report.save(update_fields=["status", "return_note", "reviewed_by", "reviewed_at"])
    _event(report, ReportEvent.Kind.RETURNED, by, note)
    record(actor=by, action="laporan.dikembalikan", obj=report, unit_id=report.plan.unit_id,
           changes={"status": ["submitted", report.status], "return_note": [None, note]})  # fmt: skip
    _notify_reviewed(report, "laporan.dikembalikan", _("Laporan bulanan dikembalikan"), note)
    return report


@transaction.atomic
def monthly_report_accept(*, report: MonthlyReport, by: User) -> MonthlyReport:
    """Pasal 12 ayat (5): the Tim Pendamping accepts the report (forwarded to the Wali Kota)."""
    report = MonthlyReport.objects.select_for_update().select_related("plan").get(pk=report.pk)
    if not access.can_mentor_unit(by, report.plan.unit_id):
        raise PermissionDenied
    _require(report, MonthlyReport.Status.SUBMITTED)
    report.status = MonthlyReport.Status.ACCEPTED
    report.reviewed_by = by
    report.reviewed_at = timezone.now()
    report.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    _event(report, ReportEvent.Kind.ACCEPTED, by)
    record(actor=by, action="laporan.diterima", obj=report, unit_id=report.plan.unit_id,
           changes={"status": ["submitted", report.status]})  # fmt: skip
    _notify_reviewed(report, "laporan.diterima", _("Laporan bulanan diterima"), "")
    return report


def _notify_reviewed(report: MonthlyReport, kind: str, title: str, note: str) -> None:
    """Pasal 12 ayat (5): tell the unit's head, Tim Kerja and the submitter the outcome."""
    users = [*recipients.unit_team(report.plan.unit_id), report.submitted_by]
    notify(
        users=users, kind=kind, obj=report, url=report.get_absolute_url(), text=note,
        title=_("%(t)s: %(unit)s, bulan %(m)d/%(y)d")
        % {"t": title, "unit": report.plan.unit.name, "m": report.month, "y": report.plan.year},
    )  # fmt: skip


def overdue_recipients(unit: Unit) -> list[str]:
    """The unit head, the unit's Tim Kerja and the Tim Pendamping (Pasal 12 ayat 4–5)."""
    emails: list[str] = []
    if unit.head_id and unit.head is not None and unit.head.email:
        emails.append(unit.head.email)
    users = User.objects.filter(
        Q(roles__unit=unit, roles__role__in=[Role.UNIT_HEAD, Role.TIM_KERJA])
        | Q(roles__role=Role.PENDAMPING)
    )
    for user in users.filter(is_active=True).select_related("employee").distinct():
        email = user.email or (user.employee.email if user.employee is not None else "")
        if email:
            emails.append(email)
    return sorted(set(emails))


def overdue_notify(*, items: Sequence[OverdueItem], by: User | None = None) -> int:
    """E-mail each unit with overdue reports (console backend unless SMTP is configured)."""
    by_unit: dict[int, list[OverdueItem]] = {}
    for item in items:
        by_unit.setdefault(item.unit.pk, []).append(item)
    sent = 0
    for unit_items in by_unit.values():
        unit = unit_items[0].unit
        recipients = overdue_recipients(unit)
        if not recipients:
            continue
        lines = [
            _("- Laporan bulan %(m)s/%(y)d, batas %(due)s")
            % {"m": f"B{i.month:02d}", "y": i.plan.year, "due": tanggal(i.due)}
            for i in unit_items
        ]
        body = "\n".join(
            [
                _("Laporan capaian rencana aksi berikut dari %(unit)s belum disampaikan "
                  "(Pasal 12 ayat 4 Perwali Kota Kupang 23/2025):") % {"unit": unit.name},
                "",
                *lines,
                "",
                _("Mohon segera disampaikan kepada Tim Pendamping melalui Integritas."),
            ]
        )  # fmt: skip
        send_mail(
            subject=_("[Integritas] Laporan bulanan terlambat — %(unit)s") % {"unit": unit.name},
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
        record(actor=by, action="laporan.pengingat_terlambat", object_type="organization.unit",
               object_id=str(unit.pk), object_repr=unit.name, unit_id=unit.pk,
               changes={"months": [None, [f"{i.plan.year}-{i.month:02d}" for i in unit_items]],
                        "recipients": [None, recipients]})  # fmt: skip
        sent += 1
    return sent


# --- Pasal 9 logs --------------------------------------------------------------------------


def _save_simple(obj: Any, *, action: str, unit_id: int, by: User, fields: list[str]) -> None:
    creating = obj.pk is None
    before = snapshot(type(obj).objects.get(pk=obj.pk)) if not creating else {}
    obj.full_clean()
    if creating:
        obj.save()
    else:
        obj.save(update_fields=fields)
    record(actor=by, action=f"{action}.{'dicatat' if creating else 'diubah'}", obj=obj,
           unit_id=unit_id, changes=diff(before, snapshot(obj)))  # fmt: skip


@transaction.atomic
def innovation_save(
    *,
    innovation: Innovation,
    evidence: UploadedFile | None = None,
    by: User,
) -> Innovation:
    """Pasal 9 angka 4: record an innovation (name, problem, change, date, evidence)."""
    if innovation.pk is None:
        innovation.recorded_by = by
    if evidence is not None:
        files.store(innovation.evidence_file, evidence)
    _save_simple(
        innovation, action="inovasi", unit_id=innovation.unit_id, by=by,
        fields=["name", "problem", "change", "started_on", "evidence_url", "evidence_file",
                "evidence_name", "evidence_content_type", "evidence_sha256"],
    )  # fmt: skip
    return innovation


@transaction.atomic
def media_entry_save(*, entry: MediaEntry, by: User) -> MediaEntry:
    """Pasal 9 angka 5–6, Pasal 11 ayat 5: record a publication or public event."""
    if entry.pk is None:
        entry.recorded_by = by
    _save_simple(
        entry, action="media", unit_id=entry.unit_id, by=by,
        fields=["published_on", "channel", "title", "url", "audience", "note"],
    )  # fmt: skip
    return entry


@transaction.atomic
def mentoring_entry_save(*, entry: MentoringEntry, by: User) -> MentoringEntry:
    """Pasal 10, Pasal 17 ayat (1)–(2): record the Tim Pendamping's assistance."""
    if entry.pk is None:
        entry.recorded_by = by
    _save_simple(
        entry, action="pendampingan", unit_id=entry.unit_id, by=by,
        fields=["held_on", "kind", "topic", "advice", "follow_up", "follow_up_status"],
    )  # fmt: skip
    return entry


@transaction.atomic
def log_entry_delete(*, entry: Innovation | MediaEntry | MentoringEntry, by: User) -> None:
    record(actor=by, action=f"{entry._meta.model_name}.dihapus", obj=entry,
           unit_id=entry.unit_id, changes=diff(snapshot(entry), {}))  # fmt: skip
    entry.delete()

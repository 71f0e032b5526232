"""Administrator settings of the complaint register: officers, cuti bersama, time limits."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integritas.accounts.access import can_administer
from integritas.audit.services import record
from integritas.complaints.models import ComplaintOfficer, ExtraHoliday, TimeLimit
from integritas.organization.models import Unit

if TYPE_CHECKING:
    from integritas.accounts.models import User


def _require_admin(by: User) -> None:
    if not can_administer(by):
        raise ValidationError(_("Hanya administrator yang dapat mengubah pengaturan pengaduan."))


def officer_add(*, unit: Unit, user: Any, by: User) -> ComplaintOfficer:
    _require_admin(by)
    with transaction.atomic():
        if ComplaintOfficer.objects.filter(unit=unit, user=user).exists():
            raise ValidationError(_("Pengguna ini sudah menjadi petugas pengaduan unit tersebut."))
        officer = ComplaintOfficer(unit=unit, user=user)
        officer.full_clean()
        officer.save()
        record(actor=by, action="complaint_officer.add", obj=officer, unit_id=unit.pk)
    return officer


def officer_remove(*, officer: ComplaintOfficer, by: User) -> None:
    _require_admin(by)
    with transaction.atomic():
        record(actor=by, action="complaint_officer.remove", obj=officer, unit_id=officer.unit_id)
        officer.delete()


def holiday_add(*, day: date, kind: str, name: str, by: User) -> ExtraHoliday:
    """Add a cuti bersama or local holiday; cases received later count around it."""
    _require_admin(by)
    with transaction.atomic():
        if ExtraHoliday.objects.filter(day=day).exists():
            raise ValidationError({"day": _("Tanggal ini sudah tercatat.")})
        holiday = ExtraHoliday(day=day, kind=kind, name=(name or "").strip())
        holiday.full_clean()
        holiday.save()
        record(actor=by, action="complaint_holiday.add", obj=holiday, changes={"day": day})
    return holiday


def holiday_remove(*, holiday: ExtraHoliday, by: User) -> None:
    _require_admin(by)
    with transaction.atomic():
        record(
            actor=by, action="complaint_holiday.remove", obj=holiday, changes={"day": holiday.day}
        )
        holiday.delete()


def time_limit_set(*, key: str, working_days: int, by: User) -> TimeLimit:
    """Change a time limit; it applies to cases received or classified from now on."""
    _require_admin(by)
    with transaction.atomic():
        limit, _created = TimeLimit.objects.select_for_update().get_or_create(
            key=key, defaults={"working_days": working_days}
        )
        before = limit.working_days
        limit.working_days = working_days
        limit.full_clean()
        limit.save(update_fields=["working_days"])
        record(
            actor=by, action="complaint_time_limit.set", obj=limit,
            changes={"working_days": [before, working_days]},
        )  # fmt: skip
    return limit

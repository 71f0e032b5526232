"""Writes to the organisation registry; each one audited."""

from datetime import date
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import diff, record, snapshot
from integritas.common.tabular import Table
from integritas.organization import imports
from integritas.organization.models import (
    Employee,
    EmployeeMove,
    Institution,
    Team,
    TeamMember,
    Unit,
)
from integritas.organization.nip import parse_nip


class ImportRejected(Exception):
    """The file had problems; nothing was written."""

    def __init__(self, check: imports.ImportCheck) -> None:
        super().__init__(_("Impor ditolak: %(n)d masalah.") % {"n": len(check.problems)})
        self.check = check


def _save(
    obj: Any,
    *,
    by: AbstractBaseUser,
    action: str,
    unit_id: int | None,
    fields: list[str] | None = None,
) -> None:
    before = snapshot(type(obj).objects.get(pk=obj.pk)) if obj.pk else {}
    obj.full_clean()
    if obj.pk and fields:
        obj.save(update_fields=fields)
    else:
        obj.save()
    record(actor=by, action=action, obj=obj, unit_id=unit_id, changes=diff(before, snapshot(obj)))


@transaction.atomic
def institution_save(*, institution: Institution, by: AbstractBaseUser) -> Institution:
    """Update the city's own record (the letterhead of city-level documents)."""
    creating = institution.pk is None
    _save(
        institution,
        by=by,
        action="instansi.dibuat" if creating else "instansi.diubah",
        unit_id=None,
    )
    return institution


@transaction.atomic
def unit_save(*, unit: Unit, by: AbstractBaseUser) -> Unit:
    """Create or update a unit."""
    creating = unit.pk is None
    _save(unit, by=by, action="unit.dibuat" if creating else "unit.diubah", unit_id=None)
    return unit


def _fill_from_nip(employee: Employee) -> None:
    parts = parse_nip(employee.nip)
    employee.birth_date = parts.birth_date
    employee.gender = parts.gender


@transaction.atomic
def employee_save(*, employee: Employee, by: AbstractBaseUser) -> Employee:
    """Create or update an employee; a change of unit goes through employee_move."""
    employee.nip = employee.nip.replace(" ", "")
    creating = employee.pk is None
    if not creating:
        current_unit = (
            Employee.objects.filter(pk=employee.pk).values_list("unit_id", flat=True).get()
        )
        if current_unit != employee.unit_id:
            raise ValueError("Use employee_move to change an employee's unit.")
    _fill_from_nip(employee)
    _save(
        employee,
        by=by,
        action="pegawai.dibuat" if creating else "pegawai.diubah",
        unit_id=employee.unit_id,
    )
    return employee


@transaction.atomic
def employee_move(
    *,
    employee: Employee,
    to_unit: Unit,
    moved_on: date,
    by: AbstractBaseUser,
    decree_number: str = "",
    note: str = "",
) -> EmployeeMove:
    """Move an employee to another unit, keeping the history."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    move = EmployeeMove(
        employee=employee, from_unit_id=employee.unit_id, to_unit=to_unit, moved_on=moved_on,
        decree_number=decree_number, note=note,
    )  # fmt: skip
    move.full_clean()
    move.save()
    old_unit = employee.unit_id
    employee.unit = to_unit
    employee.save(update_fields=["unit"])
    record(
        actor=by, action="pegawai.mutasi", obj=employee, unit_id=to_unit.pk,
        changes={"unit_id": [old_unit, to_unit.pk], "moved_on": [None, moved_on], "decree_number": [None, decree_number]},
    )  # fmt: skip
    return move


@transaction.atomic
def units_import(
    *, table: Table, institution: Institution, by: AbstractBaseUser
) -> imports.ImportCheck:
    """Write every unit row, or none when any row is bad."""
    check = imports.check_units(table)
    if not check.ok:
        raise ImportRejected(check)
    by_code = {u.code: u for u in Unit.objects.all()}
    pending_parents: list[tuple[Unit, str]] = []
    for row in check.rows:
        unit = by_code.get(row["kode"]) or Unit(institution=institution, code=row["kode"])
        unit.name = row["nama"]
        unit.type = imports.unit_type_from_sheet(row["jenis"]) or ""
        unit.address = row.get("alamat", "")
        unit.phone = row.get("telepon", "")
        unit.email = row.get("email", "")
        unit.website = row.get("laman", "")
        unit.is_stranas_pk = row.get("stranas_pk", "").lower() in imports.TRUE_WORDS
        unit.full_clean(exclude=["parent"])
        unit.save()
        by_code[unit.code] = unit
        if row.get("kode_induk"):
            pending_parents.append((unit, row["kode_induk"]))
    for unit, parent_code in pending_parents:
        unit.parent = by_code[parent_code]
        unit.save(update_fields=["parent"])
    record(
        actor=by, action="unit.impor", object_type="organization.unit",
        object_repr=_("Impor %(n)d unit") % {"n": len(check.rows)},
        changes={"created": check.creates, "updated": check.updates},
    )  # fmt: skip
    return check


@transaction.atomic
def employees_import(
    *, table: Table, by: AbstractBaseUser, moved_on: date | None = None
) -> imports.ImportCheck:
    """Write every employee row, or none when any row is bad; a changed unit is recorded as a move."""
    check = imports.check_employees(table)
    if not check.ok:
        raise ImportRejected(check)
    units = {u.code: u for u in Unit.objects.all()}
    nips = [r["nip"].replace(" ", "") for r in check.rows]
    existing = {e.nip: e for e in Employee.objects.filter(nip__in=nips)}
    to_create: list[Employee] = []
    moves: list[EmployeeMove] = []
    for row in check.rows:
        nip = row["nip"].replace(" ", "")
        unit = units[row["kode_unit"]]
        employee = existing.get(nip)
        if employee is None:
            employee = Employee(nip=nip, unit=unit)
            to_create.append(employee)
        elif employee.unit_id != unit.pk:
            moves.append(
                EmployeeMove(employee=employee, from_unit_id=employee.unit_id, to_unit=unit,
                             moved_on=moved_on or timezone.localdate(), note=_("Impor data pegawai"))
            )  # fmt: skip
            employee.unit = unit
        employee.name = row["nama"]
        employee.front_title = row.get("gelar_depan", "")
        employee.back_title = row.get("gelar_belakang", "")
        employee.kind = (row.get("status") or "PNS").upper()
        employee.rank = row.get("pangkat_golongan", "")
        employee.position = row.get("jabatan", "")
        employee.email = row.get("email", "")
        _fill_from_nip(employee)
    Employee.objects.bulk_create(to_create, batch_size=500)
    updated = list(existing.values())
    Employee.objects.bulk_update(
        updated,
        [
            "name",
            "front_title",
            "back_title",
            "kind",
            "rank",
            "position",
            "email",
            "unit",
            "birth_date",
            "gender",
        ],
        batch_size=500,
    )
    EmployeeMove.objects.bulk_create(moves, batch_size=500)
    record(
        actor=by, action="pegawai.impor", object_type="organization.employee",
        object_repr=_("Impor %(n)d pegawai") % {"n": len(check.rows)},
        changes={"created": len(to_create), "updated": len(updated), "moved": len(moves)},
    )  # fmt: skip
    return check


@transaction.atomic
def team_save(*, team: Team, by: AbstractBaseUser) -> Team:
    creating = team.pk is None
    _save(team, by=by, action="tim.dibuat" if creating else "tim.diubah", unit_id=team.unit_id)
    return team


@transaction.atomic
def team_member_add(
    *, team: Team, employee: Employee, role: str, area: str = "", by: AbstractBaseUser
) -> TeamMember:
    member = TeamMember(team=team, employee=employee, role=role, area=area)
    member.full_clean()
    member.save()
    record(
        actor=by, action="tim.anggota_ditambah", obj=member, unit_id=team.unit_id,
        changes={"employee": [None, employee.nip], "role": [None, role]},
    )  # fmt: skip
    return member


@transaction.atomic
def team_member_remove(*, member: TeamMember, by: AbstractBaseUser) -> None:
    record(
        actor=by, action="tim.anggota_dihapus", obj=member, unit_id=member.team.unit_id,
        changes={"employee": [member.employee.nip, None], "role": [member.role, None]},
    )  # fmt: skip
    member.delete()

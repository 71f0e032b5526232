"""Check the wajib-lapor rows of an e-LHKPN / LHKASN export before anything is written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from integritas.common.tabular import ROW, Table, import_format
from integritas.organization.models import Employee, Unit
from integritas.organization.nip import NipError, parse_nip
from integritas.predicates.models import ReportingDuty

DUTY_COLUMNS = ["nip", "nama", "kode_unit", "sudah_lapor", "tanggal_lapor"]
DUTY_FORMAT = import_format("predicates.duties", max_rows=20_000, max_cols=len(DUTY_COLUMNS) + 20)
DUTY_REQUIRED = ["nip", "sudah_lapor"]
TRUE_WORDS = {"ya", "y", "1", "true", "benar", "sudah", "sudah lapor", "lapor"}
FALSE_WORDS = {"tidak", "t", "0", "false", "salah", "belum", "belum lapor"}


@dataclass
class RowProblem:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class DutyRow:
    nip: str
    name: str
    unit_id: int
    employee_id: int | None
    reported: bool
    reported_on: date | None


@dataclass
class ImportCheck:
    kind: str
    rows: list[dict[str, str]] = field(default_factory=list)
    parsed: list[DutyRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    creates: int = 0
    updates: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError(text)


def check_duties(table: Table, *, year: int, kind: str) -> ImportCheck:
    """Check every row; report all problems (row, column, message), write nothing."""
    check = ImportCheck(kind=kind, rows=table.rows)
    check.problems += [
        RowProblem(1, col, _("Kolom wajib '%(col)s' tidak ada pada baris judul.") % {"col": col})
        for col in DUTY_REQUIRED
        if col not in table.headers
    ]
    if check.problems:
        return check
    if not table.rows:
        check.problems.append(RowProblem(1, "", _("Berkas tidak berisi baris data.")))
        return check
    units = {u.code: u.pk for u in Unit.objects.all()}
    nips = [re.sub(r"\s", "", r.get("nip", "")) for r in table.rows]
    employees = {e.nip: e for e in Employee.objects.filter(nip__in=nips)}
    existing = set(
        ReportingDuty.objects.filter(year=year, kind=kind, nip__in=nips).values_list(
            "nip", flat=True
        )
    )
    seen: dict[str, int] = {}
    for row in table.rows:
        n = int(row[ROW])
        nip = re.sub(r"\s", "", row.get("nip", ""))
        bad = len(check.problems)
        try:
            parse_nip(nip)
        except NipError as exc:
            check.problems.append(RowProblem(n, "nip", str(exc)))
        if nip in seen:
            check.problems.append(
                RowProblem(
                    n,
                    "nip",
                    _("NIP %(nip)s sudah ada di baris %(other)d.")
                    % {"nip": nip, "other": seen[nip]},
                )
            )
        seen.setdefault(nip, n)
        employee = employees.get(nip)
        code = row.get("kode_unit", "")
        unit_id = units.get(code) if code else (employee.unit_id if employee else None)
        if code and unit_id is None:
            check.problems.append(
                RowProblem(
                    n,
                    "kode_unit",
                    _("Unit dengan kode '%(code)s' tidak ditemukan.") % {"code": code},
                )
            )
        elif unit_id is None:
            check.problems.append(
                RowProblem(
                    n, "kode_unit", _("Pegawai dengan NIP ini tidak terdaftar; isi kode unit.")
                )
            )
        name = row.get("nama", "") or (employee.name if employee else "")
        if not name:
            check.problems.append(RowProblem(n, "nama", _("Nama wajib diisi.")))
        answer = row.get("sudah_lapor", "").strip().lower()
        if answer not in TRUE_WORDS | FALSE_WORDS:
            check.problems.append(
                RowProblem(
                    n,
                    "sudah_lapor",
                    _("Isi 'ya' atau 'tidak', bukan '%(v)s'.") % {"v": row.get("sudah_lapor", "")},
                )
            )
        reported = answer in TRUE_WORDS
        try:
            reported_on = _date(row.get("tanggal_lapor", ""))
        except ValueError:
            check.problems.append(
                RowProblem(n, "tanggal_lapor", _("Tanggal '%(v)s' tidak dikenali (TTTT-BB-HH atau HH/BB/TTTT).")
                           % {"v": row.get("tanggal_lapor", "")})
            )  # fmt: skip
            reported_on = None
        if reported_on is not None and not reported:
            check.problems.append(
                RowProblem(n, "tanggal_lapor", _("Ada tanggal lapor padahal belum melapor."))
            )
        if len(check.problems) == bad and unit_id is not None:
            check.parsed.append(
                DutyRow(
                    nip,
                    name[:200],
                    unit_id,
                    employee.pk if employee else None,
                    reported,
                    reported_on,
                )
            )
    check.updates = len(existing & set(seen))
    check.creates = len(seen) - check.updates
    return check

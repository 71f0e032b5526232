"""Validate unit and employee rows from CSV/XLSX before anything is written."""

from collections.abc import Collection
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from integritas.common.former_values import FORMER_VALUES
from integritas.common.tabular import ROW, Table, TableError, import_format, iter_rows, read_table
from integritas.organization.models import Employee, Unit
from integritas.organization.nip import NipError, parse_nip

UNIT_COLUMNS = [
    "kode",
    "nama",
    "jenis",
    "kode_induk",
    "alamat",
    "telepon",
    "email",
    "laman",
    "stranas_pk",
]
UNIT_REQUIRED = ["kode", "nama", "jenis"]
EMPLOYEE_COLUMNS = [
    "nip", "nama", "gelar_depan", "gelar_belakang", "status", "pangkat_golongan", "jabatan",
    "kode_unit", "email",
]  # fmt: skip
EMPLOYEE_REQUIRED = ["nip", "nama", "kode_unit"]


def _unit_type_words() -> dict[str, str]:
    """The Indonesian word people type in a sheet's ``jenis`` → the stored ``Unit.Type``."""
    indonesian = {new: old for old, new in FORMER_VALUES["organization.unit"]["type"].items()}
    return {indonesian.get(value, value): value for value in Unit.Type.values}


def unit_type_from_sheet(text: str) -> str | None:
    """The stored ``Unit.Type`` for a sheet's ``jenis`` cell (``kelurahan`` → ``urban_village``)."""
    word = text.strip().lower()
    return _unit_type_words().get(word) or (word if word in Unit.Type.values else None)


# Kupang has a few hundred units and several thousand civil servants; a file above these is a
# mistake (or an attack), not a roster.
UNITS_FORMAT = import_format("organization.units", max_rows=2_000, max_cols=len(UNIT_COLUMNS) + 20)
EMPLOYEES_FORMAT = import_format(
    "organization.employees", max_rows=20_000, max_cols=len(EMPLOYEE_COLUMNS) + 20
)
TRUE_WORDS = {"ya", "y", "1", "true", "benar"}
FALSE_WORDS = {"", "tidak", "t", "0", "false", "salah"}


def read(data: bytes, *, kind: str, ext: str) -> Table:
    """Read an uploaded units or employees file (CSV or XLSX) within its format's caps."""
    limits = UNITS_FORMAT if kind == "units" else EMPLOYEES_FORMAT
    return read_table(data, kind=ext, limits=limits)


@dataclass
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportCheck:
    kind: str
    rows: list[dict[str, str]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    creates: int = 0
    updates: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def _missing_columns(table: Table, required: list[str]) -> list[RowProblem]:
    return [
        RowProblem(1, col, _("Kolom wajib '%(col)s' tidak ada pada baris judul.") % {"col": col})
        for col in required
        if col not in table.headers
    ]


def check_units(table: Table) -> ImportCheck:
    """Check every unit row; report all problems, write nothing."""
    check = ImportCheck(kind="units", rows=table.rows)
    check.problems += _missing_columns(table, UNIT_REQUIRED)
    if check.problems:
        return check
    existing = dict(Unit.objects.values_list("code", "id"))
    codes_in_file: dict[str, int] = {}
    shown_types = sorted(_unit_type_words())
    for row in table.rows:
        n = int(row[ROW])
        code = row.get("kode", "")
        if not code:
            check.problems.append(RowProblem(n, "kode", _("Kode unit wajib diisi.")))
        elif code in codes_in_file:
            check.problems.append(
                RowProblem(
                    n,
                    "kode",
                    _("Kode %(code)s sudah dipakai di baris %(other)d.")
                    % {"code": code, "other": codes_in_file[code]},
                )
            )
        else:
            codes_in_file[code] = n
        if not row.get("nama"):
            check.problems.append(RowProblem(n, "nama", _("Nama unit wajib diisi.")))
        if unit_type_from_sheet(row.get("jenis", "")) is None:
            check.problems.append(
                RowProblem(
                    n,
                    "jenis",
                    _("Jenis '%(v)s' tidak dikenal; pilih salah satu: %(all)s.")
                    % {"v": row.get("jenis", ""), "all": ", ".join(shown_types)},
                )
            )
        _check_email(check, n, row.get("email", ""))
        if row.get("stranas_pk", "").lower() not in TRUE_WORDS | FALSE_WORDS:
            check.problems.append(RowProblem(n, "stranas_pk", _("Isi 'ya' atau 'tidak'.")))
    for row in table.rows:
        parent = row.get("kode_induk", "")
        if parent and parent not in existing and parent not in codes_in_file:
            check.problems.append(
                RowProblem(
                    int(row[ROW]),
                    "kode_induk",
                    _("Unit induk dengan kode %(code)s tidak ditemukan.") % {"code": parent},
                )
            )
        if parent and parent == row.get("kode"):
            check.problems.append(
                RowProblem(
                    int(row[ROW]), "kode_induk", _("Unit tidak boleh menjadi induknya sendiri.")
                )
            )
    check.updates = sum(1 for c in codes_in_file if c in existing)
    check.creates = len(codes_in_file) - check.updates
    return check


def _check_email(check: ImportCheck, n: int, value: str) -> None:
    if not value:
        return
    try:
        validate_email(value)
    except ValidationError:
        check.problems.append(
            RowProblem(n, "email", _("Alamat surel '%(v)s' tidak sah.") % {"v": value})
        )


def numeric_nip_rows(data: bytes) -> set[int]:
    """The .xlsx rows whose NIP cell holds a number, not text.

    Excel keeps 15 significant digits of a number, so an 18-digit NIP typed into a number cell
    has already lost its last digits (197805122006041001 becomes 197805122006041000).
    """
    try:
        rows = iter_rows(data, kind="xlsx", limits=EMPLOYEES_FORMAT)
        _number, first = next(rows, (1, ()))
        header = [str(h or "").strip().lower() for h in first]
        if "nip" not in header:
            return set()
        column = header.index("nip")
        return {
            number
            for number, raw in rows
            if column < len(raw)
            and isinstance(raw[column], int | float)
            and not isinstance(raw[column], bool)
        }
    except TableError:  # an unreadable or oversize file is reported by the reader itself
        return set()


def check_employees(table: Table, *, numeric_nips: Collection[int] = ()) -> ImportCheck:
    """Check every employee row; report all problems, write nothing."""
    check = ImportCheck(kind="employees", rows=table.rows)
    check.problems += _missing_columns(table, EMPLOYEE_REQUIRED)
    if check.problems:
        return check
    unit_codes = set(Unit.objects.values_list("code", flat=True))
    existing = set(
        Employee.objects.filter(nip__in=[r.get("nip", "") for r in table.rows]).values_list(
            "nip", flat=True
        )
    )
    seen: dict[str, int] = {}
    for row in table.rows:
        n = int(row[ROW])
        nip = row.get("nip", "").replace(" ", "")
        if n in numeric_nips:
            check.problems.append(RowProblem(n, "nip", _(
                "NIP tersimpan sebagai angka, sehingga Excel sudah memotong digit terakhirnya. "
                "Format kolom NIP sebagai Teks, ketik ulang NIP-nya, lalu unggah lagi."
            )))  # fmt: skip
        else:
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
        if not row.get("nama"):
            check.problems.append(RowProblem(n, "nama", _("Nama pegawai wajib diisi.")))
        status = row.get("status", "PNS").upper() or "PNS"
        if status not in ("PNS", "PPPK"):
            check.problems.append(
                RowProblem(
                    n,
                    "status",
                    _("Status harus PNS atau PPPK, bukan '%(v)s'.") % {"v": row.get("status")},
                )
            )
        if row.get("kode_unit", "") not in unit_codes:
            check.problems.append(
                RowProblem(
                    n,
                    "kode_unit",
                    _("Unit dengan kode '%(code)s' tidak ditemukan.")
                    % {"code": row.get("kode_unit", "")},
                )
            )
        _check_email(check, n, row.get("email", ""))
    check.updates = len(existing)
    check.creates = len(seen) - check.updates
    return check

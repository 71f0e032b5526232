"""Import of an SP4N-LAPOR! export (CSV/XLSX): check every row, then write all rows or none.

There is no SP4N-LAPOR! interface to reach from here, so the officer downloads the export and
uploads it. Columns (first row, case and spaces ignored):
  nomor_tracking (required, unique), tanggal (required: 31/12/2026 or 2026-12-31), judul,
  isi (required when judul is empty), kategori, status, tanggal_selesai (optional, for a
  finished case; otherwise the day of the import), kode_unit (optional; otherwise the unit
  chosen on the form).
A tracking number already in the register, or repeated in the file, is skipped and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.common.tabular import ROW, Table, import_format
from integritas.complaints import services
from integritas.complaints.models import Channel, Complaint
from integritas.organization.models import Unit

if TYPE_CHECKING:
    from integritas.accounts.models import User

COLUMNS = [
    "nomor_tracking", "tanggal", "judul", "isi", "kategori", "status", "tanggal_selesai",
    "kode_unit",
]  # fmt: skip
IMPORT_FORMAT = import_format("complaints.lapor", max_rows=20_000, max_cols=len(COLUMNS) + 20)
ALIASES = {
    "nomor_tracking": ("no_tracking", "tracking_id", "nomor_laporan", "id_tracking"),
    "tanggal": ("tanggal_laporan", "tgl_laporan", "tanggal_dibuat"),
    "judul": ("judul_laporan",),
    "isi": ("isi_laporan", "deskripsi"),
    "kategori": ("kategori_laporan",),
    "status": ("status_laporan",),
}
# SP4N-LAPOR! status words, mapped to "closed" (True) or "still open" (False).
STATUS_CLOSED = {
    "": False, "belum terverifikasi": False, "terverifikasi": False, "diteruskan": False,
    "didisposisikan": False, "diproses": False, "ditindaklanjuti": False,
    "tindak lanjut": False, "selesai": True, "ditutup": True,
}  # fmt: skip


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class LaporCheck:
    rows: list[dict[str, Any]] = field(default_factory=list)  # the rows that will be written
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (row, tracking number)

    @property
    def ok(self) -> bool:
        return not self.problems


class ImportRejected(Exception):
    def __init__(self, check: LaporCheck):
        super().__init__("rejected")
        self.check = check


def _column(row: dict[str, str], name: str) -> str:
    if name in row:
        return row[name]
    for alias in ALIASES.get(name, ()):
        if alias in row:
            return row[alias]
    return ""


def _has(table: Table, name: str) -> bool:
    return name in table.headers or any(a in table.headers for a in ALIASES.get(name, ()))


def parse_day(text: str) -> date | None:
    text = (text or "").strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def check(table: Table, *, default_unit: Unit | None) -> LaporCheck:
    """Check every row against the register; write nothing."""
    result = LaporCheck()
    for name in ("nomor_tracking", "tanggal"):
        if not _has(table, name):
            result.problems.append(
                RowProblem(
                    1, name, _("Kolom wajib '%(c)s' tidak ada pada baris judul.") % {"c": name}
                )
            )
    if result.problems:
        return result
    if not table.rows:
        result.problems.append(RowProblem(1, "", _("Berkas tidak berisi baris data.")))
        return result
    units = {u.code.upper(): u for u in Unit.objects.all()}
    known = set(
        Complaint.objects.exclude(lapor_tracking=None).values_list("lapor_tracking", flat=True)
    )
    seen: set[str] = set()
    today = timezone.localdate()
    for row in table.rows:
        n = int(row[ROW])
        problems: list[RowProblem] = []
        tracking = _column(row, "nomor_tracking").strip()
        if not tracking:
            problems.append(RowProblem(n, "nomor_tracking", _("Nomor tracking wajib diisi.")))
        elif len(tracking) > 40:
            problems.append(RowProblem(n, "nomor_tracking", _("Nomor tracking terlalu panjang.")))
        day = parse_day(_column(row, "tanggal"))
        if day is None:
            problems.append(
                RowProblem(n, "tanggal", _("Tanggal tidak dikenali (contoh: 31/12/2026)."))
            )
        elif day > today:
            problems.append(RowProblem(n, "tanggal", _("Tanggal tidak boleh di masa depan.")))
        title = _column(row, "judul").strip()
        content = _column(row, "isi").strip() or title
        if not content:
            problems.append(RowProblem(n, "isi", _("Isi atau judul laporan wajib diisi.")))
        if len(title) > 200:
            problems.append(RowProblem(n, "judul", _("Judul paling panjang 200 karakter.")))
        status = _column(row, "status").strip().lower()
        if status not in STATUS_CLOSED:
            problems.append(
                RowProblem(
                    n, "status",
                    _("Status '%(s)s' tidak dikenal. Yang dikenal: %(known)s.")
                    % {"s": status, "known": ", ".join(sorted(k for k in STATUS_CLOSED if k))},
                )
            )  # fmt: skip
        closed_on = None
        if row.get("tanggal_selesai", "").strip():
            closed_on = parse_day(row["tanggal_selesai"])
            if closed_on is None or (day is not None and closed_on < day) or closed_on > today:
                problems.append(
                    RowProblem(
                        n, "tanggal_selesai",
                        _("Tanggal selesai tidak dikenali, sebelum tanggal laporan, atau di masa depan."),
                    )
                )  # fmt: skip
        code = row.get("kode_unit", "").strip().upper()
        unit = units.get(code) if code else default_unit
        if unit is None:
            problems.append(
                RowProblem(n, "kode_unit", _("Unit tidak dikenal; isi kode_unit atau pilih unit."))
            )
        if problems:
            result.problems += problems
            continue
        if tracking in known or tracking in seen:
            result.duplicates.append((n, tracking))
            continue
        seen.add(tracking)
        result.rows.append({
            "row": n, "tracking": tracking, "day": day, "title": title, "content": content,
            "category": _column(row, "kategori").strip()[:200], "closed": STATUS_CLOSED[status],
            "closed_on": closed_on, "unit": unit,
        })  # fmt: skip
    return result


def lapor_import(*, table: Table, default_unit: Unit | None, by: User) -> LaporCheck:
    """Write every new row in one transaction, or nothing; duplicates are skipped."""
    result = check(table, default_unit=default_unit)
    if not result.ok:
        raise ImportRejected(result)
    try:
        with transaction.atomic():
            for item in result.rows:
                complaint, _code = services.complaint_record(
                    channel=Channel.LAPOR, unit=item["unit"], what=item["content"], by=by,
                    received_on=item["day"], lapor_tracking=item["tracking"], title=item["title"],
                )  # fmt: skip
                complaint.lapor_category = item["category"]
                complaint.save(update_fields=["lapor_category"])
                if item["closed"]:
                    _close_imported(complaint, item["closed_on"], by)
    except ValidationError as exc:
        result.problems.append(RowProblem(0, "", " ".join(exc.messages)))
        raise ImportRejected(result) from None
    return result


def _close_imported(complaint: Complaint, closed_on: date | None, by: User) -> None:
    """A case SP4N-LAPOR! reports as finished: closed on its tanggal_selesai, else today."""
    today = closed_on or timezone.localdate()
    complaint.status = Complaint.Status.CLOSED
    complaint.outcome = Complaint.Outcome.RESOLVED
    complaint.acknowledged_on = complaint.acknowledged_on or today
    complaint.closed_on = today
    complaint.full_clean()
    complaint.save(update_fields=["status", "outcome", "acknowledged_on", "closed_on"])
    services._audit(complaint, "complaint.lapor_closed", by)

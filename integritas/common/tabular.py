"""Read CSV and XLSX uploads safely: the one reader every spreadsheet import goes through.

A spreadsheet is never trusted to describe itself. The zip container is checked before it is
opened (member count, uncompressed sizes, compression ratio), the sheet's `<dimension>` is
ignored, only the rows and cells present in the file are read (never padded to a claimed size),
and reading stops as soon as the sheet goes past the caps the calling format declares. Each
import declares its caps once with `import_format(...)`; the registry lets a test push an
oversize file through every import.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from integritas.common.formatting import angka
from integritas.common.numbers import format_number

ROW = "__row__"

# The zip container of an .xlsx: a workbook from Excel, LibreOffice or openpyxl has a few dozen
# members of at most a few megabytes, compressed ten to twenty times.
ZIP_MAX_MEMBERS = 300
ZIP_MAX_MEMBER_BYTES = 16 * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = 32 * 1024 * 1024
ZIP_MAX_RATIO = 100
ZIP_RATIO_FROM_BYTES = 1024 * 1024
# Empty rows past the cap (formatting left below the data) tolerated before giving up.
TRAILING_EMPTY_ROWS = 1000


@dataclass(frozen=True)
class Limits:
    """The largest sheet an import format accepts."""

    name: str
    max_rows: int  # sheet rows, header and title rows included
    max_cols: int
    max_field: int = 4000  # characters in one cell


FORMATS: dict[str, Limits] = {}


def import_format(name: str, *, max_rows: int, max_cols: int, max_field: int = 4000) -> Limits:
    """Declare the caps of an import format; every import reads with one of these."""
    limits = Limits(name=name, max_rows=max_rows, max_cols=max_cols, max_field=max_field)
    FORMATS[name] = limits
    return limits


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[dict[str, str]]  # each row: header -> stripped text, plus ROW = its line number


class TableError(ValueError):
    pass


def _too_many_rows(limits: Limits) -> TableError:
    return TableError(
        _(
            "Lembar kerja terlalu besar: lebih dari %(n)s baris. Hapus baris di bawah data atau "
            "bagi isinya ke beberapa berkas."
        )
        % {"n": angka(limits.max_rows, 0)}
    )


def _too_many_columns(limits: Limits) -> TableError:
    return TableError(
        _("Lembar kerja terlalu lebar: lebih dari %(n)s kolom. Hapus kolom di kanan data.")
        % {"n": angka(limits.max_cols, 0)}
    )


def _too_long(limits: Limits, row: int) -> TableError:
    return TableError(
        _("Isi sel pada baris %(row)d terlalu panjang: lebih dari %(n)s karakter.")
        % {"row": row, "n": angka(limits.max_field, 0)}
    )


def _norm(header: object) -> str:
    return str(header or "").strip().lower().replace(" ", "_")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def iter_rows(data: bytes, *, kind: str, limits: Limits) -> Iterator[tuple[int, tuple]]:
    """Yield (sheet row number, cell values) for every non-empty row, within the caps.

    Raise TableError with an Indonesian message when the file is broken or goes past the caps;
    the caller sees the rows read so far, so it must not write anything before the end.
    """
    if kind == "xlsx":
        return _xlsx_rows(data, limits)
    return _csv_rows(data, limits)


def read_rows(data: bytes, *, kind: str, limits: Limits) -> list[tuple]:
    """Every row of the first sheet up to its last non-empty one, index = sheet row - 1."""
    rows: list[tuple] = []
    for number, values in iter_rows(data, kind=kind, limits=limits):
        rows.extend(() for _gap in range(number - 1 - len(rows)))
        rows.append(values)
    return rows


def read_table(data: bytes, *, kind: str, limits: Limits) -> Table:
    """Parse CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX into header-keyed rows."""
    iterator = iter_rows(data, kind=kind, limits=limits)
    try:
        _number, header_row = next(iterator)
    except StopIteration:
        raise TableError(_("Berkas kosong.")) from None
    headers = [_norm(h) for h in header_row]
    rows = []
    for number, raw in iterator:
        cells = [_cell(v) for v in raw]
        row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h}
        row[ROW] = str(number)
        rows.append(row)
    return Table(headers=[h for h in headers if h], rows=rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float | Decimal):
        # A numeric cell, written the Indonesian way without thousands dots (87,5; 1,125) so
        # that `integritas.common.numbers.parse_number` reads it back unambiguously.
        return format_number(Decimal(str(value)), group=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def _fit(values: list, limits: Limits, number: int) -> tuple | None:
    """Cut a row to the column cap (refusing data past it); None for an empty row."""
    last = max((i for i, v in enumerate(values) if not _blank(v)), default=-1)
    if last < 0:
        return None
    if last >= limits.max_cols:
        raise _too_many_columns(limits)
    for value in values[: last + 1]:
        if isinstance(value, str) and len(value) > limits.max_field:
            raise _too_long(limits, number)
    return tuple(values[: last + 1])


# --------------------------------------------------------------------------- CSV


def csv_records(
    text: str, *, limits: Limits, dialect: Any = csv.excel, delimiter: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) as `csv.reader` would, blank records included, within caps.

    Raise TableError past the caps; a malformed record raises `csv.Error` as `csv.reader` does.
    """
    if delimiter:
        reader = csv.reader(io.StringIO(text), dialect, delimiter=delimiter)
    else:
        reader = csv.reader(io.StringIO(text), dialect)
    for records, raw in enumerate(reader, start=1):
        if records > limits.max_rows + TRAILING_EMPTY_ROWS:
            raise _too_many_rows(limits)
        if _fit(raw, limits, reader.line_num) is not None and records > limits.max_rows:
            raise _too_many_rows(limits)
        yield reader.line_num, raw


def _csv_rows(data: bytes, limits: Limits) -> Iterator[tuple[int, tuple]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(_("Berkas CSV harus berenkode UTF-8.")) from None
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records = csv_records(text, limits=limits, dialect=dialect)
    number = 0
    while True:
        try:
            number, raw = next(records)
        except StopIteration:
            return
        except csv.Error:
            raise TableError(
                _("Berkas CSV rusak atau isi selnya terlalu panjang (sekitar baris %(row)d).")
                % {"row": number + 1}
            ) from None
        values = _fit(raw, limits, number)
        if values is not None:
            yield number, values


# --------------------------------------------------------------------------- XLSX


def check_zip(data: bytes) -> None:
    """Refuse a zip container that would unpack into far more than a workbook needs."""
    broken = TableError(_("Berkas XLSX tidak dapat dibaca: bukan berkas Excel yang utuh."))
    bomb = TableError(
        _(
            "Berkas XLSX tidak wajar: isinya jauh lebih besar dari lembar kerja biasa. Simpan ulang "
            "berkas dari Excel atau LibreOffice lalu unggah lagi."
        )  # fmt: skip
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise broken from None
    if len(members) > ZIP_MAX_MEMBERS:
        raise bomb
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > ZIP_MAX_MEMBER_BYTES or total > ZIP_MAX_TOTAL_BYTES:
            raise bomb
        if member.file_size > ZIP_RATIO_FROM_BYTES and member.file_size > ZIP_MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise bomb


def _xlsx_rows(data: bytes, limits: Limits) -> Iterator[tuple[int, tuple]]:
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TableError(_("Berkas XLSX tidak dapat dibaca: %(e)s") % {"e": exc}) from None
    try:
        sheet = workbook.worksheets[0]
        # The parser openpyxl's read-only sheets use, without their padding of every row and
        # column up to the size the file claims in <dimension>: only rows present are seen.
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            parser.parse_row = _capped(parser.parse_row, limits)
            elements = 0
            for number, cells in parser.parse():
                elements += 1
                if elements > limits.max_rows + TRAILING_EMPTY_ROWS:
                    raise _too_many_rows(limits)
                values = _place(cells, limits)
                row = _fit(values, limits, number)
                if row is None:
                    continue
                if number > limits.max_rows:
                    raise _too_many_rows(limits)
                yield number, row
    except TableError:
        raise
    except Exception as exc:  # a damaged sheet part
        raise TableError(_("Berkas XLSX tidak dapat dibaca: %(e)s") % {"e": exc}) from None
    finally:
        workbook.close()


def _capped(parse_row, limits: Limits):
    """Refuse a row element with more cells than the format could use, before parsing them."""

    def capped(element):
        if len(element) > limits.max_cols + TRAILING_EMPTY_ROWS:
            raise _too_many_columns(limits)
        return parse_row(element)

    return capped


def _place(cells: list[dict], limits: Limits) -> list:
    """Put parsed cells at their column positions, ignoring empty cells past the cap."""
    values: list = []
    for cell in cells:
        column = cell["column"]
        value = cell["value"]
        if column > limits.max_cols:
            if not _blank(value):
                raise _too_many_columns(limits)
            continue
        if column > len(values):
            values.extend(None for _gap in range(column - len(values)))
        values[column - 1] = value
    return values

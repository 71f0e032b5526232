"""Read CSV and XLSX uploads into header-keyed rows."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from integritas.common.numbers import format_number

ROW = "__row__"


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[dict[str, str]]  # each row: header -> stripped text, plus ROW = its line number


class TableError(ValueError):
    pass


def _norm(header: object) -> str:
    return str(header or "").strip().lower().replace(" ", "_")


def read_table(data: bytes, *, kind: str) -> Table:
    """Parse CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX bytes."""
    if kind == "xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(_("Berkas CSV harus berenkode UTF-8.")) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header_row = next(reader)
    except StopIteration:
        raise TableError(_("Berkas kosong.")) from None
    headers = [_norm(h) for h in header_row]
    rows = []
    for raw in reader:
        if not any(cell.strip() for cell in raw):
            continue
        row = {h: (raw[i].strip() if i < len(raw) else "") for i, h in enumerate(headers) if h}
        row[ROW] = str(reader.line_num)
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


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TableError(_("Berkas XLSX tidak dapat dibaca: %(e)s") % {"e": exc}) from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header_row = next(iterator)
    except StopIteration:
        raise TableError(_("Berkas kosong.")) from None
    headers = [_norm(h) for h in header_row]
    rows = []
    for number, raw in enumerate(iterator, start=2):
        cells = [_cell(v) for v in raw]
        if not any(cells):
            continue
        row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h}
        row[ROW] = str(number)
        rows.append(row)
    workbook.close()
    return Table(headers=[h for h in headers if h], rows=rows)

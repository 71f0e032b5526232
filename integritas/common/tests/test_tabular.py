"""The safe reader: caps from the format, never from the file; stop at the data's end."""

import io

import pytest
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from integritas.common import tabular
from integritas.common.tabular import ROW, Limits, TableError, read_rows, read_table
from integritas.common.testing import dimension_bomb, sheet_xml, workbook_bytes, zip_bomb

SMALL = Limits(name="test.small", max_rows=10, max_cols=5, max_field=50)


@pytest.fixture
def parsed_rows(monkeypatch):
    """Count the row elements openpyxl parses, and forbid its padding read-only iteration."""
    seen: list[int] = []
    original = WorkSheetParser.parse_row

    def counting(self, element):
        seen.append(1)
        return original(self, element)

    def padding(*args, **kwargs):
        raise AssertionError("the padded read-only iteration trusts <dimension>")

    monkeypatch.setattr(WorkSheetParser, "parse_row", counting)
    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", padding)
    return seen


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_reads_a_normal_sheet_into_header_keyed_rows():
    data = _xlsx([["Kode", "Nama Unit"], ["A", "Satu"], [None, None], [7.0, "Tujuh"]])
    table = read_table(data, kind="xlsx", limits=SMALL)
    assert table.headers == ["kode", "nama_unit"]
    assert table.rows == [
        {"kode": "A", "nama_unit": "Satu", ROW: "2"},
        {"kode": "7", "nama_unit": "Tujuh", ROW: "4"},
    ]


def test_the_dimension_bomb_is_refused_after_reading_two_rows(parsed_rows):
    data = dimension_bomb()
    assert len(data) < 2000
    with pytest.raises(TableError, match="Lembar kerja terlalu besar: lebih dari 10 baris"):
        read_table(data, kind="xlsx", limits=SMALL)
    assert len(parsed_rows) == 2


def test_a_cell_in_the_last_column_is_refused_as_too_wide(parsed_rows):
    with pytest.raises(TableError, match="terlalu lebar: lebih dari 5 kolom"):
        read_table(dimension_bomb(column=16_384), kind="xlsx", limits=SMALL)
    assert len(parsed_rows) <= 2


def test_the_reader_stops_at_the_first_row_past_the_cap(parsed_rows):
    rows = {n: {1: f"baris {n}"} for n in range(1, 501)}
    with pytest.raises(TableError, match="terlalu besar"):
        read_table(workbook_bytes(sheet_xml(rows)), kind="xlsx", limits=SMALL)
    assert len(parsed_rows) == SMALL.max_rows + 1


def test_empty_rows_and_cells_below_and_right_of_the_data_are_ignored():
    rows = {1: {1: "kode"}, 2: {1: "A"}, **{n: {3: " "} for n in range(3, 400)}}
    extra = '<row r="500"><c r="XFD500"/></row>'
    table = read_table(workbook_bytes(sheet_xml(rows, extra=extra)), kind="xlsx", limits=SMALL)
    assert [r["kode"] for r in table.rows] == ["A"]


def test_endless_empty_rows_past_the_cap_are_refused(parsed_rows):
    extra = "".join(f'<row r="{n}"/>' for n in range(2, 5000))
    with pytest.raises(TableError, match="terlalu besar"):
        read_table(
            workbook_bytes(sheet_xml({1: {1: "kode"}}, extra=extra)), kind="xlsx", limits=SMALL
        )
    assert len(parsed_rows) == SMALL.max_rows + tabular.TRAILING_EMPTY_ROWS + 1


def test_a_row_element_with_thousands_of_cells_is_refused_before_they_are_parsed(monkeypatch):
    parsed = []
    original = WorkSheetParser.parse_cell
    monkeypatch.setattr(
        WorkSheetParser, "parse_cell", lambda self, el: parsed.append(1) or original(self, el)
    )
    cells = "".join("<c/>" for _ in range(5000))
    with pytest.raises(TableError, match="terlalu lebar"):
        read_table(
            workbook_bytes(sheet_xml({}, extra=f"<row>{cells}</row>")), kind="xlsx", limits=SMALL
        )
    assert parsed == []


def test_an_overlong_cell_is_refused_with_its_row():
    data = _xlsx([["kode"], ["x" * 51]])
    with pytest.raises(TableError, match="baris 2 terlalu panjang: lebih dari 50 karakter"):
        read_table(data, kind="xlsx", limits=SMALL)


def test_a_zip_bomb_member_is_refused_before_the_workbook_is_opened(monkeypatch):
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    with pytest.raises(TableError, match="tidak wajar"):
        read_table(zip_bomb(), kind="xlsx", limits=SMALL)
    with pytest.raises(TableError, match="tidak wajar"):
        tabular.check_zip(zip_bomb(inflated=tabular.ZIP_MAX_MEMBER_BYTES + 1))


def test_a_zip_with_thousands_of_members_is_refused():
    members = {f"xl/media/{n}.bin": b"" for n in range(tabular.ZIP_MAX_MEMBERS)}
    with pytest.raises(TableError, match="tidak wajar"):
        tabular.check_zip(workbook_bytes(sheet_xml({1: {1: "kode"}}), members=members))


@pytest.mark.parametrize("data", [b"PK\x03\x04broken", b"not a zip at all"])
def test_a_broken_xlsx_is_a_message_not_an_exception(data):
    with pytest.raises(TableError, match="tidak dapat dibaca"):
        read_table(data, kind="xlsx", limits=SMALL)


def test_a_real_export_passes_the_zip_checks():
    tabular.check_zip(_xlsx([["kode", "nama"], *[[f"K{n}", "x" * 200] for n in range(2000)]]))


def test_read_rows_keeps_row_positions_up_to_the_last_data_row():
    data = _xlsx([["judul"], [], ["kode", "nama"], ["A", None, None]])
    assert read_rows(data, kind="xlsx", limits=SMALL) == [("judul",), (), ("kode", "nama"), ("A",)]


# --------------------------------------------------------------------------- CSV


def test_it_reads_a_semicolon_csv_with_a_bom():
    table = read_table("\ufeffkode;nama\nA;Satu\n\nB;Dua\n".encode(), kind="csv", limits=SMALL)
    assert [(r["kode"], r[ROW]) for r in table.rows] == [("A", "2"), ("B", "4")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kode\n" + "x\n" * 20, "terlalu besar: lebih dari 10 baris"),
        ("kode\n" + "\n" * 5000, "terlalu besar"),
        ("kode\n" + ",,,,,,x\n", "terlalu lebar: lebih dari 5 kolom"),
        ("kode\n" + "y" * 51 + "\n", "baris 2 terlalu panjang"),
        ('kode\n"' + "z" * 200_000 + '"\n', "rusak atau isi selnya terlalu panjang"),
    ],
)
def test_an_oversize_csv_is_refused_with_a_message(text, message):
    with pytest.raises(TableError, match=message):
        read_table(text.encode(), kind="csv", limits=SMALL)


def test_trailing_empty_columns_in_a_csv_are_ignored():
    table = read_table(b"kode,,,,,,,,\nA,,,,,,,,\n", kind="csv", limits=SMALL)
    assert table.rows == [{"kode": "A", ROW: "2"}]


def test_a_csv_that_is_not_utf8_is_refused():
    with pytest.raises(TableError, match="UTF-8"):
        read_table("kode\nSéko\n".encode("latin-1"), kind="csv", limits=SMALL)


def test_an_import_format_is_registered_once_by_name():
    limits = tabular.import_format("test.registered", max_rows=3, max_cols=2)
    assert tabular.FORMATS["test.registered"] is limits
    del tabular.FORMATS["test.registered"]

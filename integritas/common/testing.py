"""Hostile spreadsheets for tests: a sheet that lies about its size, and a zip bomb."""

import io
import zipfile
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_xml(rows: dict[int, dict[int, str]], *, dimension: str | None = None, extra="") -> str:
    """A worksheet part holding the given cells (row -> column -> text) as inline strings."""
    parts = []
    for number in sorted(rows):
        cells = "".join(
            f'<c r="{_column_letter(col)}{number}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
            for col, text in sorted(rows[number].items())
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{''.join(parts)}{extra}</sheetData></worksheet>"
    )


def workbook_bytes(sheet: str, *, members: dict[str, bytes] | None = None) -> bytes:
    """An .xlsx zip around one worksheet part (and any extra members)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def dimension_bomb(header: list[str] | None = None, *, column: int = 1) -> bytes:
    """The 1.6 KB sheet that claims A1:XFD1048576 and has one cell on the last row."""
    first = dict(enumerate(header or ["kode"], start=1))
    return workbook_bytes(
        sheet_xml({1: first, 1_048_576: {column: "x"}}, dimension="A1:XFD1048576")
    )


def zip_bomb(header: list[str] | None = None, *, inflated: int = 4 << 20) -> bytes:
    """A workbook with a member of zeros that inflates a thousandfold (4 MB by default)."""
    first = dict(enumerate(header or ["kode"], start=1))
    return workbook_bytes(sheet_xml({1: first}), members={"xl/media/padding.bin": bytes(inflated)})

"""The action plan as an .xlsx workbook in the Lampiran C layout: export, and import with checks.

Layout: a title block (RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS, the unit, TAHUN), a two-row
header (KOMPONEN … KODE LKE, then TARGET CAPAIAN over B01 … B12), the column numbers, and the
rows grouped under "A. PENGUNGKIT" and "B. HASIL". The importer finds the header wherever it is,
skips the number and group rows, stops at "Keterangan", and reports every problem by row and
column; a file with any problem writes nothing.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from integritas.common import exports
from integritas.common.numbers import format_number
from integritas.common.tabular import TableError, import_format, read_rows
from integritas.organization.models import Employee, Unit
from integritas.planning import components as comp
from integritas.planning.forms import ActionRowForm
from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow
from integritas.planning.rules import MONTH_CODES
from integritas.planning.selectors import rows_by_group

TEXT_COLUMNS = ["KOMPONEN", "TUJUAN", "INDIKATOR", "RENCANA AKSI", "PIC", "ANGGARAN", "SUMBER",
                "KODE LKE"]  # fmt: skip
COLUMNS = [*TEXT_COLUMNS, *MONTH_CODES]
REQUIRED = {"KOMPONEN", "TUJUAN", "INDIKATOR", "RENCANA AKSI", *MONTH_CODES}
FIELD_COLUMN = {
    "component": "KOMPONEN", "goal": "TUJUAN", "indicator": "INDIKATOR", "action": "RENCANA AKSI",
    "pic_employee": "PIC", "pic_text": "PIC", "budget": "ANGGARAN", "budget_source": "SUMBER",
    "budget_source_note": "SUMBER", "lke_codes": "KODE LKE",
    **{m: m.upper() for m in MONTH_FIELDS},
}  # fmt: skip
# A title block, a two-row header, the column numbers, group rows, the rows and the notes.
IMPORT_FORMAT = import_format("planning.action_plan", max_rows=2_000, max_cols=len(COLUMNS) + 10)
NIP = re.compile(r"\b(\d{18})\b")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # header name, "" for the whole row or file
    letter: str
    message: str

    def __str__(self) -> str:
        where = _("Baris %(row)d") % {"row": self.row} if self.row else _("Berkas")
        if self.column:
            where += _(", kolom %(letter)s (%(name)s)") % {
                "letter": self.letter,
                "name": self.column,
            }
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    rows: list[ActionRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


# --- export --------------------------------------------------------------------------------


def _source_text(row: ActionRow) -> str:
    return row.budget_source_label


def _pic_text(row: ActionRow) -> str:
    if row.pic_employee_id and row.pic_employee is not None:
        return f"{row.pic_employee.full_name} ({row.pic_employee.nip})"
    return row.pic_text


def export(plan: ActionPlan, rows: list[ActionRow]) -> bytes:
    """Write the plan as Lampiran C (one sheet)."""
    book = exports.new_workbook()
    sheet = book.active
    sheet.title = "Lampiran C"
    width = len(COLUMNS)
    last = get_column_letter(width)
    titles = [
        "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS",
        plan.unit.name.upper(),
        f"TAHUN {plan.year}",
    ]
    for number, text in enumerate(titles, start=1):
        exports.put(sheet, number, 1, text).font = Font(bold=True, size=13)
        sheet.cell(row=number, column=1).alignment = Alignment(horizontal="center")
        sheet.merge_cells(f"A{number}:{last}{number}")
    header, sub, numbers = 5, 6, 7
    fill = PatternFill("solid", fgColor="E9ECEF")
    for index, name in enumerate(TEXT_COLUMNS, start=1):
        exports.put(sheet, header, index, name)
        sheet.merge_cells(start_row=header, start_column=index, end_row=sub, end_column=index)
    first_month = len(TEXT_COLUMNS) + 1
    exports.put(sheet, header, first_month, "TARGET CAPAIAN")
    sheet.merge_cells(start_row=header, start_column=first_month, end_row=header, end_column=width)
    for offset, code in enumerate(MONTH_CODES):
        exports.put(sheet, sub, first_month + offset, code)
    for index in range(1, width + 1):
        for r in (header, sub):
            cell = sheet.cell(row=r, column=index)
            cell.font = Font(bold=True)
            cell.fill = fill
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        number_cell = exports.put(sheet, numbers, index, index)
        number_cell.alignment = Alignment(horizontal="center")
        number_cell.border = BOX
    current = numbers + 1
    for _group, label, group_rows in rows_by_group(rows):
        exports.put(sheet, current, 1, label).font = Font(bold=True)
        sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=width)
        current += 1
        for row in group_rows:
            values = [
                comp.BY_CODE[row.component].name, row.goal, row.indicator, row.action,
                _pic_text(row), float(row.budget), _source_text(row),
                ", ".join(row.lke_question_codes or []), *[float(v) for v in row.targets],
            ]  # fmt: skip
            for index, value in enumerate(values, start=1):
                cell = exports.put(sheet, current, index, value)
                cell.border = BOX
                cell.alignment = Alignment(vertical="top", wrap_text=index <= len(TEXT_COLUMNS))
                if index == 6:
                    cell.number_format = "#,##0"
                elif index > len(TEXT_COLUMNS):
                    cell.number_format = "0.##"
            current += 1
    current += 1
    notes = [
        "Keterangan:",
        "Kolom KOMPONEN: komponen pengungkit (MP, TT, SDM, AK, PW, PP) atau hasil (bersih, pelayanan).",
        "Kolom B01–B12: target capaian kumulatif (%) pada akhir bulan; tidak boleh turun.",
        "Kolom SUMBER: APBD atau sumber lain yang sah dan tidak mengikat (Pasal 18).",
    ]
    for text in notes:
        exports.put(sheet, current, 1, text).font = Font(italic=True, size=9)
        current += 1
    for index, w in enumerate([28, 30, 30, 36, 26, 14, 18, 16], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = w
    for index in range(len(TEXT_COLUMNS) + 1, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 6.5
    sheet.freeze_panes = f"B{numbers + 1}"
    sheet.page_setup.orientation = "landscape"
    return exports.workbook_bytes(book)


# --- import --------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value) -> str:
    """Return a number cell as text the form's Indonesian number fields read back unchanged.

    A numeric cell is written without thousands dots (12500000,5), so it can never be read
    as ambiguous; a text cell goes to the form as typed (minus "Rp" and "%"), where
    `integritas.common.numbers.parse_number` reads it or says why not.
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return format_number(Decimal(str(value)), group=False)
    return str(value).strip().replace("%", "").replace("Rp", "").strip()


def _find_header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows):
        names = [_text(v).upper() for v in row]
        if "KOMPONEN" not in names:
            continue
        below = [_text(v).upper() for v in rows[index + 1]] if index + 1 < len(rows) else []
        columns: dict[str, int] = {}
        for col, name in enumerate(names):
            if name in COLUMNS:
                columns[name] = col
        for col, name in enumerate(below):
            if name in MONTH_CODES and name not in columns:
                columns[name] = col
        return index, columns
    return None


def _source(text: str) -> tuple[str, str]:
    cleaned = text.strip()
    if not cleaned:
        return ActionRow.BudgetSource.APBD, ""
    if cleaned.upper().startswith("APBD"):
        note = cleaned[4:].strip(" -–:,")
        return ActionRow.BudgetSource.APBD, note
    if cleaned.lower().startswith("lainnya"):
        cleaned = cleaned[7:].strip(" -–:,")
    return ActionRow.BudgetSource.LAINNYA, cleaned


def _pic(text: str, employees: dict[str, Employee]) -> tuple[Employee | None, str]:
    match = NIP.search(text)
    if match and match.group(1) in employees:
        return employees[match.group(1)], ""
    return None, text


def parse(data: bytes, *, plan: ActionPlan) -> ImportResult:
    """Read a Lampiran C workbook into unsaved rows, or report every problem by row and column."""
    result = ImportResult()
    try:
        rows = read_rows(data, kind="xlsx", limits=IMPORT_FORMAT)
    except TableError as exc:
        result.problems.append(Problem(0, "", "", str(exc)))
        return result
    found = _find_header(rows)
    if found is None:
        result.problems.append(Problem(0, "", "", _("Judul kolom KOMPONEN tidak ditemukan.")))
        return result
    header_index, columns = found
    missing = [name for name in COLUMNS if name in REQUIRED and name not in columns]
    if missing:
        result.problems.append(
            Problem(header_index + 1, "", "", _("Kolom wajib tidak ada: %(c)s.") % {"c": ", ".join(missing)})
        )  # fmt: skip
        return result
    unit: Unit = plan.unit
    employees = {e.nip: e for e in Employee.objects.filter(unit=unit, is_active=True)}
    group = None
    start = header_index + 1
    while start < len(rows) and all(
        _text(rows[start][c]).upper() in (*MONTH_CODES, "")
        for c in columns.values()
        if c < len(rows[start])
    ):
        start += 1  # the B01…B12 sub-header row
    for index in range(start, len(rows)):
        raw = rows[index]
        line = index + 1

        def cell(name: str, raw=raw) -> object:
            col = columns.get(name)
            return raw[col] if col is not None and col < len(raw) else None

        texts = [_text(v) for v in raw]
        if not any(texts):
            continue
        first = texts[0] if texts else ""
        if first.lower().startswith("keterangan"):
            break
        if all(t.isdigit() for t in texts if t) and texts[0] == "1":
            continue  # the column-number row
        upper = first.upper()
        if upper in comp.GROUP_LABELS.values() and not any(texts[1:]):
            group = comp.PENGUNGKIT if upper == comp.GROUP_LABELS[comp.PENGUNGKIT] else comp.HASIL
            continue
        component = comp.find(_text(cell("KOMPONEN")))
        pic_employee, pic_text = _pic(_text(cell("PIC")), employees)
        source, note = _source(_text(cell("SUMBER")))
        form_data = {
            "component": component.code if component else _text(cell("KOMPONEN")),
            "goal": _text(cell("TUJUAN")), "indicator": _text(cell("INDIKATOR")),
            "action": _text(cell("RENCANA AKSI")),
            "pic_employee": str(pic_employee.pk) if pic_employee else "", "pic_text": pic_text,
            "budget": _number(cell("ANGGARAN")) or "0", "budget_source": source,
            "budget_source_note": note, "lke_codes": _text(cell("KODE LKE")),
            **{m: _number(cell(m.upper())) for m in MONTH_FIELDS},
        }  # fmt: skip
        form = ActionRowForm(form_data, unit=unit, instance=ActionRow(plan=plan))
        problems: list[Problem] = []
        if component is None:
            problems.append(_problem(line, "KOMPONEN", columns, _("Komponen tidak dikenal: \"%(v)s\".") % {"v": form_data["component"]}))  # fmt: skip
        elif group is not None and component.group != group:
            problems.append(_problem(line, "KOMPONEN", columns, _("Komponen %(c)s tidak termasuk kelompok %(g)s.") % {"c": component.code, "g": comp.GROUP_LABELS[group]}))  # fmt: skip
        if not form.is_valid():
            for name, errors in form.errors.items():
                if name == "component" and component is None:
                    continue
                column = FIELD_COLUMN.get(name, "")
                for error in errors:
                    problems.append(_problem(line, column, columns, str(error)))
        if problems:
            result.problems.extend(problems)
            continue
        row = form.save(commit=False)
        result.rows.append(row)
        result.line_numbers.append(line)
    if not result.rows and not result.problems:
        result.problems.append(Problem(0, "", "", _("Tidak ada baris rencana aksi di berkas.")))
    return result


def _problem(line: int, column: str, columns: dict[str, int], message: str) -> Problem:
    letter = get_column_letter(columns[column] + 1) if column in columns else ""
    return Problem(line, column, letter, message)

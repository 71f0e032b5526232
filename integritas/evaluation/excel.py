"""An assessment as an .xlsx laid out like the LKE worksheet, and the checking of a filled one.

Sheet "LKE" has one header row, then one row per question (its "Jumlah" inputs on rows of their
own, code `<question>/<input>`) and the hasil inputs; sheet "Ringkasan" holds the totals.
Import reads the columns Kode, Jawaban and Catatan; an empty cell changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.common import exports
from integritas.common.formatting import angka
from integritas.common.numbers import NumberError, format_number, parse_number
from integritas.common.tabular import ROW, TableError, import_format, read_table
from integritas.evaluation import engine, selectors, services
from integritas.evaluation.models import Assessment

HEADERS = [
    "Komponen",
    "Area",
    "Sub-indikator",
    "Kode",
    "Pertanyaan",
    "Jawaban",
    "Nilai",
    "Bobot",
    "Skor",
    "Catatan",
    "Data dukung",
    "Jawaban yang sah",
    "Jawaban TPI",
    "Nilai TPI",
    "Catatan TPI",
]
WIDTHS = [16, 24, 30, 14, 70, 10, 8, 8, 8, 40, 40, 16, 10, 9, 40]
# The worksheet has one row per question, per "Jumlah" input and per hasil input (about 140).
IMPORT_FORMAT = import_format("evaluation.lke", max_rows=1_000, max_cols=len(HEADERS) + 10)
HASIL_RANGES = {
    "ipak_index": (Decimal(0), Decimal(4)),
    "ipkp_index": (Decimal(0), Decimal(4)),
    "tlhp_percent": (Decimal(0), Decimal(100)),
}


def _evidence_text(links: list[Any]) -> str:
    lines = []
    for link in links:
        revisions = list(link.document.revisions.all())
        if revisions:
            rev = revisions[0]
            lines.append(f"{link.document.title} (rev. {rev.number}, SHA-256 {rev.sha256[:12]}…)")
    return "\n".join(lines)


def export_workbook(data: selectors.AssessmentData) -> bytes:
    """Write the assessment as the LKE worksheet (.xlsx bytes)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    framework = data.framework
    workbook = exports.new_workbook()
    sheet = workbook.active
    sheet.title = "LKE"
    exports.append(sheet, HEADERS)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DCE6EE")
    wrap = Alignment(wrap_text=True, vertical="top")
    tpi = data.tpi_score
    for area in framework.areas:
        area_label = f"{area.number}. {area.name}"
        for half, subs in (("Pemenuhan", area.pemenuhan), ("Reform", area.reform)):
            for sub in subs:
                sub_label = f"{sub.code} {sub.name} ({angka(sub.weight)})"
                weight = sub.weight / len(sub.questions)
                for question in sub.questions:
                    row = data.answers.get(question.code)
                    value = data.self_score.questions[question.code]
                    answer = None
                    if row is not None:
                        answer = row.percent if question.is_percent else (row.option_label or None)
                    tpi_answer = None
                    if row is not None:
                        tpi_answer = (
                            row.tpi_percent
                            if question.is_percent
                            else (row.tpi_option_label or None)
                        )
                    allowed = (
                        "0-100"
                        if question.is_percent
                        else "/".join(o.label for o in question.options)
                    )
                    exports.append(
                        sheet,
                        [
                            f"Pengungkit – {half}",
                            area_label,
                            sub_label,
                            question.code,
                            question.text,
                            answer,
                            value.value if value.answered else None,
                            engine.round2(weight),
                            value.value * weight if value.answered else None,
                            row.note if row else "",
                            _evidence_text(data.links.get(question.code, [])),
                            allowed,
                            tpi_answer,
                            tpi.questions[question.code].value
                            if tpi and tpi.questions[question.code].answered
                            else None,
                            row.tpi_note if row else "",
                        ],
                    )
                    for item in question.inputs:
                        number = (row.inputs or {}).get(item.code) if row else None
                        tpi_number = (row.tpi_inputs or {}).get(item.code) if row else None
                        exports.append(
                            sheet,
                            [
                                f"Pengungkit – {half}",
                                area_label,
                                sub_label,
                                f"{question.code}/{item.code}",
                                f"    {item.label}",
                                number,
                                None,
                                None,
                                None,
                                "",
                                "",
                                _("bilangan bulat ≥ 0"),
                                tpi_number,
                            ],
                        )
    hasil = data.hasil
    for group in framework.hasil_groups:
        for component in group.components:
            scored = data.self_score.component(component.code)
            raw = getattr(hasil, component.input, None) if hasil else None
            allowed = (
                "/".join(o.label for o in component.options)
                if component.kind == "option"
                else f"{angka(component.minimum, 0)}-{angka(component.maximum, 0)}"
            )
            exports.append(
                sheet,
                [
                    "Hasil",
                    group.name,
                    component.name,
                    component.input,
                    component.note or component.name,
                    raw if raw not in ("", None) else None,
                    scored.value if scored.answered else None,
                    component.weight,
                    scored.contribution if scored.answered else None,
                    "",
                    _evidence_text(data.links.get(component.input, [])),
                    allowed,
                ],
            )
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = wrap
    sheet.freeze_panes = "F2"
    sheet.auto_filter.ref = sheet.dimensions

    summary = workbook.create_sheet("Ringkasan")
    assessment = data.assessment
    rows: list[list[Any]] = [
        [_("Unit"), assessment.unit.name],
        [_("Tahun"), assessment.year],
        [_("Revisi"), assessment.revision],
        [_("Versi LKE"), f"{framework.code} v{framework.version}"],
        [_("Status"), assessment.get_status_display()],
        [_("Diekspor"), timezone.localtime().strftime("%d-%m-%Y %H:%M")],
        [],
        ["", _("Penilaian mandiri"), _("Penilaian TPI")],
        [_("Nilai total"), data.self_score.total, tpi.total if tpi else None],
        [_("Pengungkit"), data.self_score.pengungkit, tpi.pengungkit if tpi else None],
        [_("Hasil"), data.self_score.hasil, tpi.hasil if tpi else None],
    ]
    for index, area_score in enumerate(data.self_score.areas):
        rows.append(
            [
                f"{area_score.name} ({angka(area_score.weight)})",
                area_score.total,
                tpi.areas[index].total if tpi else None,
            ]
        )
    rows.append(
        [
            _("Kelengkapan"),
            f"{data.self_score.completeness.answered}/{data.self_score.completeness.questions}",
        ]
    )
    for line in rows:
        exports.append(summary, line)
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 22
    summary.column_dimensions["C"].width = 22
    for cell in summary["A"]:
        cell.font = bold
    return exports.workbook_bytes(workbook)


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class Problem:
    row: str
    code: str
    message: str


@dataclass
class ImportCheck:
    """What an imported worksheet would change, or every problem that stops it."""

    problems: list[Problem] = field(default_factory=list)
    answers: dict[str, services.CheckedAnswer] = field(default_factory=dict)
    hasil: dict[str, Any] = field(default_factory=dict)
    changes: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _number(text: str, *, integer: bool = False) -> tuple[Decimal | None, str]:
    """Read a typed or numeric cell (`integritas.common.numbers`); the reason when it is not one."""
    cleaned = text.strip().removesuffix("%").strip()
    try:
        return parse_number(cleaned, decimals=4, integer=integer), ""
    except NumberError as exc:
        return None, exc.message


def _show(value: Any) -> str:
    if value in (None, "", {}):
        return "–"
    if isinstance(value, Decimal):
        return format_number(value)  # as typed: 87,5 and 12,3456, never rounded
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return str(value)


def check_workbook(raw: bytes, data: selectors.AssessmentData) -> ImportCheck:
    """Check every row of a filled worksheet against the assessment's LKE version."""
    check = ImportCheck()
    try:
        table = read_table(raw, kind="xlsx", limits=IMPORT_FORMAT)
    except TableError as exc:
        check.problems.append(Problem("-", "", str(exc)))
        return check
    for needed in ("kode", "jawaban"):
        if needed not in table.headers:
            check.problems.append(
                Problem("1", "", _("Kolom '%(c)s' tidak ada di baris judul.") % {"c": needed})
            )
    if check.problems:
        return check
    framework = data.framework
    pending: dict[str, dict[str, Any]] = {}
    rows_of: dict[str, str] = {}
    seen: set[str] = set()
    returned_only = data.assessment.status == Assessment.Status.RETURNED

    def problem(row: dict[str, str], code: str, message: str) -> None:
        check.problems.append(Problem(row[ROW], code, message))

    def state(code: str) -> dict[str, Any]:
        if code not in pending:
            current = data.answers.get(code)
            pending[code] = {
                "option_label": current.option_label if current else "",
                "percent": current.percent if current else None,
                "inputs": dict(current.inputs or {}) if current else {},
                "note": current.note if current else "",
            }
        return pending[code]

    for row in table.rows:
        code = row.get("kode", "").strip()
        answer = row.get("jawaban", "").strip()
        note = row.get("catatan", "").strip()
        if not code:
            continue
        if code in seen:
            problem(row, code, _("Kode muncul lebih dari sekali."))
            continue
        seen.add(code)
        question_code, _sep, input_code = code.partition("/")
        if framework.hasil_input(code) is not None:
            component = framework.hasil_input(code)
            if not answer:
                continue
            if component is not None and component.kind == "option":
                label = answer.upper()
                if component.option(label) is None:
                    allowed = ", ".join(o.label for o in component.options)
                    problem(
                        row,
                        code,
                        _("Pilihan '%(a)s' tidak sah (boleh: %(b)s).")
                        % {"a": answer, "b": allowed},
                    )
                    continue
                check.hasil[code] = label
            else:
                number, reason = _number(answer)
                low, high = HASIL_RANGES.get(code, (Decimal(0), Decimal(100)))
                if number is None or not low <= number <= high:
                    problem(
                        row, code,
                        reason or _("'%(a)s' harus angka %(lo)s-%(hi)s.") % {"a": answer, "lo": angka(low, 0), "hi": angka(high, 0)},
                    )  # fmt: skip
                    continue
                check.hasil[code] = number
            continue
        if not framework.has_question(question_code):
            problem(row, code, _("Kode pertanyaan tidak dikenal."))
            continue
        question = framework.question(question_code)
        rows_of.setdefault(question_code, row[ROW])
        if input_code:
            if input_code not in {i.code for i in question.inputs}:
                problem(row, code, _("Isian jumlah tidak dikenal untuk pertanyaan ini."))
                continue
            if answer:
                number, reason = _number(answer, integer=True)
                if number is None or number < 0:
                    problem(
                        row,
                        code,
                        reason or _("'%(a)s' harus bilangan bulat 0 atau lebih.") % {"a": answer},
                    )
                    continue
                state(question_code)["inputs"][input_code] = int(number)
            continue
        if answer:
            if question.is_percent:
                number, reason = _number(answer)
                if number is None or not 0 <= number <= 100:
                    problem(
                        row, code, reason or _("'%(a)s' harus persentase 0-100.") % {"a": answer}
                    )
                    continue
                state(question_code)["percent"] = number
            else:
                option = next(
                    (o for o in question.options if o.label.casefold() == answer.casefold()), None
                )
                if option is None:
                    allowed = ", ".join(o.label for o in question.options)
                    problem(
                        row,
                        code,
                        _("Pilihan '%(a)s' tidak sah (boleh: %(b)s).")
                        % {"a": answer, "b": allowed},
                    )
                    continue
                state(question_code)["option_label"] = option.label
        if note:
            state(question_code)["note"] = note

    for code, values in pending.items():
        question = framework.question(code)
        current = data.answers.get(code)
        try:
            checked = services.check_answer(question, **values)
        except ValidationError as exc:
            check.problems.append(Problem(rows_of.get(code, "-"), code, " ".join(exc.messages)))
            continue
        before = (
            (current.option_label, current.percent, current.inputs or {}, current.note)
            if current
            else ("", None, {}, "")
        )
        after = (checked.option_label, checked.percent, checked.inputs, checked.note)
        if before == after:
            continue
        if returned_only and (current is None or not current.returned):
            check.problems.append(
                Problem(
                    rows_of.get(code, "-"),
                    code,
                    _(
                        "Penilaian sedang dikembalikan; hanya pertanyaan yang dikembalikan TPI yang dapat diubah."
                    ),
                )
            )
            continue
        check.answers[code] = checked
        check.changes.append(
            (
                code,
                _show(before[0] or before[1] or before[2]),
                _show(after[0] or after[1] or after[2]),
            )
        )
    hasil = data.hasil
    for name, value in list(check.hasil.items()):
        current_value = getattr(hasil, name, None) if hasil else None
        if current_value not in (None, "") and (
            (isinstance(value, Decimal) and Decimal(current_value) == value)
            or current_value == value
        ):
            del check.hasil[name]
            continue
        check.changes.append((name, _show(current_value), _show(value)))
    return check

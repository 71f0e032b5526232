"""The dashboard as shown, as an .xlsx workbook.

Every text is written as a text cell (never a formula, whatever it starts with); numbers behind a
cell (scores, percentages) are written as numbers beside their text.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from integritas.portal.dashboard import Dashboard


def _text(sheet: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # user text stays text: "=HYPERLINK(...)" is not run as a formula
    return cell


def workbook(dashboard: Dashboard) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Dasbor %(y)d") % {"y": dashboard.filters.year})
    headers = [_("Unit kerja"), _("Jenis"), _("Unit induk"), _("Tahap saat ini"), _("Kendala")]
    headers += [label for _key, label, _available in dashboard.stage_columns]
    for column in dashboard.columns:
        headers.append(column.label)
        headers.append(_("%(c)s (angka)") % {"c": column.label})
    sheet.append([_text(sheet, h) for h in headers])
    for row in dashboard.rows:
        values: list[Any] = [
            _text(sheet, row.unit.name),
            _text(sheet, row.unit.get_type_display()),
            _text(sheet, row.unit.parent.name if row.unit.parent else ""),
            _text(sheet, row.current_label),
            _text(sheet, row.held_by),
        ]
        values += [_text(sheet, stage.state_label) for stage in row.stages]
        for cell in row.cells:
            values.append(_text(sheet, cell.text))
            values.append(float(cell.value) if cell.value is not None else None)
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

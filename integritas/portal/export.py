"""The dashboard as shown, as an .xlsx workbook.

Every text is written as a text cell (never a formula, whatever it starts with); numbers behind a
cell (scores, percentages) are written as numbers beside their text.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from integritas.common import exports
from integritas.portal.dashboard import Dashboard


def workbook(dashboard: Dashboard) -> bytes:
    """Through the one export writer: every text a text cell, numbers as numbers."""
    headers = [_("Unit kerja"), _("Jenis"), _("Unit induk"), _("Tahap saat ini"), _("Kendala")]
    headers += [label for _key, label, _available in dashboard.stage_columns]
    for column in dashboard.columns:
        headers.append(column.label)
        headers.append(_("%(c)s (angka)") % {"c": column.label})

    def rows():
        yield headers
        for row in dashboard.rows:
            values: list[Any] = [
                row.unit.name,
                row.unit.get_type_display(),
                row.unit.parent.name if row.unit.parent else "",
                row.current_label,
                row.held_by,
            ]
            values += [stage.state_label for stage in row.stages]
            for cell in row.cells:
                values.append(cell.text)
                values.append(float(cell.value) if cell.value is not None else None)
            yield values

    return exports.xlsx([(_("Dasbor %(y)d") % {"y": dashboard.filters.year}, rows())])

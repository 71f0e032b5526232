"""The dashboard table's rows as HTML, built in one pass (a template loop over 200 units × 11
stages × a dozen cells is the slowest part of the page). Every value is escaped by format_html."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from integritas.common.dashboard import Column
from integritas.portal.dashboard import STATE_LABELS, Dashboard, UnitRow

SYMBOLS = {"done": "✓", "partial": "…", "todo": "✗", "na": "–"}
# On a phone each unit is a card with these columns (the desktop table and the export keep all).
KEY_COLUMNS = frozenset({"score", "ready", "overdue", "predicate", "complaints"})


def _stages(row: UnitRow, states: dict[str, str]) -> SafeString:
    return format_html_join(
        "",
        '<span class="stage stage-{}"{}><span aria-hidden="true">{}{}</span>'
        '<span class="visually-hidden">{}: {};</span></span>',
        (
            (
                stage.state,
                format_html(' title="{} — {}"', stage.label, stage.detail) if stage.detail else "",
                number,
                SYMBOLS[stage.state],
                stage.label,
                states[stage.state],
            )
            for number, stage in enumerate(row.stages, start=1)
        ),
    )


def _cells(row: UnitRow, columns: tuple[Column, ...]) -> SafeString:
    return format_html_join(
        "",
        '<td data-label="{}" class="{}">{}</td>',
        (
            (
                column.short or column.label,
                " ".join(
                    ([f"text-{cell.tone}-emphasis"] if cell.tone else [])
                    + ([] if column.key in KEY_COLUMNS else ["minor"])
                ),
                format_html('<a href="{}">{}</a>', cell.url, cell.text) if cell.url else cell.text,
            )
            for column, cell in zip(columns, row.cells, strict=True)
        ),
    )


def rows_html(board: Dashboard) -> list[SafeString]:
    """One <tr> per unit: name (drill-down), current stage, what holds it back, stages, cells."""
    states = {key: str(label) for key, label in STATE_LABELS.items()}
    progress = reverse("portal:unit_progress", args=[0]).replace("/0/", "/{}/")
    year = f"?tahun={board.filters.year}"
    labels = (_("Tahap saat ini"), _("Kendala"), _("Tahapan"))
    out = []
    for row in board.rows:
        parent = (
            format_html('<div class="text-muted">{}</div>', row.unit.parent.name)
            if row.unit.parent
            else ""
        )
        out.append(
            format_html(
                '<tr><th scope="row"><a href="{}">{}</a>{}</th><td data-label="{}">{}</td>'
                '<td data-label="{}">{}</td><td data-label="{}" class="stages">{}</td>{}</tr>',
                progress.format(row.unit.pk) + year,
                row.unit.name,
                parent,
                labels[0],
                row.current_label,
                labels[1],
                row.held_by or "–",
                labels[2],
                _stages(row, states),
                _cells(row, board.columns),
            )
        )
    return out

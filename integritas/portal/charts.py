"""Draw the dashboard's charts as inline SVG with pygal (no script, no CDN; works in PDFs too)."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from integritas.common.dashboard import ChartData
from integritas.common.formatting import angka
from integritas.evaluation.charts import INLINE_SCRIPT

COLORS = ("#0b4f6c", "#f0ad4e", "#6f42c1", "#198754", "#c0392b", "#6c757d")


def svg(chart: ChartData, *, width: int = 720, height: int = 320) -> str:
    """Return the chart as an SVG string (its <style> blocks need the page's CSP nonce)."""
    import pygal
    from pygal.style import Style

    style = Style(
        background="white",
        plot_background="white",
        foreground="#212529",
        foreground_strong="#212529",
        foreground_subtle="#6c757d",
        colors=COLORS,
        font_family="Liberation Sans, Arial, sans-serif",
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=12,
        value_font_size=11,
    )
    kind = {"bar": pygal.Bar, "line": pygal.Line, "hbar": pygal.HorizontalBar}[chart.kind]
    drawing = kind(
        js=[],
        style=style,
        width=width,
        height=max(height, 28 * len(chart.x_labels) + 80) if chart.kind == "hbar" else height,
        legend_at_bottom=True,
        show_legend=len(chart.series) > 1,
        disable_xml_declaration=True,
        explicit_size=False,
        print_values=chart.kind != "line",
        margin=8,
        value_formatter=lambda v: angka(v, 2 if chart.kind == "line" else 0),
        no_data_text=_("Belum ada data"),
        title=None,
    )
    labels, series_list = list(chart.x_labels), [(s.name, list(s.values)) for s in chart.series]
    if chart.kind == "hbar":  # pygal draws the first label at the bottom: keep reading order
        labels.reverse()
        series_list = [(name, values[::-1]) for name, values in series_list]
    values = [v for _name, vs in series_list for v in vs if v is not None]
    if chart.kind != "line" and values and all(float(v).is_integer() for v in values):
        # Counts: whole-number ticks, never 0,5 of a unit.
        top = int(max(values))
        step = max(1, math.ceil(top / 8))
        drawing.config.y_labels = list(range(0, top + step + 1, step))
    drawing.x_labels = labels
    for name, vs in series_list:
        drawing.add(name, vs)
    return INLINE_SCRIPT.sub("", str(drawing.render(is_unicode=True)))

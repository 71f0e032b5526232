"""Server-side SVG charts (pygal, no JavaScript) for the results page and the SKM report."""

from __future__ import annotations

from collections.abc import Sequence

import pygal
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from integritas.common.formatting import angka
from integritas.surveys.models import SurveyWave
from integritas.surveys.selectors import GroupResult

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=("#0b4f6c", "#c8963e", "#198754", "#dc3545"),
    font_family="Liberation Sans, DejaVu Sans, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    value_label_font_size=12,
    title_font_size=15,
    legend_font_size=12,
)


def _svg(chart: pygal.Graph) -> SafeString:
    # pygal escapes labels; the SVG is built from our own numbers and instrument texts.
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308


def items_chart(wave: SurveyWave, group: GroupResult, *, width: int = 760) -> SafeString | str:
    """Mean per unsur/item on the instrument scale, as horizontal bars."""
    if not group.items:
        return ""
    chart = pygal.HorizontalBar(
        js=[], style=STYLE, width=width, height=70 + 34 * len(group.items), show_legend=False,
        range=(0, wave.scale), print_values=True, margin=8,
        value_formatter=lambda v: angka(v, 2),
        title=_("NRR per unsur") if wave.kind == SurveyWave.Kind.SKM else _("Rata-rata per butir"),
    )  # fmt: skip
    chart.x_labels = [f"{item.code} {item.name}"[:40] for item in reversed(group.items)]
    chart.add("", [float(item.mean2) for item in reversed(group.items)])
    return _svg(chart)


def trend_chart(waves: Sequence[SurveyWave], *, width: int = 760) -> SafeString | str:
    """IKM or index across the closed waves of a unit and instrument."""
    points = [(w.period_label, w.result_value) for w in waves if w.result_value is not None]
    if len(points) < 2:
        return ""
    is_skm = waves[0].kind == SurveyWave.Kind.SKM
    chart = pygal.Line(
        js=[], style=STYLE, width=width, height=300, show_legend=False, print_values=True,
        range=(25, 100) if is_skm else (0, 4), margin=8,
        value_formatter=lambda v: angka(v, 2),
        title=_("Tren IKM") if is_skm else _("Tren indeks"),
    )  # fmt: skip
    chart.x_labels = [label for label, _value in points]
    chart.add("", [float(value) for _label, value in points])
    return _svg(chart)

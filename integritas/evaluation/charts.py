"""The score page's chart: the six areas against their maximum and the WBK/WBBM minimums.

Server-side SVG with pygal (js=[] so no script is fetched); it renders in pages and PDFs.
"""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from integritas.common.formatting import angka
from integritas.evaluation import engine

INLINE_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def area_ratios(rule_sets: tuple[engine.RuleSet, ...]) -> dict[str, Decimal]:
    """§1.7: the per-area minimum ratio of WBK and WBBM, from the first rule set that has one."""
    ratios: dict[str, Decimal] = {}
    for rule_set in rule_sets:
        for predicate in engine.framework.PREDICATES:
            for rule in rule_set.predicates.get(predicate, ()):
                if rule.kind == "area_ratio":
                    ratios.setdefault(predicate, rule.minimum_ratio)
    return ratios


def area_rows(
    framework: engine.Framework, result: engine.ScoreResult, rule_sets: tuple[engine.RuleSet, ...]
) -> list[dict[str, Any]]:
    """Each area's score, maximum and minimums, compared as the worksheet shows them (A.6)."""
    ratios = area_ratios(rule_sets)
    rows = []
    for area in result.areas:
        minimums = {p: area.weight * r for p, r in ratios.items()}
        rows.append(
            {
                "area": area,
                "minimums": minimums,
                "meets": {p: engine.meets(area.total, m) for p, m in minimums.items()},
                "percent": area.total * 100 / area.weight,
            }
        )
    return rows


def area_chart(
    framework: engine.Framework, result: engine.ScoreResult, rule_sets: tuple[engine.RuleSet, ...]
) -> str:
    """Return the inline SVG bar chart of the six areas (score, WBK and WBBM minimum, maximum)."""
    return bar_chart([(a.code, a.total, a.weight) for a in result.areas], area_ratios(rule_sets))


def bar_chart(
    areas: list[tuple[str, Decimal, Decimal]], ratios: dict[str, Decimal], *, width: int = 900
) -> str:
    """The chart from (area code, score, weight) triples, e.g. read back from a final snapshot."""
    import pygal
    from pygal.style import Style

    style = Style(
        background="white",
        plot_background="white",
        foreground="#212529",
        foreground_strong="#212529",
        foreground_subtle="#6c757d",
        colors=("#0b4f6c", "#f0ad4e", "#c0392b", "#ced4da"),
        font_family="Liberation Sans, Arial, sans-serif",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        value_font_size=11,
        tooltip_font_size=12,
    )
    chart = pygal.Bar(
        js=[],
        style=style,
        width=width,
        height=360,
        legend_at_bottom=True,
        legend_at_bottom_columns=4,
        show_y_guides=True,
        print_values=False,
        disable_xml_declaration=True,
        explicit_size=False,
        margin=8,
        spacing=6,
        value_formatter=lambda v: angka(v, 2),
    )
    chart.x_labels = [code for code, _score, _weight in areas]
    chart.add(_("Nilai"), [float(engine.round2(score)) for _code, score, _weight in areas])
    for predicate, ratio in ratios.items():
        chart.add(
            _("Minimal %(p)s (%(r)s%%)") % {"p": predicate, "r": angka(ratio * 100, 0)},
            [float(engine.round2(weight * ratio)) for _code, _score, weight in areas],
        )
    chart.add(_("Bobot maksimum"), [float(weight) for _code, _score, weight in areas])
    # pygal inlines a config <script> even with js=[]; the chart needs none of it.
    return INLINE_SCRIPT.sub("", str(chart.render(is_unicode=True)))

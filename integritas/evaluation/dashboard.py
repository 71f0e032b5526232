"""The evaluation columns of the pimpinan dashboard: self-assessment, TPI, scores and verdicts.

Pasal 11 ayat 6–14 (self-assessment and TPI review) and Pasal 16 ayat 4 (the minimums of each
rule set). Read through `selectors.city_comparison`: a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from integritas.common.dashboard import (
    Cell,
    ChartData,
    Column,
    DashboardPart,
    Series,
    StageState,
    UnitFacts,
)
from integritas.common.formatting import angka
from integritas.evaluation import engine, selectors
from integritas.evaluation.models import Assessment

SUBMITTED = {
    Assessment.Status.SUBMITTED,
    Assessment.Status.IN_REVIEW,
    Assessment.Status.FINAL,
}
BINS = tuple(range(0, 100, 10))


def _verdict_text(result: engine.RuleSetResult) -> str:
    parts = []
    for predicate in result.predicates:
        state = _("memenuhi") if predicate.eligible else _("belum memenuhi")
        parts.append(f"{predicate.predicate} {state}")
    return "; ".join(parts)


def ready_for(row: selectors.ComparisonRow) -> str:
    """Pasal 16 ayat 4: the highest predicate a final TPI score meets under every rule set."""
    if row.source != selectors.TPI:
        return ""
    best = ""
    for predicate in engine.framework.PREDICATES:
        if row.verdicts and all(r.predicate(predicate).eligible for r in row.verdicts):
            best = predicate
    return best


def part(*, year: int, unit_ids: Sequence[int], today: date) -> DashboardPart:
    """The latest assessment of the year of each unit, scored, with both rule sets' verdicts."""
    rows = selectors.city_comparison(year, unit_ids)
    rule_sets: dict[str, tuple[str, str]] = {}
    for row in rows:
        for result in row.verdicts:
            short = _("Syarat Perwali") if result.scope == "local" else _("Prediksi TPN")
            rule_sets.setdefault(result.rule_set, (result.title, short))
    units: dict[int, UnitFacts] = {}
    area_totals: dict[str, list[Decimal]] = defaultdict(list)
    area_weights: dict[str, Decimal] = {}
    bins = [0] * len(BINS)
    for row in rows:
        item = row.assessment
        submitted = item.status in SUBMITTED
        final = item.status == Assessment.Status.FINAL
        source = _("TPI") if row.source == selectors.TPI else _("mandiri")
        url = reverse("evaluation:assessment_detail", args=[item.pk])
        ready = ready_for(row)
        cells = {
            "assessment": Cell(item.get_status_display(), url=url),
            "score": Cell(
                _("%(n)s (%(s)s)") % {"n": angka(engine.round2(row.score.total), 2), "s": source},
                engine.round2(row.score.total),
                url=url,
            ),
            "ready": Cell(
                _("siap %(p)s") % {"p": ready} if ready else _("belum"),
                1 if ready else 0,
                tone="success" if ready else "",
            ),
        }
        for result in row.verdicts:
            cells[f"verdict:{result.rule_set}"] = Cell(_verdict_text(result))
        units[item.unit_id] = UnitFacts(
            stages=(
                StageState(
                    "self_assessment",
                    submitted,
                    True,
                    _("penilaian mandiri belum diajukan ke TPI; status: %(s)s")
                    % {"s": item.get_status_display()},
                ),
                StageState(
                    "tpi",
                    final,
                    submitted,
                    _("penilaian TPI belum final; status: %(s)s")
                    % {"s": item.get_status_display()},
                ),
            ),  # fmt: skip
            cells=cells,
        )
        bins[min(int(row.score.total // 10), len(BINS) - 1)] += 1
        for area in row.score.areas:
            area_totals[area.code].append(area.total)
            area_weights[area.code] = area.weight
    for unit_id in unit_ids:
        units.setdefault(
            unit_id,
            UnitFacts(
                stages=(
                    StageState(
                        "self_assessment",
                        False,
                        False,
                        _("belum ada penilaian mandiri tahun %(y)d") % {"y": year},
                    ),
                    StageState("tpi", False, False, _("belum dinilai TPI")),
                ),  # fmt: skip
                cells={"assessment": Cell(_("belum ada")), "ready": Cell(_("belum"))},
            ),
        )
    codes = tuple(area_totals)
    charts = (
        ChartData(
            title=_("Sebaran nilai total LKE %(y)d") % {"y": year},
            kind="bar",
            x_labels=tuple(f"{b}–{b + 10}" for b in BINS),
            series=(Series(_("Jumlah unit"), tuple(float(n) for n in bins)),),
            description=_("Banyaknya unit per rentang nilai total (nilai TPI bila final)."),
        ),
        ChartData(
            title=_("Rata-rata nilai per area %(y)d") % {"y": year},
            kind="bar",
            x_labels=codes,
            series=(
                Series(
                    _("Rata-rata nilai"),
                    tuple(
                        float(engine.round2(sum(area_totals[c], Decimal(0)) / len(area_totals[c])))
                        for c in codes
                    ),
                ),
                Series(_("Bobot maksimum"), tuple(float(area_weights[c]) for c in codes)),
            ),
            description=_("Rata-rata nilai tiap area pengungkit dan hasil dari unit yang dinilai."),
        ),
    )
    return DashboardPart(
        columns=(
            Column("assessment", _("Penilaian LKE")),
            Column("score", _("Nilai total")),
            *(Column(f"verdict:{key}", t, short) for key, (t, short) in rule_sets.items()),
            Column("ready", _("Siap diusulkan")),
        ),
        units=units,
        charts=charts if rows else (),
    )

"""The survey columns of the pimpinan dashboard: IKM (with mutu), IPAK and IPKP, and their trend.

Pasal 9 angka 3 and Pasal 11 ayat 10–14: each unit's closed waves of the year and the years
before it. One query whatever the number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from integritas.common.dashboard import (
    Cell,
    ChartData,
    Column,
    DashboardPart,
    Series,
    UnitFacts,
)
from integritas.common.formatting import angka
from integritas.surveys.models import SurveyWave

KINDS: tuple[tuple[str, str], ...] = (
    (str(SurveyWave.Kind.SKM), "IKM"),
    (str(SurveyWave.Kind.SPAK), "IPAK"),
    (str(SurveyWave.Kind.SPKP), "IPKP"),
)
YEARS_BACK = 4


def latest_values(
    unit_ids: Sequence[int], first_year: int, last_year: int
) -> dict[tuple[int, str, int], tuple[Decimal, str]]:
    """(unit, kind, year) → (index, mutu) of the latest closed wave of that year (one query)."""
    result: dict[tuple[int, str, int], tuple[Decimal, str]] = {}
    rows: Any = (
        SurveyWave.objects.filter(
            unit_id__in=list(unit_ids),
            status=SurveyWave.Status.CLOSED,
            year__gte=first_year,
            year__lte=last_year,
            result_value__isnull=False,
        )
        .order_by("end_date", "id")
        .values_list("unit_id", "kind", "year", "result_value", "result_mutu")
    )
    for unit_id, kind, year, value, mutu in rows:
        result[(unit_id, kind, year)] = (value, mutu)  # later waves overwrite earlier ones
    return result


def trend_text(current: Decimal | None, previous: Decimal | None) -> str:
    """The change since the year before, in words (never an arrow or a colour alone)."""
    if current is None or previous is None:
        return ""
    change = current.quantize(Decimal("0.01")) - previous.quantize(Decimal("0.01"))
    if change > 0:
        return _("naik %(d)s") % {"d": angka(change, 2)}
    if change < 0:
        return _("turun %(d)s") % {"d": angka(-change, 2)}
    return _("tetap")


def part(*, year: int, unit_ids: Sequence[int], today: date) -> DashboardPart:
    """The year's IKM, IPAK and IPKP of each unit, the change since last year, the city trend."""
    first = year - YEARS_BACK
    values = latest_values(unit_ids, first, year)
    units = {}
    for unit_id in unit_ids:
        cells = {}
        for kind, label in KINDS:
            current = values.get((unit_id, kind, year))
            previous = values.get((unit_id, kind, year - 1))
            if current is None:
                cells[label] = Cell(_("belum ada"))
                continue
            text = angka(current[0], 2)
            if kind == SurveyWave.Kind.SKM and current[1]:
                text += " " + _("(mutu %(m)s)") % {"m": current[1]}
            trend = trend_text(current[0], previous[0] if previous else None)
            if trend:
                text += " · " + trend
            cells[label] = Cell(text, current[0])
        units[unit_id] = UnitFacts(cells=cells)
    years = tuple(range(first, year + 1))
    by_kind_year: dict[tuple[str, int], list[Decimal]] = defaultdict(list)
    for (_unit, kind, wave_year), (value, _mutu) in values.items():
        by_kind_year[(kind, wave_year)].append(value)
    # IKM is on a 25–100 scale, IPAK and IPKP on 1–4: two charts, each on its own axis.
    charts = []
    for title, kinds in (
        (_("Tren IKM %(a)d–%(b)d"), KINDS[:1]),
        (_("Tren IPAK dan IPKP %(a)d–%(b)d"), KINDS[1:]),
    ):
        series = []
        for kind, label in kinds:
            points = tuple(
                float(sum(v, Decimal(0)) / len(v)) if (v := by_kind_year.get((kind, y))) else None
                for y in years
            )
            if any(p is not None for p in points):
                series.append(Series(label, points))
        if series:
            charts.append(
                ChartData(
                    title=title % {"a": first, "b": year},
                    kind="line",
                    x_labels=tuple(str(y) for y in years),
                    series=tuple(series),
                    description=_("Rata-rata indeks unit yang ditampilkan, per tahun."),
                )
            )
    return DashboardPart(
        columns=tuple(Column(label, label) for _kind, label in KINDS),
        units=units,
        charts=tuple(charts),
    )

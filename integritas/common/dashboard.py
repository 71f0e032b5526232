"""The shapes each app's contribution to the pimpinan dashboard takes.

Each app reads its own data for many units in one batch of queries (`<app>/dashboard.py`) and
hands back these frozen values; the portal only gathers them per unit and renders them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Column:
    """One column an app adds to the dashboard table (and to its export)."""

    key: str
    label: str
    short: str = ""  # a shorter heading for the page (the export keeps the full label)


@dataclass(frozen=True)
class Cell:
    """One shown value: the text is always the full meaning (never colour alone)."""

    text: str
    value: Decimal | int | None = None  # the number behind the text, for the export
    url: str = ""
    tone: str = ""  # optional bootstrap contextual colour, beside the text


@dataclass(frozen=True)
class StageState:
    """Where one unit stands on one stage of the journey (the stage keys are the portal's)."""

    key: str
    done: bool
    started: bool
    detail: str


@dataclass(frozen=True)
class UnitFacts:
    """What one app knows of one unit for the dashboard: its stages and its cells by column."""

    stages: tuple[StageState, ...] = ()
    cells: Mapping[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartData:
    """A chart's numbers; the portal draws it (kind: bar, line or hbar)."""

    title: str
    kind: str
    x_labels: tuple[str, ...]
    series: tuple[Series, ...]
    description: str = ""


@dataclass(frozen=True)
class DashboardPart:
    """One app's contribution for a set of units: columns, per-unit facts and charts."""

    columns: tuple[Column, ...]
    units: Mapping[int, UnitFacts]
    charts: tuple[ChartData, ...] = ()

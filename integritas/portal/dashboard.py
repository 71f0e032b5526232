"""The pimpinan dashboard: every unit's stage on the journey, and each app's columns beside it.

Each app reads its own data for all shown units in one batch (`<app>/dashboard.py`) and returns
a `DashboardPart`; this module only gathers them (Pasal 12 ayat 5, Pasal 19–20: the Wali Kota
receives the reports). A stage no provider reports yet is shown as not available, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integritas.commitment import dashboard as commitment_dashboard
from integritas.common.dashboard import Cell, ChartData, Column, DashboardPart, Series, StageState
from integritas.complaints import dashboard as complaint_dashboard
from integritas.evaluation import dashboard as evaluation_dashboard
from integritas.organization.models import Unit
from integritas.planning import dashboard as planning_dashboard
from integritas.predicates import dashboard as predicate_dashboard
from integritas.surveys import dashboard as survey_dashboard

# The journey of a unit, in order (Pasal 5–20).
STAGES: tuple[tuple[str, Any], ...] = (
    ("pact", gettext_lazy("Pakta integritas")),
    ("declaration", gettext_lazy("Pencanangan")),
    ("designation", gettext_lazy("Penetapan unit")),
    ("plan", gettext_lazy("Rencana kerja & aksi")),
    ("reports", gettext_lazy("Laporan bulanan")),
    ("self_assessment", gettext_lazy("Penilaian mandiri")),
    ("tpi", gettext_lazy("Penilaian TPI")),
    ("recommendation", gettext_lazy("Rekomendasi")),
    ("proposal", gettext_lazy("Usulan")),
    ("predicate", gettext_lazy("Predikat")),
    ("monitoring", gettext_lazy("Pemantauan")),
)
STAGE_LABELS = dict(STAGES)
COMPLETE = "complete"
READY = "ready"  # the column whose number says "may be proposed"

Provider = Callable[..., DashboardPart]
# One function per app: part(*, year, unit_ids, today) -> DashboardPart.
PROVIDERS: list[Provider] = [
    commitment_dashboard.part,
    planning_dashboard.part,
    evaluation_dashboard.part,
    survey_dashboard.part,
    predicate_dashboard.part,
    complaint_dashboard.part,
]


@dataclass(frozen=True)
class Filters:
    year: int
    unit_type: str = ""
    kecamatan_id: int | None = None


@dataclass(frozen=True)
class StageCell:
    key: str
    label: str
    state: str  # done, partial, todo, na
    detail: str

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


STATE_LABELS = {
    "done": gettext_lazy("selesai"),
    "partial": gettext_lazy("berjalan"),
    "todo": gettext_lazy("belum"),
    "na": gettext_lazy("belum tersedia"),
}


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    stages: tuple[StageCell, ...]
    current: str  # the first stage not done (COMPLETE if every available one is)
    held_by: str  # what holds the unit back, in words
    cells: tuple[Cell, ...]  # in the order of Dashboard.columns
    ready: bool  # a final TPI score meets a predicate under every rule set (Pasal 16 ayat 4)

    @property
    def current_label(self) -> str:
        return str(STAGE_LABELS.get(self.current, _("Semua tahap tersedia selesai")))


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    stage_columns: tuple[tuple[str, str, bool], ...]  # key, label, available
    columns: tuple[Column, ...]
    rows: tuple[UnitRow, ...]
    charts: tuple[ChartData, ...]


def units_for(filters: Filters) -> QuerySet[Unit]:
    """The active units shown; a kecamatan brings the kelurahan (and units) under it."""
    units = Unit.objects.filter(is_active=True).select_related("parent")
    if filters.unit_type:
        units = units.filter(type=filters.unit_type)
    if filters.kecamatan_id:
        k = filters.kecamatan_id
        units = units.filter(Q(pk=k) | Q(parent_id=k) | Q(parent__parent_id=k))
    return units.order_by("name")


def kecamatan_choices() -> list[tuple[int, str]]:
    return list(
        Unit.objects.filter(type=Unit.Type.KECAMATAN, is_active=True)
        .order_by("name")
        .values_list("pk", "name")
    )


def build(
    filters: Filters, today: date, *, providers: Sequence[Provider] | None = None
) -> Dashboard:
    """Gather every provider's part for the filtered units: a fixed number of queries."""
    units = list(units_for(filters))
    ids = [u.pk for u in units]
    parts = [p(year=filters.year, unit_ids=ids, today=today) for p in (providers or PROVIDERS)]
    columns = tuple(c for part in parts for c in part.columns)
    available = {s.key for part in parts for facts in part.units.values() for s in facts.stages}
    labels = [(key, str(label)) for key, label in STAGES]  # translated once, not per unit
    rows = []
    for unit in units:
        states: dict[str, StageState] = {}
        values: dict[str, Cell] = {}
        for part in parts:
            facts = part.units.get(unit.pk)
            if facts is None:
                continue
            states.update({s.key: s for s in facts.stages})
            values.update(facts.cells)
        stage_cells = []
        current, held_by = COMPLETE, ""
        for key, label in labels:
            state = states.get(key)
            if state is None:
                stage_cells.append(StageCell(key, label, "na", ""))
                continue
            code = "done" if state.done else ("partial" if state.started else "todo")
            stage_cells.append(StageCell(key, label, code, "" if state.done else state.detail))
            if current == COMPLETE and not state.done:
                current, held_by = key, state.detail
        rows.append(
            UnitRow(
                unit=unit,
                stages=tuple(stage_cells),
                current=current,
                held_by=held_by,
                cells=tuple(values.get(c.key, Cell("–")) for c in columns),
                ready=bool(values.get(READY, Cell("")).value),
            )
        )
    counts = {key: 0 for key, _label in STAGES}
    counts[COMPLETE] = 0
    for row in rows:
        counts[row.current] += 1
    stage_chart = ChartData(
        title=_("Unit menurut tahap yang sedang ditempuh"),
        kind="hbar",
        x_labels=tuple(str(label) for key, label in STAGES if key in available)
        + (_("Semua tahap tersedia selesai"),),
        series=(
            Series(
                _("Jumlah unit"),
                tuple(float(counts[key]) for key, _label in STAGES if key in available)
                + (float(counts[COMPLETE]),),
            ),
        ),
        description=_("Tahap pertama yang belum selesai pada tiap unit."),
    )
    return Dashboard(
        filters=filters,
        stage_columns=tuple((key, str(label), key in available) for key, label in STAGES),
        columns=columns,
        rows=tuple(rows),
        charts=(stage_chart, *(chart for part in parts for chart in part.charts)),
    )

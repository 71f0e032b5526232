"""The predicate stages of the pimpinan dashboard: recommendation, proposal, predicate, monitoring.

Pasal 15–20. A few queries for the recommendations and predicates of all shown units; the
monitoring due dates come from the register's own rule (Pasal 17 ayat 5–6).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from integritas.common.dashboard import Cell, Column, DashboardPart, StageState, UnitFacts
from integritas.common.formatting import tanggal
from integritas.predicates import selectors
from integritas.predicates.models import Predicate, Recommendation


def part(*, year: int, unit_ids: Sequence[int], today: date) -> DashboardPart:
    """Pasal 15–20 for many units: where each stands from the TPI's recommendation on."""
    ids = list(unit_ids)
    recommendations = {
        r.unit_id: r
        for r in Recommendation.objects.filter(year=year, unit_id__in=ids).order_by(
            "recommended_at"
        )
    }
    predicates = {
        p.unit_id: p
        for p in Predicate.objects.filter(
            unit_id__in=ids, status=Predicate.Status.STANDING
        ).order_by("granted_on")
    }
    monitoring = {
        row.predicate.unit_id: row for row in selectors.monitoring_rows(today, unit_ids=set(ids))
    }
    units = {}
    for unit_id in ids:
        rec = recommendations.get(unit_id)
        pred = predicates.get(unit_id)
        mon = monitoring.get(unit_id)
        proposed = bool(rec and rec.outcome == Recommendation.Outcome.PROPOSED)
        approved = bool(rec and rec.decision == Recommendation.Decision.APPROVED)
        stages = (
            StageState(
                "recommendation", done=rec is not None, started=rec is not None,
                detail=rec.get_outcome_display() if rec else _("belum ada rekomendasi TPI"),
            ),
            StageState(
                "proposal", done=approved, started=proposed,
                detail=rec.get_decision_display() if proposed and rec else _("belum diusulkan"),
            ),
            StageState(
                "predicate", done=pred is not None,
                started=bool(rec and rec.tpn_result != Recommendation.TpnResult.PENDING),
                detail=(
                    _("%(level)s sejak %(date)s") % {"level": pred.level, "date": tanggal(pred.granted_on)}
                    if pred else _("belum ada predikat")
                ),
            ),
            StageState(
                "monitoring", done=bool(mon and not mon.overdue), started=mon is not None,
                detail=(
                    (_("terlambat sejak %(date)s") if mon.overdue else _("berikutnya %(date)s"))
                    % {"date": tanggal(mon.due_on)}
                    if mon else _("belum ada predikat yang dipantau")
                ),
            ),
        )  # fmt: skip
        cells = {
            "predicate": Cell(text=pred.level if pred else "–"),
            "monitoring": Cell(
                text=tanggal(mon.due_on) if mon else "–",
                tone="danger" if mon and mon.overdue else "",
            ),
        }
        units[unit_id] = UnitFacts(stages=stages, cells=cells)
    return DashboardPart(
        columns=(
            Column("predicate", _("Predikat berlaku")),
            Column("monitoring", _("Pemantauan berikutnya"), short=_("Pemantauan")),
        ),
        units=units,
    )

"""The planning columns of the pimpinan dashboard: work plan, action plan, monthly reports.

Pasal 11 (work plan), Pasal 12 (action plan and monthly reports). Three queries whatever the
number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.common.dashboard import Cell, Column, DashboardPart, StageState, UnitFacts
from integritas.common.formatting import angka
from integritas.planning import rules
from integritas.planning import selectors as planning
from integritas.planning.models import ActionPlan, MonthlyReport, WorkPlan


def part(*, year: int, unit_ids: Sequence[int], today: date) -> DashboardPart:
    """Pasal 11–12 for many units: plans in place, and the reports due by `today`."""
    ids = list(unit_ids)
    work_plans = set(
        WorkPlan.objects.filter(year=year, unit_id__in=ids).values_list("unit_id", flat=True)
    )
    plans: dict[int, tuple[str, date]] = {
        unit_id: (status, timezone.localdate(created_at))
        for unit_id, status, created_at in ActionPlan.objects.filter(
            year=year, unit_id__in=ids
        ).values_list("unit_id", "status", "created_at")
    }
    reports: dict[int, dict[int, tuple[str, int]]] = defaultdict(dict)
    for unit_id, month, status, revision in MonthlyReport.objects.filter(
        plan__year=year, plan__unit_id__in=ids
    ).values_list("plan__unit_id", "month", "status", "revision"):
        reports[unit_id][month] = (status, revision)
    due_day = planning.due_day()
    units = {}
    for unit_id in ids:
        has_work_plan = unit_id in work_plans
        plan_status, made_on = plans.get(unit_id, (None, None))
        plan_set = plan_status == ActionPlan.Status.SET
        # Pasal 12 ayat 4, read as the overdue list reads it (`selectors.overdue_reports`): reports
        # fall due once a plan exists, never for the months before it was made.
        due = rules.months_due(year, today, due_day, since=made_on) if plan_status else []
        mine = reports.get(unit_id, {})
        accepted = [m for m in due if mine.get(m, ("", 0))[0] == MonthlyReport.Status.ACCEPTED]
        overdue = [m for m in due if not mine.get(m, ("", 0))[1]]
        percent = (
            (Decimal(len(accepted)) * 100 / len(due)).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if due
            else None
        )
        if not has_work_plan:
            plan_detail = _("rencana kerja belum ditetapkan")
        elif plan_status is None:
            plan_detail = _("rencana aksi belum disusun")
        else:
            plan_detail = _("rencana aksi belum ditetapkan")
        if overdue:
            report_detail = _("%(n)d laporan bulanan terlambat") % {"n": len(overdue)}
        else:
            report_detail = _("%(n)d laporan bulanan belum diterima") % {
                "n": len(due) - len(accepted)
            }
        units[unit_id] = UnitFacts(
            stages=(
                StageState(
                    "plan",
                    has_work_plan and plan_set,
                    has_work_plan or bool(plan_status),
                    plan_detail,
                ),
                StageState(
                    "reports",
                    plan_set and not overdue and len(accepted) == len(due),
                    bool(mine),
                    report_detail,
                ),
            ),  # fmt: skip
            cells={
                "plan": Cell(
                    _("ditetapkan") if plan_set else (_("konsep") if plan_status else _("belum"))
                ),
                "reports": Cell(
                    _("%(a)d/%(d)d diterima (%(p)s %%)")
                    % {"a": len(accepted), "d": len(due), "p": angka(percent, 2)}
                    if due
                    else _("belum ada yang jatuh tempo"),
                    percent,
                    tone="danger" if overdue else "",
                ),
                "overdue": Cell(str(len(overdue)), len(overdue), tone="danger" if overdue else ""),
            },
        )
    return DashboardPart(
        columns=(
            Column("plan", _("Rencana aksi")),
            Column("reports", _("Laporan bulanan")),
            Column("overdue", _("Laporan terlambat")),
        ),
        units=units,
    )

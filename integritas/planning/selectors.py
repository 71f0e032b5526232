"""Reads of the planning records, each in a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from integritas.organization.models import Unit
from integritas.planning import components, rules
from integritas.planning.models import (
    MONTH_FIELDS,
    ActionPlan,
    ActionRow,
    Innovation,
    MediaEntry,
    MentoringEntry,
    MonthlyReport,
    RealisationRow,
    WorkPlan,
)


def due_day() -> int:
    return int(settings.MONTHLY_REPORT_DUE_DAY)


def work_plan(unit: Unit, year: int) -> WorkPlan | None:
    return WorkPlan.objects.filter(unit=unit, year=year).prefetch_related("targets").first()


def action_plan(unit: Unit, year: int) -> ActionPlan | None:
    return ActionPlan.objects.filter(unit=unit, year=year).select_related("unit").first()


def action_rows(plan: ActionPlan) -> QuerySet[ActionRow]:
    return plan.rows.select_related("pic_employee").order_by("order", "id")


def rows_by_group(rows: Iterable[ActionRow]) -> list[tuple[str, str, list[ActionRow]]]:
    """Lampiran C order: A. PENGUNGKIT then B. HASIL, each by component then row order."""
    order = {c.code: i for i, c in enumerate(components.COMPONENTS)}
    rows = list(rows)
    groups = []
    for group in (components.PENGUNGKIT, components.HASIL):
        in_group = [r for r in rows if components.BY_CODE[r.component].group == group]
        in_group.sort(key=lambda r: (order[r.component], r.order, r.pk or 0))
        groups.append((group, components.GROUP_LABELS[group], in_group))
    return groups


@dataclass
class MonthState:
    """One month of an action plan: its report (if any), due date and whether it is late."""

    month: int
    due: date
    report_id: int | None = None
    status: str = ""
    revision: int = 0
    overdue: bool = False
    can_start: bool = False

    @property
    def code(self) -> str:
        return f"B{self.month:02d}"


def plan_made_on(plan: ActionPlan) -> date:
    """The local date a plan was made: its months before that are never late (Pasal 12 ayat 4)."""
    return timezone.localdate(plan.created_at)


def month_states(plan: ActionPlan, today: date) -> list[MonthState]:
    """The twelve months of a plan with their report state (one query)."""
    reports = {r.month: r for r in MonthlyReport.objects.filter(plan=plan)}
    states = []
    for month in rules.MONTHS:
        report = reports.get(month)
        submitted = bool(report and report.revision > 0)
        states.append(
            MonthState(
                month=month,
                due=rules.due_date(plan.year, month, due_day()),
                report_id=report.pk if report else None,
                status=report.status if report else "",
                revision=report.revision if report else 0,
                overdue=rules.is_overdue(
                    year=plan.year,
                    month=month,
                    submitted=submitted,
                    today=today,
                    due_day=due_day(),
                    since=plan_made_on(plan),
                ),  # fmt: skip
                can_start=report is None and rules.may_report(plan.year, month, today),
            )
        )
    return states


@dataclass
class OverdueItem:
    plan: ActionPlan
    month: int
    due: date
    report_id: int | None

    @property
    def unit(self) -> Unit:
        return self.plan.unit


def overdue_reports(today: date, units: QuerySet[Unit] | None = None) -> list[OverdueItem]:
    """Pasal 12 ayat (4): every report of this and last year's plans that is past its due day.

    Two queries whatever the number of plans.
    """
    plans = ActionPlan.objects.filter(year__in=[today.year - 1, today.year]).select_related(
        "unit", "unit__head"
    )
    if units is not None:
        plans = plans.filter(unit__in=units)
    plans_list = list(plans.order_by("unit__name", "year"))
    submitted = set(
        MonthlyReport.objects.filter(plan__in=plans_list, revision__gt=0).values_list(
            "plan_id", "month"
        )
    )
    drafts = {
        (plan_id, month): pk
        for pk, plan_id, month in MonthlyReport.objects.filter(
            plan__in=plans_list, revision=0
        ).values_list("pk", "plan_id", "month")
    }
    items = []
    for plan in plans_list:
        for month in rules.months_due(plan.year, today, due_day(), plan_made_on(plan)):
            if (plan.pk, month) in submitted:
                continue
            items.append(
                OverdueItem(
                    plan=plan,
                    month=month,
                    due=rules.due_date(plan.year, month, due_day()),
                    report_id=drafts.get((plan.pk, month)),
                )  # fmt: skip
            )
    return items


def review_queue() -> QuerySet[MonthlyReport]:
    """Reports waiting for the Tim Pendamping (Pasal 12 ayat 5), oldest first."""
    return (
        MonthlyReport.objects.filter(status=MonthlyReport.Status.SUBMITTED)
        .select_related("plan", "plan__unit", "submitted_by")
        .order_by("submitted_at", "id")
    )


@dataclass
class HeatCell:
    month: int
    planned: Decimal | None = None
    realised: Decimal | None = None
    status: str = ""
    overdue: bool = False

    @property
    def tone(self) -> str:
        return rules.heat_tone(self.planned, self.realised) if self.status else "na"


@dataclass
class HeatRow:
    unit: Unit
    plan_id: int | None
    cells: list[HeatCell] = field(default_factory=list)


def heat_map(year: int, today: date, units: QuerySet[Unit]) -> list[HeatRow]:
    """Units × months, planned (mean target) against realised (mean accepted percent).

    Four queries whatever the number of units: units, plans, row targets, reports + realisation.
    """
    unit_list = list(units.order_by("name"))
    made_on: dict[int, date] = {}
    plans: dict[int, int] = {}
    for unit_id, plan_pk, created_at in ActionPlan.objects.filter(
        year=year, unit__in=unit_list
    ).values_list("unit_id", "pk", "created_at"):
        plans[unit_id] = plan_pk
        made_on[plan_pk] = timezone.localdate(created_at)
    planned: dict[int, dict[str, Any]] = {
        row["plan_id"]: dict(row)
        for row in ActionRow.objects.filter(plan__year=year, plan__unit__in=unit_list)
        .values("plan_id")
        .annotate(**{f"avg_{m}": Avg(m) for m in MONTH_FIELDS}, n=Count("pk"))
        .order_by()
    }
    reports = {
        (r["plan_id"], r["month"]): r
        for r in MonthlyReport.objects.filter(plan__year=year, plan__unit__in=unit_list)
        .values("plan_id", "month", "status", "revision")
        .annotate(realised=Avg("rows__percent", filter=Q(status=MonthlyReport.Status.ACCEPTED)))
        .order_by()
    }
    result = []
    for unit in unit_list:
        plan_id = plans.get(unit.pk)
        row = HeatRow(unit=unit, plan_id=plan_id)
        for month in rules.MONTHS:
            cell = HeatCell(month=month)
            if plan_id is not None:
                targets = planned.get(plan_id)
                if targets and targets["n"]:
                    cell.planned = targets[f"avg_{MONTH_FIELDS[month - 1]}"]
                report = reports.get((plan_id, month))
                if report:
                    cell.status = report["status"]
                    cell.realised = report["realised"]
                cell.overdue = rules.is_overdue(
                    year=year, month=month, submitted=bool(report and report["revision"]),
                    today=today, due_day=due_day(), since=made_on[plan_id],
                )  # fmt: skip
            row.cells.append(cell)
        result.append(row)
    return result


def realisation_by_row(report: MonthlyReport) -> dict[int, RealisationRow]:
    return {r.action_row_id: r for r in report.rows.all()}


def unit_logs(unit: Unit) -> dict[str, QuerySet]:
    return {
        "innovations": Innovation.objects.filter(unit=unit),
        "media": MediaEntry.objects.filter(unit=unit),
        "mentoring": MentoringEntry.objects.filter(unit=unit).select_related("recorded_by"),
    }


def plans_by_unit(year: int, unit_ids: Iterable[int]) -> dict[int, ActionPlan]:
    return {
        p.unit_id: p
        for p in ActionPlan.objects.filter(year=year, unit_id__in=list(unit_ids)).annotate(
            row_count=Count("rows")
        )
    }


def work_plans_by_unit(year: int, unit_ids: Iterable[int]) -> dict[int, WorkPlan]:
    return {w.unit_id: w for w in WorkPlan.objects.filter(year=year, unit_id__in=list(unit_ids))}


def report_counts_by_plan(plan_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    for plan_id, status, n in (
        MonthlyReport.objects.filter(plan_id__in=list(plan_ids))
        .values_list("plan_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(plan_id, {})[status] = n
    return counts

"""Every planning object is fetched here for a user, on the grants of `accounts.access`.

Pasal 11-12: a unit's plans and reports are read by whoever may read the unit and written by
its head and Tim Kerja; the Tim Pendamping receives the reports. "Not yours" and "not there"
both answer 404. A workflow state that forbids an action is the service's ValidationError.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from integritas.accounts import access
from integritas.planning.models import ActionPlan, ActionRow, MonthlyReport


def _require(user: Any, unit_id: int, *, write: bool) -> None:
    access.require(access.can_read_unit(user, unit_id))
    if write:
        access.require(access.can_write_unit(user, unit_id))


def get_plan_for_user(user: Any, plan_pk: int, *, write: bool = False) -> ActionPlan:
    """The action plan if the user may read (or write) its unit; 404 otherwise."""
    plan = get_object_or_404(ActionPlan.objects.select_related("unit"), pk=plan_pk)
    _require(user, plan.unit_id, write=write)
    return plan


def get_row_for_user(user: Any, row_pk: int, *, write: bool = False) -> ActionRow:
    """One row of an action plan, on the same rule as its plan."""
    row = get_object_or_404(
        ActionRow.objects.select_related("plan", "plan__unit", "pic_employee"), pk=row_pk
    )
    _require(user, row.plan.unit_id, write=write)
    return row


def get_report_for_user(user: Any, pk: int, *, write: bool = False) -> MonthlyReport:
    """A monthly report, on the same rule as its plan (the Pendamping reads every unit)."""
    report = get_object_or_404(
        MonthlyReport.objects.select_related("plan", "plan__unit", "submitted_by", "reviewed_by"),
        pk=pk,
    )
    _require(user, report.plan.unit_id, write=write)
    return report

"""When a predicate's next monitoring by the TPI falls due (Pasal 17 ayat 5–6)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .dates import add_years

MONITORING_YEARS = 2


def monitoring_due(
    level: str,
    granted_on: date,
    monitored_on: Iterable[date] = (),
    proposed_wbbm_on: Iterable[date] = (),
) -> date:
    """Two years after the grant or the latest monitoring, whichever is later.

    Pasal 17 ayat 6: a WBBM is monitored every two years. Ayat 5: a WBK is monitored at least every
    two years when the unit is not proposed for WBBM in that time — a WBBM proposal counts as the
    report of its period, so the next monitoring is due two years after the proposal.
    """
    dates = [granted_on, *monitored_on]
    if level == "wbk":
        dates.extend(d for d in proposed_wbbm_on if d >= granted_on)
    return add_years(max(dates), MONITORING_YEARS)


def is_overdue(due_on: date, today: date) -> bool:
    return today > due_on


def is_due_soon(due_on: date, today: date, *, days: int = 90) -> bool:
    return not is_overdue(due_on, today) and (due_on - today).days <= days

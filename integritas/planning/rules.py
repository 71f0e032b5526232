"""Planning rules as pure Python (no Django): monthly targets, report deadlines, heat-map tones."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MONTHS = tuple(range(1, 13))
MONTH_CODES = tuple(f"B{m:02d}" for m in MONTHS)
ZERO = Decimal(0)
HUNDRED = Decimal(100)

MISSING = "missing"
OUT_OF_RANGE = "range"
DECREASING = "decreasing"
WRONG_COUNT = "count"


@dataclass(frozen=True)
class TargetProblem:
    """One problem in a row of monthly targets; month is 1..12 (None for the whole row)."""

    month: int | None
    kind: str


def target_problems(values: Sequence[Decimal | None]) -> list[TargetProblem]:
    """Pasal 12 ayat (2), Lampiran C: twelve targets B01..B12, each 0–100, never decreasing.

    The targets are cumulative: the share of the action done by the end of each month, so a
    month's target cannot be lower than the month before.
    """
    if len(values) != 12:
        return [TargetProblem(None, WRONG_COUNT)]
    problems = []
    previous: Decimal | None = None
    for month, value in zip(MONTHS, values, strict=True):
        if value is None:
            problems.append(TargetProblem(month, MISSING))
            continue
        if not (ZERO <= value <= HUNDRED):
            problems.append(TargetProblem(month, OUT_OF_RANGE))
            continue
        if previous is not None and value < previous:
            problems.append(TargetProblem(month, DECREASING))
        previous = value
    return problems


def percent_in_range(value: Decimal) -> bool:
    """Pasal 12 ayat (4): a realisation is a percentage of the action, 0–100."""
    return ZERO <= value <= HUNDRED


def due_date(year: int, month: int, due_day: int) -> date:
    """Pasal 12 ayat (4): the report for month M is due by day N of month M+1."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, not {month}")
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = calendar.monthrange(next_year, next_month)[1]
    return date(next_year, next_month, max(1, min(due_day, last)))


def is_overdue(
    *, year: int, month: int, submitted: bool, today: date, due_day: int,
    since: date | None = None,
) -> bool:  # fmt: skip
    """Pasal 12 ayat (4): overdue when the due day has passed and it was never submitted.

    A report that was submitted and returned is not overdue: it waits for its revision. The
    months before the plan was made (`since`) are never late: there was no plan to report on.
    """
    if since is not None and (year, month) < (since.year, since.month):
        return False
    return not submitted and today > due_date(year, month, due_day)


def months_due(year: int, today: date, due_day: int, since: date | None = None) -> list[int]:
    """The months of a year whose report deadline has passed on `today` (from the plan's month)."""
    first = (since.year, since.month) if since is not None else (year, 1)
    return [m for m in MONTHS if today > due_date(year, m, due_day) and (year, m) >= first]


def may_report(year: int, month: int, today: date) -> bool:
    """A month can be reported once it has begun."""
    return (year, month) <= (today.year, today.month)


def mean(values: Sequence[Decimal]) -> Decimal | None:
    """Return the arithmetic mean, or None for no values."""
    if not values:
        return None
    return sum(values, ZERO) / len(values)


def heat_tone(planned: Decimal | None, realised: Decimal | None) -> str:
    """Colour of a heat-map cell: 2 on/above plan, 1 within 75 % of it, 0 below, na unknown."""
    if planned is None or realised is None:
        return "na"
    if realised >= planned:
        return "2"
    if planned > 0 and realised / planned >= Decimal("0.75"):
        return "1"
    return "0"

"""Working days for complaint time limits: weekends, national holidays and cuti bersama skipped.

Pure rules (no Django): the national public holidays come from the `holidays` package
(Indonesia); the cuti bersama and local holidays the administrator records each year are passed
in as a set of dates. Callers pass every date explicitly, so a test fixes the clock by passing it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

import holidays

SATURDAY = 5


@lru_cache(maxsize=64)
def _national(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ID", years=[year]).keys())


def national_holiday_name(day: date) -> str:
    """The Indonesian name of a national public holiday on `day`, or "" on other days."""
    found = holidays.country_holidays("ID", years=[day.year], language="id").get(day)
    return str(found or "")


def national_holidays(year: int) -> list[tuple[date, str]]:
    """The year's national public holidays with their Indonesian names, in date order."""
    found = holidays.country_holidays("ID", years=[year], language="id")
    return sorted((day, str(name)) for day, name in found.items())


def is_working_day(day: date, extra_holidays: Collection[date] = ()) -> bool:
    """A working day is Monday to Friday, not a national holiday, cuti bersama or local holiday."""
    if day.weekday() >= SATURDAY:
        return False
    if day in _national(day.year):
        return False
    return day not in extra_holidays


def add_working_days(start: date, days: int, extra_holidays: Collection[date] = ()) -> date:
    """The date `days` working days after `start` (the day of receipt itself is not counted).

    With days == 0 the answer is `start` itself, or the next working day when `start` is not one.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    if days == 0:
        while not is_working_day(current, extra_holidays):
            current += timedelta(days=1)
        return current
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current, extra_holidays):
            counted += 1
    return current


def working_days_between(start: date, end: date, extra_holidays: Collection[date] = ()) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current, extra_holidays):
            count += 1
    return count

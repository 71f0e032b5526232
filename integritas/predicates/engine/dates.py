"""Calendar arithmetic for the prerequisite rules, and Indonesian date display."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def add_years(day: date, years: int) -> date:
    """The same month and day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def format_date_id(day: date) -> str:
    """31 Mei 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

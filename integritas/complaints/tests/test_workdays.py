"""Working-day calendar: weekends, national holidays, cuti bersama, a case over New Year."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integritas.complaints.workdays import (
    add_working_days,
    is_working_day,
    national_holiday_name,
    national_holidays,
    working_days_between,
)

CUTI_2026 = {date(2026, 1, 2)}  # the Friday after New Year, as a joint decree might set it


@pytest.mark.parametrize(
    ("day", "extra", "working"),
    [
        (date(2026, 1, 5), set(), True),  # a Monday
        (date(2026, 1, 3), set(), False),  # Saturday
        (date(2026, 1, 4), set(), False),  # Sunday
        (date(2026, 1, 1), set(), False),  # Tahun Baru Masehi
        (date(2026, 8, 17), set(), False),  # Hari Kemerdekaan, a Monday
        (date(2025, 12, 25), set(), False),  # Natal
        (date(2026, 1, 2), set(), True),  # a plain Friday ...
        (date(2026, 1, 2), CUTI_2026, False),  # ... unless cuti bersama is recorded
    ],
)
def test_it_tells_working_days(day, extra, working):
    assert is_working_day(day, extra) is working


@pytest.mark.parametrize(
    ("start", "days", "extra", "expected"),
    [
        (date(2026, 1, 5), 3, set(), date(2026, 1, 8)),  # Mon + 3 = Thu
        (date(2026, 1, 8), 3, set(), date(2026, 1, 13)),  # Thu + 3 skips the weekend
        (date(2025, 12, 31), 3, set(), date(2026, 1, 6)),  # over New Year
        (date(2025, 12, 31), 3, CUTI_2026, date(2026, 1, 7)),  # ... and a cuti bersama
        (date(2025, 12, 24), 1, set(), date(2025, 12, 26)),  # skips Natal
        (date(2026, 8, 14), 1, set(), date(2026, 8, 18)),  # Fri + 1 skips 17 Agustus
        (date(2026, 1, 3), 0, set(), date(2026, 1, 5)),  # 0 days from a Saturday: Monday
        (
            date(2026, 1, 5),
            60,
            set(),
            date(2026, 4, 2),
        ),  # skips Isra Mikraj, Imlek, Nyepi, Idul Fitri
    ],
)
def test_it_adds_working_days(start, days, extra, expected):
    assert add_working_days(start, days, extra) == expected


def test_it_names_national_holidays_in_indonesian():
    assert national_holiday_name(date(2026, 1, 1)) == "Tahun Baru Masehi"
    assert national_holiday_name(date(2026, 1, 5)) == ""


def test_it_refuses_negative_days():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 5), -1)


dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@given(dates, st.integers(min_value=1, max_value=80))
def test_the_due_date_is_a_working_day_and_counts_back(start, days):
    due = add_working_days(start, days)
    assert is_working_day(due)
    assert due > start
    assert working_days_between(start, due) == days


@given(dates, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40))
def test_more_days_never_end_earlier(start, a, b):
    low, high = sorted((a, b))
    assert add_working_days(start, low) <= add_working_days(start, high)


@given(dates, st.sets(dates, max_size=10), st.integers(min_value=1, max_value=30))
def test_an_extra_holiday_never_brings_a_due_date_forward(start, extra, days):
    assert add_working_days(start, days, extra) >= add_working_days(start, days)


@given(dates, st.integers(min_value=0, max_value=400))
def test_working_days_never_exceed_calendar_days(start, span):
    assert working_days_between(start, start + timedelta(days=span)) <= span


def test_the_years_national_holidays_are_listed_in_order():
    found = national_holidays(2026)
    assert found[0] == (date(2026, 1, 1), "Tahun Baru Masehi")
    assert [d for d, _n in found] == sorted(d for d, _n in found)
    assert (date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia") in found

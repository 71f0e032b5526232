"""Pasal 12 ayat (4): a plan's months before it was made are never late."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from integritas.planning import rules, selectors
from integritas.planning.models import ActionPlan

DUE_DAY = 10


@pytest.mark.parametrize(
    ("month", "since", "today", "late"),
    [
        (1, None, date(2025, 12, 2), True),  # no creation date known: the plain deadline rule
        (1, date(2025, 12, 2), date(2025, 12, 2), False),  # made in December: January not late
        (10, date(2025, 12, 2), date(2025, 12, 2), False),
        (11, date(2025, 12, 2), date(2025, 12, 20), False),  # November is before December
        (12, date(2025, 12, 2), date(2026, 1, 11), True),  # the plan's own month still counts
        (12, date(2025, 12, 2), date(2026, 1, 10), False),  # ... once its due day has passed
        (2, date(2025, 2, 28), date(2025, 3, 11), True),
        (1, date(2024, 11, 5), date(2025, 2, 11), True),  # a plan made the year before
    ],
)
def test_months_before_the_plan_was_made_are_not_late(month, since, today, late):
    kwargs = {"year": 2025, "month": month, "submitted": False, "today": today, "due_day": DUE_DAY}
    assert rules.is_overdue(**kwargs, since=since) is late


def test_months_due_start_at_the_month_the_plan_was_made():
    assert rules.months_due(2025, date(2026, 1, 11), DUE_DAY, date(2025, 12, 2)) == [12]
    assert rules.months_due(2025, date(2025, 6, 11), DUE_DAY, date(2025, 3, 15)) == [3, 4, 5]
    assert rules.months_due(2025, date(2025, 6, 11), DUE_DAY) == [1, 2, 3, 4, 5]


@given(
    month=st.integers(1, 12),
    since=st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    today=st.dates(date(2024, 1, 1), date(2027, 12, 31)),
)
def test_a_month_is_late_only_if_it_is_due_and_the_plan_existed(month, since, today):
    late = rules.is_overdue(
        year=2025, month=month, submitted=False, today=today, due_day=DUE_DAY, since=since
    )
    due = rules.months_due(2025, today, DUE_DAY, since)
    assert late == (month in due)
    if late:
        assert (2025, month) >= (since.year, since.month)


@time_machine.travel("2025-12-02 11:42 +0800", tick=False)
def test_a_plan_made_in_december_shows_no_month_late(world, client_for):
    plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    today = date(2025, 12, 2)
    assert [s.code for s in selectors.month_states(plan, today) if s.overdue] == []
    assert [i for i in selectors.overdue_reports(today) if i.plan == plan] == []
    heat = selectors.heat_map(
        2025, today, world.unit_a.__class__.objects.filter(pk=world.unit_a.pk)
    )
    assert [c.month for c in heat[0].cells if c.overdue] == []
    page = client_for(world.kerja_a).get(reverse("planning:overdue_list")).content.decode()
    assert "B01" not in page


@time_machine.travel("2026-01-11 09:00 +0800", tick=False)
def test_the_december_report_of_a_december_plan_is_late_after_its_due_day(world):
    with time_machine.travel("2025-12-02 11:42 +0800", tick=False):
        plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    late = [s.code for s in selectors.month_states(plan, date(2026, 1, 11)) if s.overdue]
    assert late == ["B12"]

"""Time limits on working days, on fixed dates (the rules take today as an argument)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integritas.complaints import timelimits as tl

RECEIVED = date(2026, 3, 2)  # a Monday


@pytest.mark.parametrize(
    ("severity", "resolve_by"),
    [
        (tl.RINGAN, date(2026, 3, 4)),  # 2 working days
        (tl.NORMATIF, date(2026, 3, 9)),  # 5
        (tl.TIDAK_BERKADAR, date(2026, 3, 23)),  # 14, skipping Nyepi (Thursday 19 March)
        (tl.BERKADAR, None),
    ],
)
def test_each_class_has_its_resolution_limit(severity, resolve_by):
    due = tl.dues(received_on=RECEIVED, severity=severity, limits=tl.DEFAULT_LIMITS)
    assert due.acknowledge_by == date(2026, 3, 5)
    if resolve_by is not None:
        assert due.resolve_by == resolve_by
    else:
        assert due.resolve_by > date(2026, 5, 1)


def test_an_edited_limit_is_used():
    limits = {**tl.DEFAULT_LIMITS, tl.ACKNOWLEDGE: 1}
    due = tl.dues(received_on=RECEIVED, severity=tl.RINGAN, limits=limits)
    assert due.acknowledge_by == date(2026, 3, 3)


def test_an_unknown_class_is_refused():
    with pytest.raises(ValueError):
        tl.dues(received_on=RECEIVED, severity="berat", limits=tl.DEFAULT_LIMITS)


DUE = tl.Dues(acknowledge_by=date(2026, 3, 5), resolve_by=date(2026, 3, 9))


@pytest.mark.parametrize(
    ("acknowledged", "closed", "today", "ack_late", "resolve_late"),
    [
        (None, None, date(2026, 3, 5), False, False),  # on the due day: not late yet
        (None, None, date(2026, 3, 6), True, False),  # the day after: acknowledgement late
        (date(2026, 3, 4), None, date(2026, 3, 10), False, True),  # open after resolve_by
        (date(2026, 3, 6), date(2026, 3, 9), date(2026, 4, 1), True, False),
        (date(2026, 3, 3), date(2026, 3, 11), date(2026, 4, 1), False, True),
        (date(2026, 3, 3), date(2026, 3, 9), date(2026, 4, 1), False, False),
    ],
)
def test_it_tells_breaches(acknowledged, closed, today, ack_late, resolve_late):
    result = tl.standing(
        received_on=RECEIVED, due=DUE, acknowledged_on=acknowledged, closed_on=closed, today=today
    )
    assert (result.acknowledge_late, result.resolve_late) == (ack_late, resolve_late)
    assert result.breached is (ack_late or resolve_late)


def test_days_open_count_working_days_only():
    result = tl.standing(
        received_on=RECEIVED, due=DUE, acknowledged_on=None, closed_on=date(2026, 3, 9),
        today=date(2026, 4, 1),
    )  # fmt: skip
    assert result.days_open == 5


@pytest.mark.parametrize(
    ("resolved", "to_follow", "share"),
    [(0, 0, Decimal(1)), (3, 4, Decimal("0.75")), (5, 4, Decimal(1)), (0, 7, Decimal(0))],
)
def test_the_handled_share_follows_the_lke_formula(resolved, to_follow, share):
    assert tl.handled_share(resolved=resolved, to_follow_up=to_follow) == share


@given(st.integers(0, 500), st.integers(0, 500))
def test_the_handled_share_stays_within_0_and_1(resolved, to_follow):
    assert Decimal(0) <= tl.handled_share(resolved=resolved, to_follow_up=to_follow) <= Decimal(1)


@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 1)), st.sampled_from(tl.CLASSES)
)
def test_heavier_classes_never_have_earlier_dues(received, severity):
    order = list(tl.CLASSES)
    due = tl.dues(received_on=received, severity=severity, limits=tl.DEFAULT_LIMITS)
    for lighter in order[: order.index(severity)]:
        assert (
            tl.dues(received_on=received, severity=lighter, limits=tl.DEFAULT_LIMITS).resolve_by
            <= due.resolve_by
        )

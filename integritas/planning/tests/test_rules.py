"""Pure planning rules: twelve monthly targets, deadlines on a fixed clock, heat-map tones."""

from datetime import date
from decimal import Decimal

import pytest

from integritas.planning import rules
from integritas.planning.components import COMPONENTS, HASIL, PENGUNGKIT, find, group_weight

D = Decimal


def test_a_complete_non_decreasing_row_of_twelve_targets_has_no_problem():
    assert rules.target_problems([D(0)] * 6 + [D(50)] * 5 + [D(100)]) == []


def test_fewer_than_twelve_targets_is_one_problem():
    assert rules.target_problems([D(10)] * 11) == [rules.TargetProblem(None, rules.WRONG_COUNT)]


def test_each_month_outside_0_to_100_or_missing_is_named():
    values = [D(0), D(-1), None, D(30), D("100.01"), D(100), D(100), D(100), D(100), D(100), D(100), D(100)]  # fmt: skip
    assert rules.target_problems(values) == [
        rules.TargetProblem(2, rules.OUT_OF_RANGE),
        rules.TargetProblem(3, rules.MISSING),
        rules.TargetProblem(5, rules.OUT_OF_RANGE),
    ]


def test_a_cumulative_target_may_not_go_down():
    values = [D(10), D(20), D(15)] + [D(50)] * 9
    assert rules.target_problems(values) == [rules.TargetProblem(3, rules.DECREASING)]


def test_the_weights_follow_pasal_11():
    assert [c.code for c in COMPONENTS] == [
        "MP",
        "TT",
        "SDM",
        "AK",
        "PW",
        "PP",
        "bersih",
        "pelayanan",
    ]
    assert group_weight(PENGUNGKIT) == 60 and group_weight(HASIL) == 40
    assert (
        find("mp")
        == find("Manajemen Perubahan")
        == find("MP – Manajemen Perubahan")
        == COMPONENTS[0]
    )
    assert find("Lain-lain") is None


@pytest.mark.parametrize(
    ("year", "month", "due_day", "expected"),
    [(2025, 1, 10, date(2025, 2, 10)), (2025, 12, 10, date(2026, 1, 10)),
     (2025, 1, 31, date(2025, 2, 28)), (2024, 1, 31, date(2024, 2, 29))],
)  # fmt: skip
def test_the_report_of_a_month_is_due_on_day_n_of_the_next_month(year, month, due_day, expected):
    assert rules.due_date(year, month, due_day) == expected


def test_overdue_only_after_the_due_day_and_only_if_never_submitted():
    kwargs = {"year": 2025, "month": 3, "due_day": 10}
    assert not rules.is_overdue(submitted=False, today=date(2025, 4, 10), **kwargs)
    assert rules.is_overdue(submitted=False, today=date(2025, 4, 11), **kwargs)
    assert not rules.is_overdue(submitted=True, today=date(2025, 12, 31), **kwargs)
    assert rules.months_due(2025, date(2025, 4, 11), 10) == [1, 2, 3]
    assert rules.months_due(2025, date(2026, 1, 11), 10) == list(range(1, 13))


def test_heat_tones_compare_realised_with_planned():
    assert rules.heat_tone(D(50), D(60)) == "2"
    assert rules.heat_tone(D(40), D(30)) == "1"
    assert rules.heat_tone(D(40), D(29)) == "0"
    assert rules.heat_tone(D(0), D(0)) == "2"
    assert rules.heat_tone(D(40), None) == "na"

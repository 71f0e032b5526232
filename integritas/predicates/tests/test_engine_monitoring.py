"""Monitoring due dates (Pasal 17 ayat 5–6), on their exact days."""

from datetime import date

import pytest

from integritas.predicates.engine import is_due_soon, is_overdue, monitoring_due

D = date.fromisoformat


@pytest.mark.parametrize(
    ("level", "granted", "monitored", "proposed", "due"),
    [
        ("wbk", "2024-12-10", [], [], "2026-12-10"),
        ("wbbm", "2024-12-10", [], [], "2026-12-10"),
        ("wbk", "2024-02-29", [], [], "2026-02-28"),
        ("wbk", "2024-12-10", ["2026-11-01"], [], "2028-11-01"),
        ("wbk", "2024-12-10", [], ["2026-05-31"], "2028-05-31"),
        (
            "wbbm",
            "2024-12-10",
            [],
            ["2026-05-31"],
            "2026-12-10",
        ),  # only a WBK is spared by a proposal
        (
            "wbk",
            "2024-12-10",
            [],
            ["2024-05-31"],
            "2026-12-10",
        ),  # a proposal before the grant does not count
    ],
)
def test_the_next_monitoring_is_two_years_after_the_latest_event(
    level, granted, monitored, proposed, due
):
    assert monitoring_due(
        level, D(granted), [D(d) for d in monitored], [D(d) for d in proposed]
    ) == D(due)


def test_overdue_starts_the_day_after_the_due_date():
    due = D("2026-12-10")
    assert not is_overdue(due, D("2026-12-10"))
    assert is_overdue(due, D("2026-12-11"))
    assert is_due_soon(due, D("2026-09-11"))
    assert not is_due_soon(due, D("2026-09-10"))
    assert not is_due_soon(due, D("2026-12-11"))

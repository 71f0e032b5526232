"""Complaint time limits on working days (pure rules, no Django).

The defaults follow the common Pemda complaint SOP used with SP4N-LAPOR!: acknowledgement within
3 working days; resolution by class — ringan 2, normatif 5, tidak berkadar pengawasan 14,
berkadar pengawasan 60 working days. The administrator may change every number; the numbers
reach these functions as a plain mapping.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from integritas.complaints.workdays import add_working_days, working_days_between

ACKNOWLEDGE = "acknowledge"
RINGAN = "minor"
NORMATIF = "normative"
TIDAK_BERKADAR = "non_supervisory"
BERKADAR = "supervisory"

DEFAULT_LIMITS: Mapping[str, int] = {
    ACKNOWLEDGE: 3,
    RINGAN: 2,
    NORMATIF: 5,
    TIDAK_BERKADAR: 14,
    BERKADAR: 60,
}
CLASSES = (RINGAN, NORMATIF, TIDAK_BERKADAR, BERKADAR)


@dataclass(frozen=True)
class Dues:
    acknowledge_by: date
    resolve_by: date


@dataclass(frozen=True)
class Standing:
    """Where a case stands against its time limits on a given day."""

    acknowledge_late: bool
    resolve_late: bool
    days_open: int  # working days from receipt to closing (or to today while open)

    @property
    def breached(self) -> bool:
        return self.acknowledge_late or self.resolve_late


def dues(
    *,
    received_on: date,
    severity: str,
    limits: Mapping[str, int],
    extra_holidays: Collection[date] = (),
) -> Dues:
    """Acknowledgement and resolution due dates, counted in working days from receipt."""
    if severity not in CLASSES:
        raise ValueError(f"unknown class {severity!r}")
    return Dues(
        acknowledge_by=add_working_days(received_on, limits[ACKNOWLEDGE], extra_holidays),
        resolve_by=add_working_days(received_on, limits[severity], extra_holidays),
    )


def standing(
    *,
    received_on: date,
    due: Dues,
    acknowledged_on: date | None,
    closed_on: date | None,
    today: date,
    extra_holidays: Collection[date] = (),
) -> Standing:
    """A limit is breached when the step came after its due date, or is still missing after it."""
    if acknowledged_on is not None:
        ack_late = acknowledged_on > due.acknowledge_by
    else:
        ack_late = today > due.acknowledge_by
    resolve_late = (closed_on > due.resolve_by) if closed_on is not None else today > due.resolve_by
    end = closed_on or today
    return Standing(
        acknowledge_late=ack_late,
        resolve_late=resolve_late,
        days_open=working_days_between(received_on, end, extra_holidays),
    )


def handled_share(*, resolved: int, to_follow_up: int) -> Decimal:
    """LKE R5.ii.a: selesai ÷ harus ditindaklanjuti, capped to [0, 1]; nothing to follow up is 1."""
    if to_follow_up <= 0:
        return Decimal(1)
    return max(Decimal(0), min(Decimal(1), Decimal(resolved) / Decimal(to_follow_up)))

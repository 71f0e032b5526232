"""The complaints column of the pimpinan dashboard: open cases and breached time limits.

Pasal 17 ayat 8–10. One query for the open cases of all shown units; counts only, never contents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from integritas.common.dashboard import Cell, Column, DashboardPart, UnitFacts
from integritas.complaints import selectors, services
from integritas.complaints.models import Complaint


def part(*, year: int, unit_ids: Sequence[int], today: date) -> DashboardPart:
    """Open complaints per unit, and how many have passed their working-day time limit."""
    ids = list(unit_ids)
    holidays = services.extra_holidays()
    open_cases = Complaint.objects.filter(unit_id__in=ids).exclude(status=Complaint.Status.CLOSED)
    counts: Counter[int] = Counter()
    late: Counter[int] = Counter()
    for case in open_cases:
        counts[case.unit_id] += 1
        if selectors.standing(case, today=today, holidays=holidays).breached:
            late[case.unit_id] += 1
    units = {}
    for unit_id in ids:
        if not counts[unit_id]:
            text, tone = "–", ""
        elif late[unit_id]:
            text = _("%(n)d terbuka, %(late)d lewat batas waktu") % {
                "n": counts[unit_id], "late": late[unit_id]
            }  # fmt: skip
            tone = "danger"
        else:
            text, tone = _("%(n)d terbuka") % {"n": counts[unit_id]}, ""
        units[unit_id] = UnitFacts(
            cells={"complaints": Cell(text=text, value=counts[unit_id], tone=tone)}
        )
    return DashboardPart(
        columns=(Column("complaints", _("Pengaduan terbuka"), short=_("Pengaduan")),), units=units
    )

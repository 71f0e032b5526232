"""What the public may see of the planning records: the units' innovations (Pasal 9 angka 5).

The name, the problem, the change and since when — never the evidence behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from integritas.planning.models import Innovation


@dataclass(frozen=True)
class PublicInnovation:
    name: str
    problem: str
    change: str
    started_on: date


def innovations(unit_id: int) -> list[PublicInnovation]:
    """One unit's innovations, newest first (one query)."""
    return [
        PublicInnovation(*row)
        for row in Innovation.objects.filter(unit_id=unit_id)
        .order_by("-started_on", "name")
        .values_list("name", "problem", "change", "started_on")
    ]

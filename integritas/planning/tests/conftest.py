from datetime import UTC, datetime
from decimal import Decimal

import pytest

from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow

RAMP = [Decimal(v) for v in (0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100)]


def make_row(plan, component="MP", *, targets=RAMP, order=1, **extra):
    data = {
        "plan": plan, "order": order, "component": component, "goal": f"Tujuan {component}",
        "indicator": f"Indikator {component}", "action": f"Aksi {component} {order}",
        "pic_text": "Sekretaris", "budget": Decimal("1500000"),
        **dict(zip(MONTH_FIELDS, targets, strict=True)), **extra,
    }  # fmt: skip
    return ActionRow.objects.create(**data)


def made_in_january(*plans):
    """Date plans at the start of their year: months before a plan was made are never late."""
    ActionPlan.objects.filter(pk__in=[p.pk for p in plans]).update(
        created_at=datetime(2025, 1, 2, 8, tzinfo=UTC)
    )
    for p in plans:
        p.refresh_from_db(fields=["created_at"])


@pytest.fixture
def plan(world):
    """Unit A's 2025 action plan with two rows (MP and PP)."""
    plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    made_in_january(plan)
    make_row(plan, "MP", order=1)
    make_row(plan, "PP", order=2, lke_question_codes=["P6.i.a"])
    return plan

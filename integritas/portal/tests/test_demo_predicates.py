"""The predicates part of the demo: a recommendation, a WBK due for monitoring, a revocation bar."""

import pytest
from django.utils import timezone

from integritas.evaluation import demo as evaluation_demo
from integritas.organization.models import Unit
from integritas.portal.demo import build_organization
from integritas.predicates import demo, selectors
from integritas.predicates.engine import add_years
from integritas.predicates.models import Predicate, Recommendation

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_stage(settings):
    world = build_organization(employees_per_unit=2)
    evaluation_demo.seed(world)
    demo.seed(world)
    today = timezone.localdate()
    recommendation = Recommendation.objects.get(unit__code="DPMPTSP", year=today.year)
    assert recommendation.recommended_by.username == "tpi.ketua"
    (row,) = [r for r in selectors.monitoring_rows(today) if r.predicate.unit.code == "DUKCAPIL"]
    assert row.overdue
    dinsos = Unit.objects.get(code="DINSOS")
    check = selectors.prerequisites(dinsos, today.year, "wbk", today)
    assert check.proposable_from == add_years(Predicate.objects.get(unit=dinsos).revoked_on, 2)
    compliance = selectors.compliance(Unit.objects.get(code="DPMPTSP"), today.year, "lhkasn")
    assert compliance.reported == compliance.total - 1
    demo.seed(world)  # running the demo again adds nothing
    assert Predicate.objects.count() == 2 and Recommendation.objects.count() == 1

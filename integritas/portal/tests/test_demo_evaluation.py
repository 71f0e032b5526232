"""The LKE part of the demo: a draft at DUKCAPIL, a final assessment at DPMPTSP."""

from datetime import date

import pytest

from integritas.evaluation import demo, selectors
from integritas.evaluation.models import Assessment, ReviewerAssignment
from integritas.portal.demo import build_organization

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_draft_and_a_final_assessment(settings):
    world = build_organization(employees_per_unit=2)
    demo.seed(world)
    year = date.today().year
    draft = Assessment.objects.get(unit__code="DUKCAPIL", year=year)
    final = Assessment.objects.get(unit__code="DPMPTSP", year=year)
    assert draft.status == Assessment.Status.DRAFT
    share = selectors.assessment_data(draft).self_score.completeness.ratio
    assert 0.6 < share < 0.8
    assert draft.hasil.ipak_index is not None
    assert final.status == Assessment.Status.FINAL and final.snapshot.sha256
    assert final.finalised_by.username == "tpi.ketua"
    assert ReviewerAssignment.objects.filter(year=year, is_ketua=True).count() == 2
    demo.seed(world)  # running the demo again adds nothing
    assert Assessment.objects.filter(year=year).count() == 2

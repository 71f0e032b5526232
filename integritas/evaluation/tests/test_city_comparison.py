"""The city comparison: every unit's latest assessment scored in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integritas.evaluation import selectors, services
from integritas.evaluation.models import Assessment, HasilInput
from integritas.organization.models import Unit

from .conftest import YEAR, bulk_answer

pytestmark = pytest.mark.django_db


def _units_with_assessments(world, framework, lke, count, start=0):
    for index in range(start, start + count):
        unit = Unit.objects.create(
            institution=world.institution,
            code=f"U{index:03d}",
            name=f"Unit {index:03d}",
            type="department",
        )
        assessment = Assessment.objects.create(unit=unit, year=YEAR, framework=framework)
        bulk_answer(assessment, lke, world.admin)
        HasilInput.objects.create(assessment=assessment, ipak_index=3, ipkp_index=3)


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("evaluation:city_comparison") + f"?tahun={YEAR}")
    assert response.status_code == 200
    return len(captured), response


def test_the_query_count_does_not_grow_with_the_units(world, client_for, framework, lke):
    client = client_for(world.pimpinan)
    _units_with_assessments(world, framework, lke, 5)
    client.get(reverse("evaluation:city_comparison"))  # warm the session and the parsed worksheet
    few, response = _queries(client)
    assert response.content.decode().count('href="/lke/') >= 5
    _units_with_assessments(world, framework, lke, 45, start=5)
    many, response = _queries(client)
    assert response.content.decode().count("Unit 0") == 50
    assert few == many
    assert many <= 10, many  # 8 today: session, user, grants, nav, assessments, answers, hasil


def test_a_final_assessment_is_compared_with_its_tpi_score(world, final, framework):
    rows = selectors.city_comparison(YEAR)
    assert [r.assessment.pk for r in rows] == [final.pk]
    assert rows[0].source == selectors.TPI
    assert rows[0].score.total == selectors.assessment_data(final).tpi_score.total
    assert rows[0].verdicts[0].rule_set == "perwali-kupang-23-2025"


def test_only_the_latest_revision_of_a_unit_is_listed(world, final):
    newer = services.assessment_supersede(assessment=final, by=world.admin)
    rows = selectors.city_comparison(YEAR)
    assert [r.assessment.pk for r in rows] == [newer.pk]
    assert rows[0].source == selectors.SELF


def test_the_unit_staff_cannot_open_the_comparison(world, client_for, framework):
    assert client_for(world.kerja_a).get(reverse("evaluation:city_comparison")).status_code == 404

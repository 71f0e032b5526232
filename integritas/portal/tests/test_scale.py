"""The benchmark data generator: a small run writes every kind of row the pages read."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from integritas.evaluation.models import Assessment
from integritas.planning.models import MonthlyReport
from integritas.portal import scale
from integritas.surveys.models import Answer, Response, SurveyWave

pytestmark = pytest.mark.django_db


def test_a_small_scale_world_has_every_kind_of_row():
    counts = scale.build(units=20, years=2, employees_per_unit=3, responses_per_wave=4, log=str)
    assert counts["units"] == 20
    assert Assessment.objects.filter(unit__code__startswith="SK-").exists()
    assert MonthlyReport.objects.exists()
    assert SurveyWave.objects.filter(unit__code__startswith="SK-").count() == 20 * 2 * 3
    assert Response.objects.count() == 20 * 2 * 3 * 4
    assert Answer.objects.filter(response__wave__kind="skm").count() > 0


@pytest.mark.parametrize("value", ["200", "ax5", "0x5", "200x0", "9999x5"])
def test_a_bad_scale_is_refused_with_a_message(value, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="skala"):
        call_command("demo", scale=value)

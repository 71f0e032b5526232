"""The default year follows Kupang's calendar (WITA), also at New Year's midnight."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import RequestFactory


@pytest.mark.django_db
def test_just_after_new_years_midnight_in_kupang_the_default_year_is_the_new_one(world):
    from integritas.evaluation.forms import AssessmentCreateForm
    from integritas.evaluation.views import _year

    # 16.30 UTC on 31 December is 00.30 WITA on 1 January.
    with time_machine.travel(datetime(2026, 12, 31, 16, 30, tzinfo=UTC), tick=False):
        request = RequestFactory().get("/lke/")
        assert _year(request) == 2027
        assert (
            AssessmentCreateForm(units=type(world.unit_a).objects.all()).fields["year"].initial
            == 2027
        )

"""The surveys selectors other apps read (the Pasal 9 checklist) cost one query per unit-year."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integritas.surveys.selectors import wave_facts
from integritas.surveys.tests.conftest import make_wave

pytestmark = pytest.mark.django_db


def test_the_wave_facts_of_a_unit_year_are_one_query_whatever_the_number_of_waves(world):
    make_wave(world, kind="skm")
    with CaptureQueriesContext(connection) as one:
        first = wave_facts(world.unit_a, 2025)
    make_wave(world, kind="spak")
    make_wave(world, kind="spkp")
    with CaptureQueriesContext(connection) as three:
        facts = wave_facts(world.unit_a, 2025)
    assert len(one.captured_queries) == len(three.captured_queries) == 1
    assert {f.kind for f in facts} >= {"spak", "spkp"} and len(facts) == len(first) + 2

"""The selectors behind the assessment pages run a fixed number of queries, whatever the size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integritas.evaluation import selectors

from .conftest import answer_all

pytestmark = pytest.mark.django_db


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_one_assessments_data_costs_the_same_for_five_or_every_answer(world, assessment, lke):
    selectors.engine_framework(assessment.framework)  # the worksheet is parsed once and cached
    answer_all(assessment, lke, world.kerja_a, skip=len(lke.questions) - 5)
    few = _queries(lambda: selectors.assessment_data(assessment))
    answer_all(assessment, lke, world.kerja_a)
    many = _queries(lambda: selectors.assessment_data(assessment))
    assert few == many <= 6


def test_the_view_without_the_tpi_side_costs_no_more(world, assessment, lke):
    selectors.engine_framework(assessment.framework)
    answer_all(assessment, lke, world.kerja_a)
    full = _queries(lambda: selectors.assessment_data(assessment))
    redacted = _queries(lambda: selectors.assessment_data(assessment, with_review=False))
    assert redacted == full

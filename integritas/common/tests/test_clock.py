"""One clock: the date is Kupang's (WITA), never the machine's, in every module."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parents[2]
MACHINE_CLOCK = re.compile(r"\b(?:date\.today|datetime\.(?:now|today|utcnow))\(\)")


def test_no_module_reads_the_machine_clock():
    """`timezone.localdate()` / `timezone.now()` only: a new `date.today()` fails here."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.py")
        if "/tests/" not in str(path) and "/migrations/" not in str(path)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if MACHINE_CLOCK.search(line)
    ]
    assert offenders == []


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

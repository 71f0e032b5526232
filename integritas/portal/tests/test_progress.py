"""Pasal 9 progress: each of the seven steps takes its state from the records."""

import random
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integritas.commitment.models import Declaration, IntegrityPact
from integritas.organization.models import Employee
from integritas.organization.testing import make_nip
from integritas.planning import progress
from integritas.planning.models import (
    MONTH_FIELDS,
    ActionPlan,
    ActionRow,
    Innovation,
    MediaEntry,
    MentoringEntry,
    MonthlyReport,
    WorkPlan,
)
from integritas.planning.progress import DONE, PARTIAL, TODO
from integritas.surveys.models import SurveyWave
from integritas.surveys.selectors import wave_facts


def unit_progress(unit, year, today):
    """The checklist as the portal builds it: with the unit's survey waves from surveys."""
    return progress.unit_progress(unit, year, today, surveys=wave_facts(unit, year))


pytestmark = pytest.mark.django_db
TODAY = date(2025, 3, 11)  # January and February reports are due


def _states(unit):
    return [s.state for s in unit_progress(unit, 2025, TODAY)]


def _wave(unit, kind, status, n):
    return SurveyWave.objects.create(
        unit=unit, kind=kind, instrument_code=kind, instrument={}, period_type="year", year=2025,
        start_date=date(2025, 1, 1), end_date=date(2025, 2, 1), status=status, token=f"tok{kind}{n}",
    )  # fmt: skip


def _everything(world):
    unit = world.unit_a
    for employee in Employee.objects.filter(unit=unit):
        IntegrityPact.objects.create(
            employee=employee, unit=unit, signed_on=date(2025, 1, 5), occasion="mass_signing"
        )
    Declaration.objects.create(scope="unit", unit=unit, declared_on=date(2025, 1, 10), place="Kupang",
                               head_name="Kepala", head_position="Kepala")  # fmt: skip
    WorkPlan.objects.create(unit=unit, year=2025, decree_number="800/1", decree_date=date(2025, 1, 12),
                            socialisation="Laman dan apel pagi")  # fmt: skip
    plan = ActionPlan.objects.create(unit=unit, year=2025)
    ActionPlan.objects.filter(pk=plan.pk).update(created_at=datetime(2025, 1, 2, 8, tzinfo=UTC))
    targets = dict.fromkeys(MONTH_FIELDS, Decimal(50))
    for code in ("MP", "TT", "SDM", "AK", "PW", "PP"):
        ActionRow.objects.create(plan=plan, component=code, goal="g", indicator="i", action="a",
                                 pic_text="p", **targets)  # fmt: skip
    _wave(unit, "spak", "closed", 1)
    _wave(unit, "skm", "closed", 2)
    Innovation.objects.create(unit=unit, name="Inovasi", problem="p", change="c",
                              started_on=date(2025, 2, 1), evidence_url="https://contoh.id/bukti")  # fmt: skip
    MediaEntry.objects.create(
        unit=unit, published_on=date(2025, 2, 2), channel="event", title="Forum publik"
    )
    MediaEntry.objects.create(
        unit=unit, published_on=date(2025, 2, 3), channel="social", title="Unggahan"
    )
    for month in (1, 2):
        MonthlyReport.objects.create(plan=plan, month=month, status="accepted", revision=1)
    MentoringEntry.objects.create(
        unit=unit, held_on=date(2025, 2, 5), kind="assistance", topic="t", advice="a"
    )
    return plan


def test_a_unit_that_has_done_nothing_has_seven_steps_not_started(world):
    steps = unit_progress(world.unit_a, 2025, TODAY)
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.state for s in steps] == [TODO] * 7
    assert "belum ada data survei tahun 2025" in steps[2].detail
    assert steps[0].text.startswith("Membangun komitmen antara pimpinan dan pegawai")


def test_every_step_is_met_from_the_records(world):
    _everything(world)
    assert _states(world.unit_a) == [DONE] * 7


def test_partial_states_follow_what_is_missing(world):
    plan = _everything(world)
    Employee.objects.create(nip=make_nip(random.Random(3)), name="Baru", unit=world.unit_a)
    plan.rows.filter(component="PP").delete()
    SurveyWave.objects.filter(kind="skm").update(status="open")
    Innovation.objects.update(evidence_url="")
    MonthlyReport.objects.filter(month=2).update(status="submitted")
    assert _states(world.unit_a) == [PARTIAL, PARTIAL, PARTIAL, PARTIAL, PARTIAL, DONE, PARTIAL]


def test_the_progress_page_runs_a_fixed_number_of_queries(world, client_for):
    client = client_for(world.head_a)
    url = reverse("portal:unit_progress", args=[world.unit_a.pk]) + "?tahun=2025"
    plan = _everything(world)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    rng = random.Random(9)
    people = Employee.objects.bulk_create(
        [
            Employee(nip=make_nip(rng, serial=100 + i), name=f"P{i}", unit=world.unit_a)
            for i in range(30)
        ]
    )
    IntegrityPact.objects.bulk_create(
        [IntegrityPact(employee=p, unit=world.unit_a, signed_on=date(2025, 1, 5), occasion="mass_signing") for p in people]
    )  # fmt: skip
    MediaEntry.objects.bulk_create(
        [MediaEntry(unit=world.unit_a, published_on=date(2025, 2, 9), channel="social", title=f"M{i}") for i in range(20)]
    )  # fmt: skip
    for month in range(3, 13):
        MonthlyReport.objects.create(plan=plan, month=month)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(small) == len(large)
    assert response.content.decode().count("list-group-item d-flex") == 7


def test_the_progress_page_is_for_readers_of_the_unit(world, client_for):
    url = reverse("portal:unit_progress", args=[world.unit_a.pk])
    assert client_for(world.staff_b).get(url).status_code == 404
    assert client_for(world.staff_a).get(url).status_code == 200

"""The demo seeders of commitment and planning build a coherent DUKCAPIL year."""

import pytest
from django.utils import timezone

from integritas.audit.services import verify
from integritas.commitment import demo as commitment_demo
from integritas.commitment.models import Declaration, DesignatedUnit
from integritas.commitment.selectors import coverage_by_unit
from integritas.planning import demo as planning_demo
from integritas.planning.models import (
    ActionPlan,
    Innovation,
    MediaEntry,
    MentoringEntry,
    MonthlyReport,
)
from integritas.portal.demo import build_organization

pytestmark = pytest.mark.django_db


def test_the_demo_declares_dukcapil_and_reports_its_months():
    world = build_organization(employees_per_unit=3)
    commitment_demo.seed(world)
    planning_demo.seed(world)
    units = world["units"]
    coverage = coverage_by_unit([units["DUKCAPIL"].pk, units["DPMPTSP"].pk])
    assert 0 < coverage[units["DUKCAPIL"].pk].missing < coverage[units["DUKCAPIL"].pk].total
    assert coverage[units["DPMPTSP"].pk].missing > 0
    assert Declaration.objects.filter(unit=units["DUKCAPIL"]).exists()
    assert not Declaration.objects.filter(unit=units["DPMPTSP"]).exists()
    assert Declaration.objects.filter(scope="city").exists()
    assert set(DesignatedUnit.objects.values_list("unit__code", flat=True)) == {
        "DUKCAPIL",
        "DPMPTSP",
        "RSUD",
    }
    plan = ActionPlan.objects.get(unit=units["DUKCAPIL"], year=timezone.localdate().year)
    assert plan.rows.count() == 8 and plan.status == "set"
    ended = timezone.localdate().month - 1
    statuses = list(
        MonthlyReport.objects.filter(plan=plan).order_by("month").values_list("status", flat=True)
    )
    if ended:
        assert statuses == ["accepted"] * (ended - 1) + ["submitted"]
    assert (
        Innovation.objects.exists()
        and MediaEntry.objects.exists()
        and MentoringEntry.objects.exists()
    )
    assert verify().ok
    commitment_demo.seed(world)  # a second run changes nothing
    planning_demo.seed(world)
    assert ActionPlan.objects.count() == 2

"""The city heat map: units × months, planned against realised, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integritas.organization.models import Unit
from integritas.planning.models import (
    MONTH_FIELDS,
    ActionPlan,
    ActionRow,
    MonthlyReport,
    RealisationRow,
)
from integritas.planning.selectors import heat_map
from integritas.planning.tests.conftest import made_in_january

pytestmark = pytest.mark.django_db


def _units_with_plans(world, n):
    units = Unit.objects.bulk_create(
        [Unit(institution=world.institution, code=f"H{n}-{i:03d}", name=f"Unit Peta {n}-{i:03d}",
              type="urban_village") for i in range(n)]
    )  # fmt: skip
    plans = ActionPlan.objects.bulk_create([ActionPlan(unit=u, year=2025) for u in units])
    made_in_january(*plans)
    targets = {
        m: Decimal(10 * (i + 1)) if i < 10 else Decimal(100) for i, m in enumerate(MONTH_FIELDS)
    }
    rows = ActionRow.objects.bulk_create(
        [ActionRow(plan=p, component=c, goal="g", indicator="i", action="a", pic_text="p", **targets)
         for p in plans for c in ("MP", "PP")]
    )  # fmt: skip
    reports = MonthlyReport.objects.bulk_create(
        [MonthlyReport(plan=p, month=m, status="accepted" if m < 3 else "submitted", revision=1)
         for p in plans for m in (1, 2, 3)]
    )  # fmt: skip
    by_plan = {}
    for row in rows:
        by_plan.setdefault(row.plan_id, []).append(row)
    RealisationRow.objects.bulk_create(
        [RealisationRow(report=r, action_row=a, percent=Decimal(8 * r.month))
         for r in reports for a in by_plan[r.plan_id]]
    )  # fmt: skip
    return units


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_the_heat_map_runs_the_same_queries_for_5_and_200_units(world, client_for):
    client = client_for(world.pimpinan)
    url = reverse("planning:heat_map") + "?tahun=2025"
    _units_with_plans(world, 5)
    small, _ = _queries(client, url)
    _units_with_plans(world, 195)
    large, response = _queries(client, url)
    assert small == large
    assert response.content.decode().count('<th class="fw-normal text-nowrap">') == 200


def test_cells_show_plan_against_accepted_realisation(world, client_for):
    _units_with_plans(world, 1)
    (row,) = heat_map(2025, date(2025, 4, 20), Unit.objects.filter(code__startswith="H1-"))
    jan, feb, mar, apr = row.cells[:4]
    assert (jan.planned, jan.realised, jan.tone) == (Decimal(10), Decimal(8), "1")
    assert (feb.planned, feb.realised, feb.tone) == (Decimal(20), Decimal(16), "1")
    assert mar.realised is None and mar.status == "submitted" and mar.tone == "na"
    assert apr.status == "" and apr.overdue is False
    (later,) = heat_map(2025, date(2025, 5, 11), Unit.objects.filter(code__startswith="H1-"))
    assert later.cells[3].overdue is True


@pytest.mark.parametrize("username", ["admin", "pimpinan", "tpi", "pendamping"])
def test_city_readers_open_the_heat_map(world, client_for, username):
    assert client_for(world.users[username]).get(reverse("planning:heat_map")).status_code == 200


@pytest.mark.parametrize("username", ["head_a", "kerja_a", "staff_a", "staff_b"])
def test_unit_roles_do_not(world, client_for, username):
    assert client_for(world.users[username]).get(reverse("planning:heat_map")).status_code == 404

"""Planning pages run a fixed number of queries whatever the number of rows, reports or entries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integritas.organization.models import Unit
from integritas.planning.models import (
    Innovation,
    MediaEntry,
    MentoringEntry,
    MonthlyReport,
    RealisationRow,
    ReportEvidence,
)
from integritas.planning.tests.conftest import make_row

pytestmark = pytest.mark.django_db


def _grow(world, plan, n):
    start = plan.rows.count()
    rows = [make_row(plan, "PW", order=start + i + 1) for i in range(n)]
    report = MonthlyReport.objects.get_or_create(
        plan=plan, month=1, defaults={"status": "submitted", "revision": 1}
    )[0]
    RealisationRow.objects.bulk_create(
        [RealisationRow(report=report, action_row=r, percent=Decimal(5)) for r in rows]
    )
    ReportEvidence.objects.bulk_create(
        [ReportEvidence(report=report, action_row=r, file="x.pdf", original_name="x.pdf",
                        content_type="application/pdf", size=1, sha256="0" * 64) for r in rows]
    )  # fmt: skip
    for month in range(2, 2 + min(n, 10)):
        MonthlyReport.objects.get_or_create(
            plan=plan, month=month, defaults={"status": "submitted", "revision": 1}
        )
    Innovation.objects.bulk_create(
        [Innovation(unit=world.unit_a, name=f"I{i}", problem="p", change="c", started_on=date(2025, 1, 1)) for i in range(n)]
    )  # fmt: skip
    MediaEntry.objects.bulk_create(
        [MediaEntry(unit=world.unit_a, published_on=date(2025, 1, 1), channel="social", title=f"M{i}") for i in range(n)]
    )  # fmt: skip
    MentoringEntry.objects.bulk_create(
        [MentoringEntry(unit=world.unit_a, held_on=date(2025, 1, 1), kind="assistance", topic=f"T{i}", advice="a",
                        recorded_by=world.pendamping) for i in range(n)]
    )  # fmt: skip
    Unit.objects.bulk_create(
        [Unit(institution=world.institution, code=f"L{start}-{i}", name=f"Unit L{start}-{i}", type="urban_village")
         for i in range(n)]
    )  # fmt: skip
    return report


URLS = [
    lambda w, p, r: reverse("planning:overview") + "?tahun=2025",
    lambda w, p, r: reverse("planning:unit_detail", args=[w.unit_a.pk]) + "?tahun=2025",
    lambda w, p, r: reverse("planning:action_plan", args=[w.unit_a.pk, 2025]),
    lambda w, p, r: r.get_absolute_url(),
    lambda w, p, r: reverse("planning:review_queue"),
    lambda w, p, r: reverse("planning:overdue_list"),
    lambda w, p, r: reverse("planning:log_list", args=[w.unit_a.pk, "inovasi"]),
    lambda w, p, r: reverse("planning:log_list", args=[w.unit_a.pk, "media"]),
    lambda w, p, r: reverse("planning:log_list", args=[w.unit_a.pk, "pendampingan"]),
]


@pytest.mark.parametrize("url", URLS)
def test_planning_pages_run_a_fixed_number_of_queries(world, client_for, plan, url):
    client = client_for(world.admin)
    report = _grow(world, plan, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(world, plan, report)).status_code == 200
    _grow(world, plan, 25)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url(world, plan, report)).status_code == 200
    assert len(small) == len(large)

"""Pasal 12 ayat 5: the unit hears in the app when its monthly report is accepted or returned."""

from datetime import date

import pytest

from integritas.common.models import Notification
from integritas.planning import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(world, plan):
    report = services.monthly_report_start(
        plan=plan, month=3, by=world.kerja_a, today=date(2025, 3, 5)
    )
    services.monthly_report_save(
        report=report, entries={r.pk: services.Realisation(percent=50) for r in plan.rows.all()},
        by=world.kerja_a,
    )  # fmt: skip
    return services.monthly_report_submit(report=report, by=world.kerja_a)


def test_accepting_tells_the_head_and_the_tim_kerja(world, submitted):
    services.monthly_report_accept(report=submitted, by=world.pendamping)
    rows = Notification.objects.filter(kind="laporan.diterima")
    assert {n.user for n in rows} == {world.head_a, world.kerja_a}
    assert all("diterima" in n.title and n.url == submitted.get_absolute_url() for n in rows)
    assert not Notification.objects.filter(user=world.staff_a).exists()


def test_returning_carries_the_note(world, submitted):
    services.monthly_report_return(
        report=submitted, note="Lengkapi bukti B03.", by=world.pendamping
    )
    rows = Notification.objects.filter(kind="laporan.dikembalikan")
    assert rows.count() == 2 and all(n.text == "Lengkapi bukti B03." for n in rows)


def test_a_refused_accept_raises_no_notification(world, submitted):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.monthly_report_accept(report=submitted, by=world.staff_b)
    assert not Notification.objects.exists()

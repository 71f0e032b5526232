"""Predicates on the home pages and the public page."""

from datetime import date

import pytest
from django.urls import reverse

from integritas.organization.models import Unit
from integritas.predicates import services
from integritas.predicates.tests.conftest import YEAR, make_final, record_facts


@pytest.fixture
def framework(db):
    from integritas.evaluation import engine
    from integritas.evaluation import services as evaluation_services

    return evaluation_services.framework_load(path=engine.published_frameworks()[0].source)


@pytest.fixture
def clock():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    with time_machine.travel(
        datetime(2026, 5, 20, 10, 0, tzinfo=ZoneInfo("Asia/Makassar")), tick=False
    ) as t:
        yield t


@pytest.fixture
def proposal(world, framework, clock):
    Unit.objects.filter(pk=world.unit_a.pk).update(is_stranas_pk=False)
    record_facts(world, world.unit_a)
    make_final(world.unit_a, framework)
    return services.recommendation_record(
        unit=world.unit_a, year=YEAR, outcome="proposed", by=world.tpi
    )


def test_pimpinan_sees_the_pending_proposal(world, client_for, proposal):
    body = client_for(world.pimpinan).get(reverse("portal:home")).content.decode()
    assert "Usulan WBK/WBBM menunggu keputusan" in body
    assert (
        "Usulan WBK/WBBM menunggu keputusan"
        not in client_for(world.tpi).get(reverse("portal:home")).content.decode()
    )


def test_the_tpi_sees_overdue_monitoring_and_the_public_sees_the_holder(
    world, client_for, proposal, clock
):
    services.recommendation_decide(recommendation=proposal, approve=True, by=world.pimpinan)
    services.tpn_result_record(
        recommendation=proposal,
        granted=True,
        decree_number="KEP/1/2026",
        granted_on=date(2026, 5, 15),
        by=world.admin,
    )
    public = client_for(None).get(reverse("portal:public_home")).content.decode()
    assert "Unit berpredikat Menuju WBK/WBBM" in public and world.unit_a.name in public
    assert (
        "Monitoring predikat jatuh tempo"
        not in client_for(world.tpi).get(reverse("portal:home")).content.decode()
    )
    clock.move_to("2028-05-16 10:00+08:00")
    body = client_for(world.tpi).get(reverse("portal:home")).content.decode()
    assert "Monitoring predikat jatuh tempo" in body and "15 Mei 2028 (terlambat)" in body
    assert (
        "Monitoring predikat jatuh tempo"
        not in client_for(world.head_a).get(reverse("portal:home")).content.decode()
    )

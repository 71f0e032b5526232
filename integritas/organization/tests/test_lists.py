import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integritas.organization.models import Employee, Unit
from integritas.organization.testing import make_nip

pytestmark = pytest.mark.django_db


def _grow(world, n_units: int, per_unit: int) -> None:
    rng = random.Random(n_units)
    used = set(Employee.objects.values_list("nip", flat=True))
    units = [
        Unit(
            institution=world.institution,
            code=f"U{n_units}-{i}",
            name=f"Unit {i}",
            type="urban_village",
            parent=world.unit_a,
        )
        for i in range(n_units)
    ]
    Unit.objects.bulk_create(units)
    people = []
    for unit in Unit.objects.filter(code__startswith=f"U{n_units}-"):
        for _ in range(per_unit):
            nip = make_nip(rng)
            while nip in used:
                nip = make_nip(rng)
            used.add(nip)
            people.append(Employee(nip=nip, name="Pegawai", unit=unit))
    Employee.objects.bulk_create(people)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["organization:unit_list", "organization:employee_list"])
def test_list_pages_run_a_fixed_number_of_queries(world, client_for, url_name):
    client = client_for(world.admin)
    url = reverse(url_name)
    _grow(world, 3, 2)
    small = _count(client, url)
    _grow(world, 40, 5)
    large = _count(client, url)
    assert small == large


def test_only_the_head_and_the_administrator_are_offered_to_form_a_tim_kerja(world, client_for):
    url = reverse("organization:unit_detail", args=[world.unit_a.pk])
    create = reverse("organization:team_create")
    for user in (world.head_a, world.admin):
        assert create in client_for(user).get(url).content.decode()
    assert create not in client_for(world.kerja_a).get(url).content.decode()
    # the link it would have shown is refused to a Tim Kerja member
    assert client_for(world.kerja_a).get(f"{create}?unit={world.unit_a.pk}").status_code == 404

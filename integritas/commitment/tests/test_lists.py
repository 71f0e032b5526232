"""The commitment pages run a fixed number of queries whatever the number of units or people."""

import random
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integritas.commitment.models import Declaration, IntegrityPact
from integritas.organization.models import Employee, EmployeeMove, Unit
from integritas.organization.testing import make_nip

pytestmark = pytest.mark.django_db


def _grow(world, n_units: int, per_unit: int) -> None:
    rng = random.Random(n_units)
    used = set(Employee.objects.values_list("nip", flat=True))
    units = Unit.objects.bulk_create(
        [Unit(institution=world.institution, code=f"C{n_units}-{i}", name=f"Unit {n_units}-{i}",
              type="urban_village") for i in range(n_units)]
    )  # fmt: skip
    people = []
    for unit in [*units, world.unit_a]:
        for _ in range(per_unit):
            nip = make_nip(rng)
            while nip in used:
                nip = make_nip(rng)
            used.add(nip)
            people.append(Employee(nip=nip, name="Pegawai", unit=unit))
    people = Employee.objects.bulk_create(people)
    IntegrityPact.objects.bulk_create(
        [IntegrityPact(employee=e, unit_id=e.unit_id, signed_on=date(2025, 2, 1), occasion="mass_signing")
         for e in people[::2]]
    )  # fmt: skip
    EmployeeMove.objects.bulk_create(
        [EmployeeMove(employee=e, from_unit=world.unit_b, to_unit_id=e.unit_id, moved_on=date(2025, 3, 1))
         for e in people[::3]]
    )  # fmt: skip
    for unit in units[:3]:
        unit.head = unit.employees.first()
        unit.save(update_fields=["head"])
        Declaration.objects.create(scope="unit", unit=unit, declared_on=date(2025, 4, 1), place="Kupang",
                                   head_name="Kepala", head_position="Kepala")  # fmt: skip


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [lambda w: reverse("commitment:overview"),
     lambda w: reverse("commitment:unit_detail", args=[w.unit_a.pk]),
     lambda w: reverse("commitment:pact_mass", args=[w.unit_a.pk]),
     lambda w: reverse("commitment:designation_history")],
)  # fmt: skip
def test_commitment_pages_run_a_fixed_number_of_queries(world, client_for, url):
    client = client_for(world.admin)
    _grow(world, 3, 2)
    small = _count(client, url(world))
    _grow(world, 30, 6)
    large = _count(client, url(world))
    assert small == large

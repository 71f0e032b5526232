import random
from datetime import date

import pytest

from integritas.commitment.models import IntegrityPact
from integritas.organization.models import Employee
from integritas.organization.testing import make_nip


@pytest.fixture
def add_employees():
    """Create n active employees in a unit."""
    rng = random.Random(11)

    def make(unit, n, *, prefix="Pegawai"):
        used = set(Employee.objects.values_list("nip", flat=True))
        people = []
        for i in range(n):
            nip = make_nip(rng)
            while nip in used:
                nip = make_nip(rng)
            used.add(nip)
            people.append(Employee(nip=nip, name=f"{prefix} {i:03d}", unit=unit))
        return Employee.objects.bulk_create(people)

    return make


@pytest.fixture
def sign():
    """Give employees a pact on a date (default 1 March 2025)."""

    def make(employees, on=date(2025, 3, 1)):
        return IntegrityPact.objects.bulk_create(
            [
                IntegrityPact(employee=e, unit_id=e.unit_id, signed_on=on, occasion="mass_signing")
                for e in employees
            ]
        )

    return make

"""Extra units with pacts, plans and reports, to show the dashboard does not grow per unit."""

import random
from datetime import date

from integritas.commitment.models import IntegrityPact, Occasion
from integritas.organization.models import Employee, Institution, Unit
from integritas.organization.testing import make_nip
from integritas.planning.models import ActionPlan, MonthlyReport, WorkPlan


def add_units(count: int, *, year: int, prefix: str = "UPT", parent: Unit | None = None):
    rng = random.Random(count)
    institution = Institution.objects.first() or Institution.objects.create(
        name="Pemerintah Kota Kupang", short_name="Pemkot"
    )
    units = []
    for i in range(count):
        unit = Unit.objects.create(
            institution=institution, code=f"{prefix}{i}", name=f"{prefix} Uji {i:03d}",
            type="upt", parent=parent,
        )  # fmt: skip
        head = Employee.objects.create(nip=make_nip(rng), name=f"Kepala {i}", unit=unit)
        unit.head = head
        unit.save(update_fields=["head"])
        IntegrityPact.objects.create(
            employee=head, unit=unit, signed_on=date(year, 1, 2), occasion=Occasion.choices[0][0]
        )
        if i % 2:
            WorkPlan.objects.create(
                unit=unit, year=year, decree_number=f"SK/{i}", decree_date=date(year, 1, 5)
            )
            plan = ActionPlan.objects.create(unit=unit, year=year, status=ActionPlan.Status.SET)
            MonthlyReport.objects.create(
                plan=plan, month=1, status=MonthlyReport.Status.ACCEPTED, revision=1
            )
        units.append(unit)
    return units

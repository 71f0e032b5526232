"""The wajib-lapor register: import all or nothing with every bad row, ticks, % per unit."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from integritas.audit.models import AuditRecord
from integritas.common.tabular import read_table
from integritas.predicates import imports, selectors, services
from integritas.predicates.models import ReportingDuty

from .conftest import YEAR


def table(text):
    return read_table(text.encode("utf-8"), kind="csv", limits=imports.DUTY_FORMAT)


def test_a_file_with_bad_rows_lists_every_one_and_writes_nothing(world, clock):
    nip_a = world.staff_a.employee.nip
    csv = (
        "nip;nama;kode_unit;sudah_lapor;tanggal_lapor\n"
        f"{nip_a};;;ya;2026-03-01\n"
        "123;Budi;DUKCAPIL;ya;\n"
        f"{nip_a};Lagi;;mungkin;31-31-2026\n"
        "198001012005011001;Tanpa Unit;XYZ;tidak;2026-01-01\n"
    )
    with pytest.raises(services.ImportRejected) as caught:
        services.duties_import(table=table(csv), year=YEAR, kind="lhkpn", by=world.admin)
    found = [(p.row, p.column) for p in caught.value.check.problems]
    assert (3, "nip") in found
    assert (4, "nip") in found and (4, "sudah_lapor") in found and (4, "tanggal_lapor") in found
    assert (5, "kode_unit") in found and (5, "tanggal_lapor") in found
    assert not any(row == 2 for row, _ in found)
    assert ReportingDuty.objects.count() == 0
    assert not AuditRecord.objects.filter(action="wajib_lapor.impor").exists()


def test_a_good_file_is_written_and_gives_the_percent_per_unit(world, clock):
    csv = (
        "nip,nama,kode_unit,sudah_lapor,tanggal_lapor\n"
        f"{world.head_a.employee.nip},,,ya,01/03/2026\n"
        f"{world.kerja_a.employee.nip},,,tidak,\n"
        f"{world.staff_a.employee.nip},,,sudah,2026-03-02\n"
        f"{world.staff_b.employee.nip},,,ya,\n"
    )
    check = services.duties_import(table=table(csv), year=YEAR, kind="lhkasn", by=world.admin)
    assert (check.creates, check.updates) == (4, 0)
    a = selectors.compliance(world.unit_a, YEAR, "lhkasn")
    assert (a.reported, a.total, a.percent_shown) == (2, 3, Decimal("66.67"))
    assert selectors.compliance(world.unit_b, YEAR, "lhkasn").percent == 100
    assert selectors.compliance(world.unit_a, YEAR, "lhkpn").percent is None
    assert (
        selectors.check_input(world.unit_a, YEAR, "wbk", clock_day()).unit.lhkasn_percent
        == a.percent
    )
    # ticking the missing one in the UI makes it 100 %
    duty = ReportingDuty.objects.get(nip=world.kerja_a.employee.nip)
    with pytest.raises(PermissionDenied):
        services.duty_mark(duty=duty, reported=True, by=world.head_a)
    services.duty_mark(duty=duty, reported=True, by=world.admin)
    assert selectors.compliance(world.unit_a, YEAR, "lhkasn").percent == 100
    again = services.duties_import(table=table(csv), year=YEAR, kind="lhkasn", by=world.admin)
    assert (again.creates, again.updates) == (0, 4)


def clock_day():
    from django.utils import timezone

    return timezone.localdate()


def test_only_the_administrator_imports(world, clock):
    csv = f"nip,sudah_lapor\n{world.staff_a.employee.nip},ya\n"
    for user in (world.tpi, world.pimpinan, world.head_a):
        with pytest.raises(PermissionDenied):
            services.duties_import(table=table(csv), year=YEAR, kind="lhkpn", by=user)
    assert ReportingDuty.objects.count() == 0


def test_one_missing_report_among_many_is_never_rounded_to_100(world):
    from integritas.predicates.selectors import Compliance

    almost = Compliance("lhkpn", reported=49999, total=50000)
    assert almost.percent_shown == Decimal("100.00")
    assert almost.percent < 100  # what the checker sees

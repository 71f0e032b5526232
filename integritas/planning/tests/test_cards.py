"""Home cards of commitment and planning, and the public list of declared units (Pasal 7 ayat 2)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from integritas.commitment.models import (
    Declaration,
    DesignatedUnit,
    DesignationDecree,
    IntegrityPact,
)
from integritas.common.formatting import BULAN
from integritas.planning.models import ActionPlan, MonthlyReport

pytestmark = pytest.mark.django_db


def _home(client_for, user):
    return client_for(user).get(reverse("portal:home")).content.decode()


def test_a_unit_head_sees_pact_coverage_and_the_report_due(world, client_for):
    today = timezone.localdate()
    year, month = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    plan = ActionPlan.objects.create(unit=world.unit_a, year=year)
    MonthlyReport.objects.create(plan=plan, month=month, status="submitted", revision=1)
    page = _home(client_for, world.head_a)
    assert "Pakta integritas — DUKCAPIL" in page and "0 dari 4 pegawai; belum dicanangkan" in page
    assert f"Laporan bulanan {BULAN[month - 1]} {year} — DUKCAPIL" in page and "Diajukan" in page


def test_the_pendamping_sees_reports_waiting_and_overdue(world, client_for):
    plan = ActionPlan.objects.create(unit=world.unit_a, year=timezone.localdate().year)
    MonthlyReport.objects.create(plan=plan, month=1, status="submitted", revision=1)
    page = _home(client_for, world.pendamping)
    assert "Laporan bulanan menunggu penerimaan" in page
    assert "Laporan bulanan terlambat" in page
    assert "Laporan bulanan menunggu penerimaan" not in _home(client_for, world.staff_a)


def test_the_administrator_sees_designated_units_that_have_not_declared(world, client_for):
    decree = DesignationDecree.objects.create(
        number="1/KEP", decree_date=date(2025, 1, 5), year=timezone.localdate().year
    )
    for unit in (world.unit_a, world.unit_b):
        DesignatedUnit.objects.create(decree=decree, unit=unit, core_business=True, high_risk=False,
                                      wide_impact=False, reasons="x")  # fmt: skip
    Declaration.objects.create(scope="unit", unit=world.unit_a, declared_on=date(2025, 2, 1),
                               place="Kupang", head_name="K", head_position="K")  # fmt: skip
    page = _home(client_for, world.admin)
    assert "Unit belum mencanangkan" in page and world.unit_b.name in page


def test_the_public_page_lists_declared_units_with_their_date(world, client_for):
    Declaration.objects.create(scope="city", declared_on=date(2025, 1, 6), place="Balai Kota",
                               head_name="Wali Kota", head_position="Wali Kota Kupang")  # fmt: skip
    Declaration.objects.create(scope="unit", unit=world.unit_a, declared_on=date(2025, 8, 17),
                               place="Kupang", head_name="K", head_position="K")  # fmt: skip
    page = client_for(None).get(reverse("portal:public_home")).content.decode()
    assert "Pencanangan pembangunan Zona Integritas" in page
    assert world.unit_a.name in page and "dicanangkan 17 Agustus 2025" in page
    assert "Pemerintah Kota Kupang (oleh Wali Kota)" in page
    assert world.unit_b.name not in page


def test_every_city_reader_sees_overdue_reports_and_undeclared_units(world, client_for):
    page = _home(client_for, world.pimpinan)
    assert "Laporan bulanan terlambat" in page and "Unit belum mencanangkan" in page
    assert "Laporan bulanan menunggu penerimaan" not in page  # the Tim Pendamping's queue
    assert "Unit belum mencanangkan" not in _home(client_for, world.head_a)


def test_an_employee_sees_whether_his_own_pact_is_recorded(world, client_for):
    page = _home(client_for, world.staff_a)
    assert "Pakta integritas Anda" in page and "Belum" in page
    IntegrityPact.objects.create(employee=world.staff_a.employee, unit=world.unit_a,
                                 signed_on=date(2025, 3, 4), occasion="other")  # fmt: skip
    page = _home(client_for, world.staff_a)
    assert "Pakta integritas Anda" in page and "ditandatangani 4 Maret 2025" in page


def test_cards_that_need_acting_on_come_before_the_counts(world, client_for):
    page = _home(client_for, world.admin)
    assert "border-warning" in page  # a unit without a Tim Kerja
    assert page.index("Unit tanpa Tim Kerja") < page.index("ASN aktif terdaftar")

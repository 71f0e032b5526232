"""Designation (Pasal 8): the Wali Kota's decree naming the units and the criteria they meet."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.commitment.models import DesignatedUnit, DesignationDecree

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def test_the_administrator_records_a_decree_and_names_units_with_their_criteria(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        reverse("commitment:decree_create"),
        {"number": "188.45/KEP/200/2025", "decree_date": "2025-02-10", "year": "2025",
         "title": "Penetapan unit ZI", "upload": SimpleUploadedFile("sk.pdf", PDF)},
    )  # fmt: skip
    decree = DesignationDecree.objects.get()
    assert response.status_code == 302 and decree.file and len(decree.file_sha256) == 64
    response = client.post(
        decree.get_absolute_url(),
        {"unit": world.unit_a.pk, "core_business": "on", "wide_impact": "on",
         "reasons": "Layanan adminduk berdampak luas"},
    )  # fmt: skip
    assert response.status_code == 302
    row = DesignatedUnit.objects.get()
    assert (row.core_business, row.high_risk, row.wide_impact) == (True, False, True)
    assert AuditRecord.objects.filter(
        action="penetapan.unit_ditambah", unit_id=world.unit_a.pk
    ).exists()
    history = client_for(world.staff_a).get(reverse("commitment:designation_history"))
    assert "188.45/KEP/200/2025" in history.content.decode()
    assert (
        client_for(world.staff_a)
        .get(reverse("commitment:decree_file", args=[decree.pk]))
        .status_code
        == 200
    )


def test_a_unit_meeting_no_criterion_is_refused(world, client_for):
    decree = DesignationDecree.objects.create(
        number="2/2025", decree_date=date(2025, 2, 1), year=2025
    )
    response = client_for(world.admin).post(
        decree.get_absolute_url(), {"unit": world.unit_a.pk, "reasons": "Tanpa kriteria"}
    )
    assert response.status_code == 200
    assert "sedikitnya satu kriteria" in response.content.decode()
    assert not DesignatedUnit.objects.exists()


def test_the_history_groups_decrees_by_year(world, client_for):
    for year in (2024, 2025):
        decree = DesignationDecree.objects.create(
            number=f"{year}/KEP", decree_date=date(year, 1, 5), year=year
        )
        DesignatedUnit.objects.create(decree=decree, unit=world.unit_a, core_business=True,
                                      high_risk=False, wide_impact=False, reasons="x")  # fmt: skip
    page = (
        client_for(world.pimpinan).get(reverse("commitment:designation_history")).content.decode()
    )
    assert page.index("Tahun 2025") < page.index("Tahun 2024")


def test_the_decree_links_only_the_units_the_reader_may_open(world, client_for):
    decree = DesignationDecree.objects.create(
        number="1/KEP", decree_date=date(2025, 1, 5), year=2025
    )
    for unit in (world.unit_a, world.unit_b):
        DesignatedUnit.objects.create(decree=decree, unit=unit, core_business=True, high_risk=False,
                                      wide_impact=False, reasons="x")  # fmt: skip
    page = client_for(world.staff_a).get(decree.get_absolute_url()).content.decode()
    assert reverse("commitment:unit_detail", args=[world.unit_a.pk]) in page
    assert reverse("commitment:unit_detail", args=[world.unit_b.pk]) not in page
    assert world.unit_b.name in page
    page = client_for(world.pimpinan).get(decree.get_absolute_url()).content.decode()
    assert reverse("commitment:unit_detail", args=[world.unit_b.pk]) in page

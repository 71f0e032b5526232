"""A mass signing records many pacts at once, in one transaction, with its audit record."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.commitment.models import IntegrityPact, PactSigning

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(world):
    return reverse("commitment:pact_mass", args=[world.unit_a.pk])


def test_a_mass_signing_records_every_ticked_employee_with_one_scan(
    world, client_for, add_employees
):
    people = add_employees(world.unit_a, 5)
    ticked = [world.head_a.employee, *people[:4]]
    scan = SimpleUploadedFile("absen-pakta.pdf", PDF, content_type="application/pdf")
    response = client_for(world.kerja_a).post(
        _url(world),
        {"signed_on": "2025-07-01", "occasion": "mass_signing", "note": "Apel pagi",
         "document": scan, "employees": [e.pk for e in ticked]},
    )  # fmt: skip
    assert response.status_code == 302
    signing = PactSigning.objects.get()
    assert signing.document and len(signing.document_sha256) == 64
    assert set(signing.pacts.values_list("employee_id", flat=True)) == {e.pk for e in ticked}
    assert IntegrityPact.objects.filter(unit=world.unit_a).count() == 5
    record = AuditRecord.objects.get(action="pakta.massal")
    assert record.changes["count"] == [None, 5] and record.unit_id == world.unit_a.pk
    document = client_for(world.head_a).get(
        reverse("commitment:signing_document", args=[signing.pk])
    )
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    assert (
        client_for(world.staff_a)
        .get(reverse("commitment:signing_document", args=[signing.pk]))
        .status_code
        == 404
    )


def test_an_employee_of_another_unit_cannot_be_ticked(world, client_for, add_employees):
    outsider = add_employees(world.unit_b, 1)[0]
    response = client_for(world.kerja_a).post(
        _url(world),
        {"signed_on": "2025-07-01", "occasion": "mass_signing",
         "employees": [world.head_a.employee.pk, outsider.pk]},
    )  # fmt: skip
    assert response.status_code == 200
    assert not IntegrityPact.objects.exists() and not PactSigning.objects.exists()


def test_a_second_pact_on_the_same_day_rolls_the_whole_signing_back(
    world, client_for, add_employees
):
    people = add_employees(world.unit_a, 3)
    client = client_for(world.kerja_a)
    client.post(
        _url(world),
        {"signed_on": "2025-07-01", "occasion": "mass_signing", "employees": [people[0].pk]},
    )
    response = client.post(
        _url(world),
        {
            "signed_on": "2025-07-01",
            "occasion": "mass_signing",
            "employees": [p.pk for p in people],
        },
    )
    assert response.status_code == 200
    assert "Sudah tercatat menandatangani pada tanggal itu" in response.content.decode()
    assert IntegrityPact.objects.count() == 1 and PactSigning.objects.count() == 1


def test_a_scan_that_is_not_a_pdf_is_refused_and_nothing_is_lost(world, client_for, add_employees):
    people = add_employees(world.unit_a, 2)
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client_for(world.kerja_a).post(
        _url(world),
        {"signed_on": "2025-07-01", "occasion": "mass_signing", "note": "Apel pagi", "document": fake,
         "employees": [p.pk for p in people]},
    )  # fmt: skip
    text = response.content.decode()
    assert response.status_code == 200 and "Jenis berkas tidak diterima" in text
    assert 'value="Apel pagi"' in text
    for person in people:
        assert f'value="{person.pk}" id="emp-{person.pk}" data-missing="1" checked' in text
    assert not PactSigning.objects.exists()


def test_staff_and_other_units_cannot_record_pacts(world, client_for, add_employees):
    people = add_employees(world.unit_a, 1)
    data = {"signed_on": "2025-07-01", "occasion": "mass_signing", "employees": [people[0].pk]}
    for user in (world.staff_a, world.staff_b, world.pimpinan, world.tpi, world.pendamping):
        assert client_for(user).post(_url(world), data).status_code == 404
    assert not IntegrityPact.objects.exists()


def test_one_pact_is_recorded_with_its_scan(world, client_for):
    scan = SimpleUploadedFile("pakta.pdf", PDF, content_type="application/pdf")
    response = client_for(world.head_a).post(
        reverse("commitment:pact_create", args=[world.unit_a.pk]),
        {"employee": world.staff_a.employee.pk, "signed_on": "2025-02-03",
         "occasion": "cpns_inauguration", "document": scan},
    )  # fmt: skip
    assert response.status_code == 302
    pact = IntegrityPact.objects.get()
    assert pact.unit == world.unit_a and pact.occasion == "cpns_inauguration" and pact.document
    assert AuditRecord.objects.filter(action="pakta.dicatat").exists()
    delete = client_for(world.kerja_a).post(reverse("commitment:pact_delete", args=[pact.pk]))
    assert delete.status_code == 302 and not IntegrityPact.objects.exists()
    assert AuditRecord.objects.filter(action="pakta.dihapus").exists()


def test_employee_ids_above_a_thousand_are_not_written_with_separators(world, client_for):
    from integritas.organization.models import Employee
    from integritas.organization.testing import make_nip

    Employee.objects.create(
        pk=12345, nip=make_nip(serial=345), name="Pegawai Besar", unit=world.unit_a
    )
    page = client_for(world.kerja_a).get(_url(world)).content.decode()
    assert 'value="12345" id="emp-12345"' in page

"""Declaring (Pasal 5–7): the gate with its numbers, the follow-up list, the audit."""

from datetime import date

import pytest
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.commitment import services
from integritas.commitment.models import Declaration

pytestmark = pytest.mark.django_db


def _post(client, unit, **extra):
    data = {
        "declared_on": "2025-08-17", "place": "Aula Dukcapil", "note": "",
        "saksi-TOTAL_FORMS": "3", "saksi-INITIAL_FORMS": "0",
        "saksi-0-role": "inspectorate", "saksi-0-name": "Drs. Inspektur", "saksi-0-position": "Inspektur",
        "saksi-1-role": "zi_team", "saksi-1-name": "Ketua Tim", "saksi-1-position": "",
        "saksi-2-role": "public", "saksi-2-name": "", "saksi-2-position": "",
    }  # fmt: skip
    data.update(extra)
    return client.post(reverse("commitment:declaration_create", args=[unit.pk]), data)


def _unit_of_24(world, add_employees, sign, signed: int):
    """Unit A with 24 active employees (the 4 world users + 20), `signed` of them signed."""
    extra = add_employees(world.unit_a, 20)
    people = [world.head_a.employee, *extra, world.kerja_a.employee, world.staff_a.employee,
              world.tpi_in_a.employee]  # fmt: skip
    sign(people[:signed])
    return people


def test_it_refuses_a_unit_where_exactly_half_signed_and_shows_the_numbers(
    world, client_for, add_employees, sign
):
    _unit_of_24(world, add_employees, sign, signed=12)
    response = _post(client_for(world.head_a), world.unit_a)
    assert response.status_code == 200
    text = response.content.decode()
    assert "12 dari 24 pegawai (50,00 %) — harus lebih dari 50 %" in text
    assert not Declaration.objects.filter(unit=world.unit_a).exists()
    assert not AuditRecord.objects.filter(action="pencanangan.unit").exists()


def test_it_allows_one_more_than_half_and_lists_who_must_follow_up(
    world, client_for, add_employees, sign
):
    people = _unit_of_24(world, add_employees, sign, signed=13)
    client = client_for(world.head_a)
    response = _post(client, world.unit_a)
    declaration = Declaration.objects.get(unit=world.unit_a)
    assert response.status_code == 302 and response["Location"] == declaration.get_absolute_url()
    assert (declaration.pact_signed, declaration.pact_total, declaration.head_signed) == (
        13,
        24,
        True,
    )
    assert declaration.head == world.head_a.employee
    assert [w.name for w in declaration.witnesses.order_by("role")] == [
        "Drs. Inspektur",
        "Ketua Tim",
    ]
    record = AuditRecord.objects.get(action="pencanangan.unit")
    assert record.unit_id == world.unit_a.pk and record.changes["follow_up"] == [None, 11]
    page = client.get(declaration.get_absolute_url()).content.decode()
    assert "11 pegawai belum menandatangani" in page
    for missing in people[13:]:
        assert missing.nip in page
    for signed in people[1:13]:
        assert signed.nip not in page


def test_an_unsigned_head_is_refused_even_when_everyone_else_signed(
    world, client_for, add_employees, sign
):
    extra = add_employees(world.unit_a, 10)
    sign(extra)
    response = _post(client_for(world.head_a), world.unit_a)
    assert "Kepala unit belum menandatangani" in response.content.decode()
    assert not Declaration.objects.exists()


def test_the_threshold_comes_from_the_setting(world, client_for, add_employees, sign, settings):
    settings.DECLARATION_MIN_PACT_SHARE = "0.75"
    _unit_of_24(world, add_employees, sign, signed=18)
    response = _post(client_for(world.head_a), world.unit_a)
    assert "18 dari 24 pegawai (75,00 %) — harus lebih dari 75 %" in response.content.decode()
    assert not Declaration.objects.exists()


def test_only_the_head_or_the_administrator_declares(world, client_for, add_employees, sign):
    _unit_of_24(world, add_employees, sign, signed=24)
    assert _post(client_for(world.kerja_a), world.unit_a).status_code == 404
    assert _post(client_for(world.pendamping), world.unit_a).status_code == 404
    assert not Declaration.objects.exists()
    assert _post(client_for(world.admin), world.unit_a).status_code == 302


def test_a_unit_declares_only_once(world, add_employees, sign):
    _unit_of_24(world, add_employees, sign, signed=24)
    services.declaration_create(
        unit=world.unit_a, declared_on=date(2025, 8, 17), place="Kupang", by=world.head_a
    )
    with pytest.raises(Exception, match="sudah mencanangkan"):
        services.declaration_create(
            unit=world.unit_a, declared_on=date(2025, 8, 18), place="Kupang", by=world.head_a
        )


def test_a_declaration_in_the_future_is_refused(world, client_for, add_employees, sign):
    _unit_of_24(world, add_employees, sign, signed=24)
    response = _post(client_for(world.head_a), world.unit_a, declared_on="2999-01-01")
    assert response.status_code == 200
    assert "masa depan" in response.content.decode()
    assert not Declaration.objects.exists()


def test_the_city_declaration_is_recorded_by_the_administrator(world, client_for):
    data = {
        "declared_on": "2025-08-01", "place": "Balai Kota Kupang", "head_name": "dr. Christian Widodo",
        "head_position": "Wali Kota Kupang", "note": "",
        "saksi-TOTAL_FORMS": "1", "saksi-INITIAL_FORMS": "0",
        "saksi-0-role": "inspectorate", "saksi-0-name": "Inspektur Kota", "saksi-0-position": "",
    }  # fmt: skip
    url = reverse("commitment:city_declaration_create")
    assert client_for(world.pimpinan).post(url, data).status_code == 404
    response = client_for(world.admin).post(url, data)
    declaration = Declaration.objects.get(scope="city")
    assert response.status_code == 302
    assert declaration.unit is None and declaration.head_name == "dr. Christian Widodo"
    assert AuditRecord.objects.filter(action="pencanangan.kota").exists()


def test_publication_photos_are_checked_by_content(world, client_for, add_employees, sign):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _unit_of_24(world, add_employees, sign, signed=24)
    declaration = services.declaration_create(
        unit=world.unit_a, declared_on=date(2025, 8, 17), place="Kupang", by=world.head_a
    )
    client = client_for(world.kerja_a)
    url = reverse("commitment:publication_add", args=[declaration.pk])
    fake = SimpleUploadedFile("foto.png", b"bukan gambar sama sekali", content_type="image/png")
    response = client.post(url, {"kind": "photo", "caption": "Foto", "photo": fake})
    assert (
        response.status_code == 200 and "Jenis berkas tidak diterima" in response.content.decode()
    )
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    real = SimpleUploadedFile("foto.png", png, content_type="image/png")
    response = client.post(url, {"kind": "photo", "caption": "Apel pencanangan", "photo": real})
    assert response.status_code == 302
    publication = declaration.publications.get()
    assert publication.photo_content_type == "image/png" and len(publication.photo_sha256) == 64
    photo = client_for(None).get(reverse("commitment:publication_photo", args=[publication.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    link = client.post(
        url, {"kind": "link", "url": "https://kupangkota.go.id/berita/zi", "caption": "Berita"}
    )
    assert link.status_code == 302
    assert AuditRecord.objects.filter(action="pencanangan.publikasi_ditambah").count() == 2


def test_the_city_declaration_page_offers_no_unit_documents(world, client_for):
    declaration = Declaration.objects.create(
        scope="city", declared_on=date(2025, 8, 1), place="Balai Kota", head_name="Wali Kota",
        head_position="Wali Kota Kupang",
    )  # fmt: skip
    page = client_for(world.staff_a).get(declaration.get_absolute_url())
    assert page.status_code == 200 and "/dokumen/pencanangan/" not in page.content.decode()

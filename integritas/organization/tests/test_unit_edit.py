import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from integritas.audit.models import AuditRecord
from integritas.organization.models import Unit

pytestmark = pytest.mark.django_db


def _post(world, client, **extra):
    data = {
        "name": world.unit_a.name,
        "code": world.unit_a.code,
        "type": "department",
        "is_active": "on",
        **extra,
    }
    return client.post(reverse("organization:unit_edit", args=[world.unit_a.pk]), data)


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buf, format="PNG")
    return buf.getvalue()


def test_the_administrator_renames_a_unit_and_the_change_is_audited(world, client_for):
    response = _post(world, client_for(world.admin), name="Dinas Dukcapil Kota Kupang")
    assert response.status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.name == "Dinas Dukcapil Kota Kupang"
    change = AuditRecord.objects.get(action="unit.diubah")
    assert change.changes["name"] == [
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Dukcapil Kota Kupang",
    ]


def test_a_logo_is_checked_by_its_content_not_its_name(world, client_for):
    client = client_for(world.admin)
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    response = _post(world, client, logo=fake)
    assert (
        response.status_code == 200 and "Jenis berkas tidak diterima" in response.content.decode()
    )
    world.unit_a.refresh_from_db()
    assert not world.unit_a.logo
    real = SimpleUploadedFile("lambang.png", _png(), content_type="image/png")
    assert _post(world, client, logo=real).status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.logo
    assert (
        client_for(world.staff_b)
        .get(reverse("organization:unit_logo", args=[world.unit_a.pk]))
        .status_code
        == 404
    )
    assert (
        client_for(world.staff_a)
        .get(reverse("organization:unit_logo", args=[world.unit_a.pk]))
        .status_code
        == 200
    )


def test_a_unit_cannot_be_placed_under_its_own_sub_unit(world, client_for):
    child = Unit.objects.create(
        institution=world.institution, code="UPT-A", name="UPT A", type="upt", parent=world.unit_a
    )
    response = _post(world, client_for(world.admin), parent=child.pk)
    assert response.status_code == 200
    world.unit_a.refresh_from_db()
    assert world.unit_a.parent is None


def test_ids_above_a_thousand_print_without_grouping_in_links(world, client_for):
    big = Unit.objects.create(
        id=1707, institution=world.institution, code="BIG", name="Unit Besar", type="department"
    )
    html = (
        client_for(world.admin)
        .get(reverse("organization:unit_detail", args=[big.pk]))
        .content.decode()
    )
    assert "?unit=1707" in html
    assert "1.707" not in html

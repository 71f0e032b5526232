"""Who may open and change the commitment pages: the access matrix over the named world."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.commitment.models import (
    Declaration,
    DeclarationPublication,
    DeclarationWitness,
    DesignatedUnit,
    DesignationDecree,
    IntegrityPact,
    PactSigning,
)
from integritas.common import files
from tests.access import Row, check, covered, ids

pytestmark = pytest.mark.django_db

USERS = ["admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a", "staff_b"]  # fmt: skip
READ_A = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a"}
WRITE_A = {"admin", "head_a", "kerja_a"}
HEAD_A = {"admin", "head_a"}


@pytest.fixture
def declaration(world):
    return Declaration.objects.create(
        scope="unit", unit=world.unit_a, declared_on=date(2025, 8, 17), place="Kupang",
        head=world.head_a.employee, head_name="Head A", head_position="Kepala",
    )  # fmt: skip


def _status(client, url):
    return client.get(url).status_code


@pytest.mark.parametrize("username", USERS)
def test_unit_pages_follow_the_matrix(world, client_for, declaration, username):
    client = client_for(world.users[username])
    a = world.unit_a.pk
    expect = lambda allowed: 200 if allowed else 404  # noqa: E731
    assert _status(client, reverse("commitment:overview")) == 200
    assert _status(client, reverse("commitment:unit_detail", args=[a])) == expect(
        username in READ_A
    )
    assert _status(client, reverse("commitment:pact_create", args=[a])) == expect(
        username in WRITE_A
    )
    assert _status(client, reverse("commitment:pact_mass", args=[a])) == expect(username in WRITE_A)
    assert _status(client, declaration.get_absolute_url()) == expect(username in READ_A)
    assert _status(client, reverse("commitment:publication_add", args=[declaration.pk])) == expect(
        username in WRITE_A
    )
    assert _status(
        client, reverse("documents:declaration_doc", args=[declaration.pk, "piagam", "docx"])
    ) == expect(username in READ_A)
    assert _status(client, reverse("commitment:unit_detail", args=[world.unit_b.pk])) == expect(
        username in READ_A - {"head_a", "kerja_a", "staff_a"} | {"staff_b"}
    )


@pytest.mark.parametrize("username", USERS)
def test_only_the_head_declares_and_only_the_administrator_designates(world, client_for, username):
    client = client_for(world.users[username])
    declare = reverse("commitment:declaration_create", args=[world.unit_a.pk])
    assert _status(client, declare) == (200 if username in HEAD_A else 404)
    admin_only = 200 if username == "admin" else 404
    assert _status(client, reverse("commitment:decree_create")) == admin_only
    assert _status(client, reverse("commitment:city_declaration_create")) == admin_only
    assert _status(client, reverse("commitment:designation_history")) == 200


def test_the_overview_lists_only_the_units_a_user_may_read(world, client_for):
    page = client_for(world.staff_b).get(reverse("commitment:overview")).content.decode()
    assert world.unit_b.name in page and world.unit_a.name not in page


def test_the_public_declaration_page_needs_no_login(world, client_for, declaration):
    response = client_for(None).get(reverse("commitment:public_declaration", args=[declaration.pk]))
    assert response.status_code == 200 and world.unit_a.name in response.content.decode()
    assert client_for(None).get(declaration.get_absolute_url()).status_code == 302


def test_pimpinan_cannot_add_a_designated_unit(world, client_for):
    decree = DesignationDecree.objects.create(
        number="1/2025", decree_date=date(2025, 2, 1), year=2025
    )
    response = client_for(world.pimpinan).post(
        decree.get_absolute_url(),
        {"unit": world.unit_a.pk, "core_business": "on", "reasons": "Layanan dasar"},
    )
    assert response.status_code == 404 and not decree.units.exists()


def _pdf():
    return SimpleUploadedFile("berkas.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


@pytest.fixture
def objects(world, declaration):
    """Unit A's declaration with a witness and a publication, a signed pact, a decree."""
    signing = PactSigning(unit=world.unit_a, signed_on=date(2025, 3, 1), occasion="massal")
    files.store(signing.document, _pdf())
    signing.save()
    pact = IntegrityPact(employee=world.staff_a.employee, unit=world.unit_a,
                         signed_on=date(2025, 3, 1), occasion="massal")  # fmt: skip
    files.store(pact.document, _pdf())
    pact.save()
    decree = DesignationDecree(number="2/2025", decree_date=date(2025, 2, 1), year=2025)
    files.store(decree.file, _pdf())
    decree.save()
    designated = DesignatedUnit.objects.create(
        decree=decree, unit=world.unit_a, core_business=True, high_risk=False, wide_impact=False,
        reasons="Layanan dasar",
    )  # fmt: skip
    witness = DeclarationWitness.objects.create(
        declaration=declaration, role=DeclarationWitness.Role.choices[0][0], name="Saksi"
    )
    publication = DeclarationPublication.objects.create(
        declaration=declaration, kind=DeclarationPublication.Kind.choices[0][0],
        url="https://kupangkota.go.id/zi",
    )  # fmt: skip
    return {"declaration": declaration.pk, "signing": signing.pk, "pact": pact.pk,
            "decree": decree.pk, "designated": designated.pk, "witness": witness.pk,
            "publication": publication.pk}  # fmt: skip


# One row per URL: unit A's object, the role that may use it, a user it must refuse. Signed
# pact scans are for the unit's writers and the city roles, not for every employee.
ROWS = [
    Row("commitment:declaration_detail", lambda o: [o["declaration"]], "staff_a"),
    Row("commitment:witness_add", lambda o: [o["declaration"]], "head_a", method="post",
        data=lambda o: {"role": "tokoh", "name": "Saksi Baru"}),
    Row("commitment:witness_add", lambda o: [o["declaration"]], "kerja_a", "staff_a",
        method="post", data=lambda o: {"role": "tokoh", "name": "Saksi Baru"},
        label="readers-do-not-write"),
    Row("commitment:witness_remove", lambda o: [o["declaration"], o["witness"]], "kerja_a",
        method="post"),
    Row("commitment:publication_remove", lambda o: [o["declaration"], o["publication"]],
        "kerja_a", method="post"),
    Row("commitment:pact_delete", lambda o: [o["pact"]], "kerja_a", method="post"),
    Row("commitment:pact_delete", lambda o: [o["pact"]], "kerja_a", "staff_a", method="post",
        label="readers-do-not-delete"),
    Row("commitment:pact_document", lambda o: [o["pact"]], "kerja_a"),
    Row("commitment:pact_document", lambda o: [o["pact"]], "pimpinan", "staff_a",
        label="not-every-employee"),
    Row("commitment:signing_document", lambda o: [o["signing"]], "kerja_a"),
    Row("commitment:signing_document", lambda o: [o["signing"]], "tpi", "staff_a",
        label="not-every-employee"),
    Row("commitment:decree_detail", lambda o: [o["decree"]], "staff_b", None),
    Row("commitment:decree_detail", lambda o: [o["decree"]], "admin", "head_a", method="post",
        data=lambda o: {"unit": o["designated"], "core_business": "on", "reasons": "x"},
        label="only-the-administrator-adds"),
    Row("commitment:decree_edit", lambda o: [o["decree"]], "admin", "head_a"),
    Row("commitment:decree_edit", lambda o: [o["decree"]], "admin", "head_a", method="post",
        data=lambda o: {"number": "3/2025", "decree_date": "2025-02-01", "year": 2025},
        label="post"),
    Row("commitment:decree_file", lambda o: [o["decree"]], "staff_b", None),
    Row("commitment:designated_unit_remove", lambda o: [o["decree"], o["designated"]], "admin",
        "head_a", method="post"),
]  # fmt: skip
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)

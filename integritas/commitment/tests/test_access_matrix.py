"""Who may open and change the commitment pages: the access matrix over the named world."""

from datetime import date

import pytest
from django.urls import reverse

from integritas.commitment.models import Declaration, DesignationDecree
from tests.access import covered

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


ROWS: list = []
COVERED = covered(ROWS, __file__)

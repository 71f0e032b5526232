"""The access matrix over the named world: roles × units → allowed, 404, read-only."""

import pytest
from django.urls import reverse

from integritas.accounts import access
from tests.access import covered

pytestmark = pytest.mark.django_db

USERS = [
    "admin",
    "pimpinan",
    "tpi",
    "tpi_in_a",
    "pendamping",
    "head_a",
    "kerja_a",
    "staff_a",
    "staff_b",
]

# who may read unit A's page / write unit A's records / read unit B / administer
READ_A = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a"}
WRITE_A = {"admin", "head_a", "kerja_a"}
HEAD_A = {"admin", "head_a"}
READ_B = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "staff_b"}
ADMINISTER = {"admin"}
REVIEW_A = {"tpi"}  # a TPI member never reviews the unit he or she works in


@pytest.mark.parametrize("username", USERS)
def test_unit_a_rights_follow_the_matrix(world, username):
    user = world.users[username]
    unit_a = world.unit_a.pk
    assert access.can_read_unit(user, unit_a) is (username in READ_A)
    assert access.can_write_unit(user, unit_a) is (username in WRITE_A)
    assert access.can_head_unit(user, unit_a) is (username in HEAD_A)
    assert access.can_read_unit(user, world.unit_b.pk) is (username in READ_B)
    assert access.can_administer(user) is (username in ADMINISTER)
    assert access.can_review_unit(user, unit_a) is (username in REVIEW_A)


@pytest.mark.parametrize("username", [*USERS, None])
def test_unit_pages_answer_200_or_404(world, client_for, username):
    client = client_for(world.users[username] if username else None)
    response_a = client.get(reverse("organization:unit_detail", args=[world.unit_a.pk]))
    if username is None:
        assert response_a.status_code == 302 and "/akun/masuk/" in response_a["Location"]
        return
    assert response_a.status_code == (200 if username in READ_A else 404)
    response_b = client.get(reverse("organization:unit_detail", args=[world.unit_b.pk]))
    assert response_b.status_code == (200 if username in READ_B else 404)


def test_a_missing_unit_and_a_forbidden_unit_look_the_same(world, client_for):
    client = client_for(world.staff_b)
    forbidden = client.get(reverse("organization:unit_detail", args=[world.unit_a.pk]))
    missing = client.get(reverse("organization:unit_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404


@pytest.mark.parametrize("username", USERS)
def test_only_the_administrator_edits_the_registry_and_reads_the_audit_log(
    world, client_for, username
):
    client = client_for(world.users[username])
    expected = 200 if username in ADMINISTER else 404
    assert (
        client.get(reverse("organization:unit_edit", args=[world.unit_a.pk])).status_code
        == expected
    )
    assert client.get(reverse("organization:import")).status_code == expected
    assert client.get(reverse("portal:audit_log")).status_code == expected


@pytest.mark.parametrize("username", USERS)
def test_the_city_wide_employee_list_is_for_city_roles(world, client_for, username):
    client = client_for(world.users[username])
    response = client.get(reverse("organization:employee_list"))
    assert response.status_code == (
        200 if username in {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping"} else 404
    )
    own = client.get(reverse("organization:employee_list") + f"?unit={world.unit_a.pk}")
    assert own.status_code == (200 if username in READ_A else 404)


def test_pimpinan_reads_but_cannot_post_registry_changes(world, client_for):
    client = client_for(world.pimpinan)
    response = client.post(
        reverse("organization:unit_edit", args=[world.unit_a.pk]), {"name": "Diubah"}
    )
    assert response.status_code == 404
    world.unit_a.refresh_from_db()
    assert world.unit_a.name != "Diubah"


def test_a_head_manages_only_his_own_units_tim_kerja(world, client_for):
    client = client_for(world.head_a)
    assert (
        client.get(reverse("organization:team_create") + f"?unit={world.unit_a.pk}").status_code
        == 200
    )
    assert (
        client.get(reverse("organization:team_create") + f"?unit={world.unit_b.pk}").status_code
        == 404
    )


ROWS: list = []
COVERED = covered(ROWS, __file__)

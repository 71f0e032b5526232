"""The access matrix over the named world: roles × units → allowed, 404, read-only."""

import pytest
from django.urls import reverse

from integritas.accounts import access
from integritas.accounts.models import RoleAssignment
from tests.access import Row, check, covered, ids

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


@pytest.fixture
def objects(world):
    """Staff A's user and role assignment (the user an administrator manages)."""
    return {
        "user": world.staff_a.pk,
        "assignment": RoleAssignment.objects.get(user=world.staff_a).pk,
    }


# One row per URL: the user administration is the administrator's alone, even a unit head is
# refused; the personal pages (sign out, own password) only need a signed-in user.
ROWS = [
    Row("accounts:user_list", allowed="admin", denied="head_a"),
    Row("accounts:user_create", allowed="admin", denied="head_a"),
    Row("accounts:user_create", allowed="admin", denied="head_a", method="post",
        data=lambda o: {"username": "baru", "role": "employee"}, label="post"),
    Row("accounts:employee_options", allowed="admin", denied="head_a"),
    Row("accounts:user_detail", lambda o: [o["user"]], "admin", "head_a"),
    Row("accounts:role_revoke", lambda o: [o["user"], o["assignment"]], "admin", "head_a",
        method="post"),
    Row("accounts:user_toggle", lambda o: [o["user"]], "admin", "head_a", method="post"),
    Row("accounts:user_unlock", lambda o: [o["user"]], "admin", "staff_b", method="post"),
    Row("accounts:user_reset_password", lambda o: [o["user"]], "admin", "head_a", method="post"),
    Row("accounts:password_change", allowed="staff_b", denied=None),
    Row("accounts:password_change", allowed="staff_b", denied=None, method="post",
        data=lambda o: {"old_password": "x", "new_password1": "y", "new_password2": "y"},
        label="post"),
    Row("accounts:logout", allowed="staff_b", denied=None, method="post"),
]  # fmt: skip
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)

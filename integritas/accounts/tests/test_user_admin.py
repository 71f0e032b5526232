import pytest
from django.urls import reverse

from integritas.accounts.models import Role, RoleAssignment, User
from integritas.audit.models import AuditRecord
from integritas.organization.models import Employee
from integritas.organization.testing import make_nip

pytestmark = pytest.mark.django_db


def test_the_administrator_creates_a_user_and_gives_a_unit_role(world, client_for):
    client = client_for(world.admin)
    employee = Employee.objects.create(
        nip=make_nip(serial=501), name="Ruben Tamelan", unit=world.unit_b
    )
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "ruben", "first_name": "Ruben", "last_name": "Tamelan", "email": "", "employee": employee.pk,
         "password": "Sasando-Rote-2025"},
    )  # fmt: skip
    user = User.objects.get(username="ruben")
    assert (
        response.status_code == 302
        and user.employee == employee
        and user.check_password("Sasando-Rote-2025")
    )
    response = client.post(
        reverse("accounts:user_detail", args=[user.pk]),
        {"role": Role.TIM_KERJA, "unit": world.unit_b.pk},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=user, role=Role.TIM_KERJA, unit=world.unit_b).exists()
    assert AuditRecord.objects.filter(action="peran.diberikan").exists()


def test_a_weak_initial_password_is_refused_and_the_form_keeps_what_was_typed(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "lemah", "first_name": "Lemah", "password": "12345678"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="lemah").exists()
    assert 'value="Lemah"' in response.content.decode()


def test_a_city_role_cannot_be_scoped_to_a_unit(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        reverse("accounts:user_detail", args=[world.staff_b.pk]),
        {"role": Role.TPI, "unit": world.unit_b.pk},
    )
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=world.staff_b, role=Role.TPI).exists()


def test_revoking_a_role_removes_access(world, client_for):
    assignment = RoleAssignment.objects.get(user=world.kerja_a)
    client_for(world.admin).post(
        reverse("accounts:role_revoke", args=[world.kerja_a.pk, assignment.pk])
    )
    fresh = User.objects.get(pk=world.kerja_a.pk)
    from integritas.accounts import access

    assert not access.can_write_unit(fresh, world.unit_a.pk)


@pytest.mark.parametrize("username", ["pimpinan", "tpi", "head_a", "staff_b"])
def test_only_the_administrator_manages_users(world, client_for, username):
    client = client_for(world.users[username])
    assert client.get(reverse("accounts:user_list")).status_code == 404
    assert client.post(reverse("accounts:user_toggle", args=[world.staff_a.pk])).status_code == 404

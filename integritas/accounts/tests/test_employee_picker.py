"""The administrator finds the employee for an account by name or NIP, told apart by NIP and unit."""

import pytest
from django.urls import reverse

from integritas.accounts.forms import PICKER_LIMIT
from integritas.accounts.models import User
from integritas.organization.models import Employee
from integritas.organization.testing import make_nip

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesakes(world):
    """Two employees called Maria Ndun in different units, and many others."""
    a = Employee.objects.create(nip=make_nip(serial=701), name="Maria Ndun", unit=world.unit_a)
    b = Employee.objects.create(nip=make_nip(serial=702), name="Maria Ndun", unit=world.unit_b)
    Employee.objects.bulk_create(
        [Employee(nip=make_nip(serial=800 + i), name=f"Pegawai {i:03d}", unit=world.unit_b)
         for i in range(PICKER_LIMIT + 10)]
    )  # fmt: skip
    return a, b


def test_options_show_name_nip_and_unit_and_the_list_is_bounded(world, client_for, namesakes):
    a, b = namesakes
    page = client_for(world.admin).get(reverse("accounts:user_create")).content.decode()
    assert page.count("<option") == PICKER_LIMIT + 1  # plus the empty choice
    assert 'id="employee-search"' in page and "pegawai tanpa akun cocok" in page


def test_a_search_by_name_lists_both_namesakes_apart(world, client_for, namesakes):
    a, b = namesakes
    client = client_for(world.admin)
    page = client.get(reverse("accounts:user_create"), {"cari": "maria"}).content.decode()
    assert f"Maria Ndun · NIP {a.nip} · {world.unit_a.name}" in page
    assert f"Maria Ndun · NIP {b.nip} · {world.unit_b.name}" in page
    assert "Pegawai 001" not in page


def test_the_htmx_search_by_nip_returns_only_the_match(world, client_for, namesakes):
    a, b = namesakes
    response = client_for(world.admin).get(
        reverse("accounts:employee_options"), {"cari": a.nip[-6:]}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert a.nip in body and b.nip not in body and "<html" not in body


def test_an_employee_outside_the_shown_options_can_still_be_chosen(world, client_for, namesakes):
    a, _b = namesakes
    response = client_for(world.admin).post(
        reverse("accounts:user_create") + "?cari=pegawai",
        {"username": "maria", "first_name": "Maria", "last_name": "Ndun", "email": "",
         "employee": a.pk, "password": "Sasando-Rote-2025"},
    )  # fmt: skip
    assert response.status_code == 302
    assert User.objects.get(username="maria").employee == a


def test_after_an_error_the_chosen_employee_stays_chosen(world, client_for, namesakes):
    a, _b = namesakes
    page = (
        client_for(world.admin)
        .post(
            reverse("accounts:user_create") + "?cari=pegawai",
            {"username": "", "first_name": "Maria", "employee": a.pk, "password": "x"},
        )
        .content.decode()
    )
    assert f'value="{a.pk}" selected' in page


@pytest.mark.parametrize("username", ["head_a", "tpi", "staff_a"])
def test_only_the_administrator_searches_employees(world, client_for, username):
    response = client_for(world.users[username]).get(reverse("accounts:employee_options"))
    assert response.status_code == 404

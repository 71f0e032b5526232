"""A password an administrator typed is changed by its owner at first login."""

import pytest
from django.test import Client
from django.urls import reverse

from integritas.accounts.models import User

pytestmark = pytest.mark.django_db

INITIAL = "Sasando-Rote-2025"
OWN = "Tenun-Ikat-Kupang-77"


def _create(client):
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "ruben", "first_name": "Ruben", "last_name": "", "email": "", "password": INITIAL},
    )  # fmt: skip
    assert response.status_code == 302
    return User.objects.get(username="ruben")


def _login(username, password):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client


def test_a_new_account_goes_to_the_change_password_page_until_done(world, client_for):
    user = _create(client_for(world.admin))
    assert user.must_change_password
    client = _login("ruben", INITIAL)
    home = client.get(reverse("portal:home"))
    assert home.status_code == 302 and home["Location"] == reverse("accounts:password_change")
    page = client.get(reverse("accounts:password_change"))
    assert page.status_code == 200 and 'id="must-change"' in page.content.decode()
    htmx = client.get(reverse("portal:home"), HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == reverse("accounts:password_change")
    done = client.post(
        reverse("accounts:password_change"),
        {"old_password": INITIAL, "new_password1": OWN, "new_password2": OWN},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password(OWN)
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_reset_password_must_be_changed_too(world, client_for):
    client_for(world.admin).post(
        reverse("accounts:user_reset_password", args=[world.staff_a.pk]), {"password": INITIAL}
    )
    world.staff_a.refresh_from_db()
    assert world.staff_a.must_change_password
    client = _login("staff_a", INITIAL)
    assert client.get(reverse("organization:unit_list")).status_code == 302
    assert client.post(reverse("accounts:logout")).status_code == 302  # can always leave

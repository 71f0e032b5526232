"""The demo users log straight in (make run): their password is not one to change first."""

from django.test import Client
from django.urls import reverse

from integritas.accounts.models import User


def test_the_demo_users_log_straight_in(db, settings):
    from integritas.portal import demo

    demo.build_organization(employees_per_unit=1)
    assert not User.objects.filter(must_change_password=True).exists()
    client = Client()
    client.post(
        reverse("accounts:login"),
        {"username": "kadis.dukcapil", "password": settings.INTEGRITAS_DEMO_PASSWORD},
    )
    assert client.get(reverse("portal:home")).status_code == 200

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_user_logs_in_with_the_right_password(world, client):
    response = _login(client, "head_a", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200


def test_repeated_failures_lock_this_address_even_for_the_right_password(world, client):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = _login(client, "head_a", "salah-sekali")
        assert response.status_code == 200
    response = _login(client, "head_a", PASSWORD)
    assert response.status_code == 200
    assert "Coba lagi dalam 15 menit" in response.content.decode()
    assert "_auth_user_id" not in client.session
    world.head_a.refresh_from_db()
    assert world.head_a.locked_until is not None
    from integritas.audit.models import AuditRecord

    assert AuditRecord.objects.filter(action="akun.dikunci").exists()


def test_a_wrong_password_says_so_in_indonesian(world, client):
    response = _login(client, "head_a", "salah")
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_pages_need_a_login_but_the_public_page_does_not(client, db):
    assert client.get(reverse("portal:home")).status_code == 302
    assert client.get(reverse("portal:public_home")).status_code == 200


def test_logout_needs_a_post_with_csrf(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.head_a)
    assert client.post(reverse("accounts:logout")).status_code == 403


def test_a_user_changes_the_password_under_the_validators(world, client_for):
    client = client_for(world.head_a)
    url = reverse("accounts:password_change")
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200
    strong = "Kupang-Lebih-Bersih-2026"
    ok = client.post(
        url, {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong}
    )
    assert ok.status_code == 302
    world.head_a.refresh_from_db()
    assert world.head_a.check_password(strong)


def test_django_messages_stay_indonesian_whatever_the_browser_asks(world, client):
    response = client.post(
        reverse("accounts:login"), {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en-US,en"
    )
    assert "Bidang ini tidak boleh kosong" in response.content.decode()

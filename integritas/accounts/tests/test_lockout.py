"""Login locks per account and client address, on every login path; bounded input."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, clear_url_caches, resolve, reverse
from django.urls.exceptions import Resolver404

from conftest import PASSWORD
from integritas.accounts.models import LoginThrottle, User
from integritas.audit.models import AuditRecord

pytestmark = pytest.mark.django_db

ATTACKER, OWNER, ELSEWHERE = "203.0.113.66", "198.51.100.10", "192.0.2.77"
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _client(address):
    return Client(REMOTE_ADDR=address)


def _login(client, username, password, url=None):
    return client.post(
        url or reverse("accounts:login"), {"username": username, "password": password}
    )


def _logged_in(client):
    return "_auth_user_id" in client.session


def _hammer(client, username="head_a", times=None):
    for _ in range(times or settings.LOGIN_FAILURE_LIMIT):
        assert _login(client, username, "tebakan-salah").status_code == 200


@time_machine.travel(T0, tick=False)
def test_the_attackers_address_is_locked_and_the_owners_still_logs_in(world):
    owner = _client(OWNER)
    assert _login(owner, "head_a", PASSWORD).status_code == 302  # a known address of head_a
    owner.post(reverse("accounts:logout"))
    attacker = _client(ATTACKER)
    _hammer(attacker)
    refused = _login(attacker, "head_a", PASSWORD)
    assert refused.status_code == 200 and not _logged_in(attacker)
    assert "Coba lagi dalam 15 menit." in refused.content.decode()
    owner = _client(OWNER)
    assert _login(owner, "head_a", PASSWORD).status_code == 302
    assert _logged_in(owner)


@time_machine.travel(T0, tick=False)
def test_other_addresses_are_slowed_down_not_locked(world):
    _hammer(_client(ATTACKER))
    stranger = _client(ELSEWHERE)  # never logged into head_a: must wait a little
    slowed = _login(stranger, "head_a", PASSWORD)
    assert "Tunggu 2 detik" in slowed.content.decode() and not _logged_in(stranger)
    with time_machine.travel(T0 + timedelta(seconds=3), tick=False):
        assert _login(_client(ELSEWHERE), "head_a", PASSWORD).status_code == 302


@time_machine.travel(T0, tick=False)
def test_the_account_wait_grows_and_is_capped(world, settings):
    settings.LOGIN_SLOWDOWN_MAX_SECONDS = 10
    now = T0
    for address in [f"10.0.0.{i}" for i in range(1, 9)]:
        with time_machine.travel(now, tick=False):
            _login(_client(address), "head_a", "salah")
        now += timedelta(seconds=61)
    row = LoginThrottle.objects.get(username="head_a", address=LoginThrottle.ACCOUNT)
    assert row.failures == 8
    assert (row.blocked_until - row.last_failure_at).total_seconds() == 10
    assert (
        not LoginThrottle.objects.filter(username="head_a", blocked_until__gt=now)
        .exclude(address=LoginThrottle.ACCOUNT)
        .exists()
    )  # no single address was locked


def test_the_lock_expires_after_the_announced_minutes(world):
    attacker = _client(ATTACKER)
    with time_machine.travel(T0, tick=False):
        _hammer(attacker)
        assert not _logged_in(attacker)
    with time_machine.travel(T0 + timedelta(minutes=14, seconds=1), tick=False):
        response = _login(attacker, "head_a", PASSWORD)
        assert "Coba lagi dalam 1 menit." in response.content.decode()
        assert not _logged_in(attacker)
    with time_machine.travel(T0 + timedelta(minutes=15, seconds=1), tick=False):
        assert _login(attacker, "head_a", PASSWORD).status_code == 302


@time_machine.travel(T0, tick=False)
def test_the_administrator_unlocks_every_address(world, client_for):
    attacker = _client(ATTACKER)
    _hammer(attacker)
    world.head_a.refresh_from_db()
    assert world.head_a.locked_until == T0 + timedelta(minutes=15)
    admin = client_for(world.admin)
    assert (
        "Buka kunci"
        in admin.get(reverse("accounts:user_detail", args=[world.head_a.pk])).content.decode()
    )
    admin.post(reverse("accounts:user_unlock", args=[world.head_a.pk]))
    world.head_a.refresh_from_db()
    assert world.head_a.locked_until is None
    assert _login(attacker, "head_a", PASSWORD).status_code == 302
    unlock = AuditRecord.objects.get(action="akun.dibuka")
    assert unlock.actor == world.admin


def test_unlocking_is_for_administrators_only(world, client_for):
    with time_machine.travel(T0, tick=False):
        _hammer(_client(ATTACKER))
    before = list(LoginThrottle.objects.values_list("address", "blocked_until"))
    response = client_for(world.head_a).post(
        reverse("accounts:user_unlock", args=[world.head_a.pk])
    )
    assert response.status_code in (403, 404)
    assert list(LoginThrottle.objects.values_list("address", "blocked_until")) == before


@time_machine.travel(T0, tick=False)
def test_an_unknown_name_is_locked_like_a_real_one(db):
    attacker = _client(ATTACKER)
    _hammer(attacker, username="tidak_ada")
    assert "Coba lagi dalam 15 menit." in _login(attacker, "tidak_ada", "x").content.decode()


@pytest.mark.parametrize("path", ["app", "admin"])
def test_a_100000_character_username_is_refused_cleanly(world, path, debug_urls):
    url = reverse("accounts:login") if path == "app" else "/django-admin/login/"
    client = _client(ATTACKER)
    response = _login(client, "a" * 100_000, PASSWORD, url=url)
    assert response.status_code == 200
    assert "paling banyak 150 karakter" in response.content.decode()
    assert not LoginThrottle.objects.exists()
    long_password = _login(client, "head_a", "p" * 100_000, url=url)
    assert long_password.status_code == 200 and not _logged_in(client)


@pytest.fixture
def debug_urls(settings):
    """The URLs as a development machine (DEBUG on) serves them."""
    # The root URLconf gathers every app; named by the setting so that accounts stays below them.
    root = importlib.import_module(settings.ROOT_URLCONF)

    settings.DEBUG = True
    importlib.reload(root)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(root)
    clear_url_caches()


def test_production_serves_no_django_admin(db):
    assert not settings.DEBUG
    with pytest.raises(Resolver404):
        resolve("/django-admin/login/")
    with pytest.raises(NoReverseMatch):
        reverse("admin:login")
    assert _client(ATTACKER).get("/django-admin/login/").status_code in (302, 404)


@time_machine.travel(T0, tick=False)
def test_the_django_admin_login_counts_failures_and_honours_the_lock(world, debug_urls):
    User.objects.filter(pk=world.admin.pk).update(is_staff=True, is_superuser=True)
    url = "/django-admin/login/"
    attacker = _client(ATTACKER)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _login(attacker, "admin", "salah", url=url)
    response = _login(attacker, "admin", PASSWORD, url=url)
    assert response.status_code == 200 and not _logged_in(attacker)
    assert "Coba lagi dalam 15 menit." in response.content.decode()
    locked_in_app = _login(attacker, "admin", PASSWORD)  # the same lock on the app's own page
    assert not _logged_in(attacker) and "15 menit" in locked_in_app.content.decode()
    with time_machine.travel(T0 + timedelta(seconds=3), tick=False):  # after the account's wait
        owner = _client(OWNER)
        assert _login(owner, "admin", PASSWORD, url=url).status_code == 302
        assert _logged_in(owner)


@time_machine.travel(T0, tick=False)
def test_auth_events_are_audited_without_the_password(world, client_for):
    client = _client(OWNER)
    _login(client, "Head_A" + "x" * 200, "rahasia-yang-salah")  # too long: refused, not counted
    _login(client, "head_a", "rahasia-yang-salah")
    _login(client, "head_a", PASSWORD)
    strong = "Kupang-Lebih-Bersih-2026"
    client.post(reverse("accounts:password_change"),
                {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong})  # fmt: skip
    client.post(reverse("accounts:logout"))
    _hammer(_client(ATTACKER))
    actions = list(AuditRecord.objects.order_by("id").values_list("action", flat=True))
    assert actions[:4] == ["masuk.gagal", "masuk", "pengguna.sandi_diganti", "keluar"]
    assert "akun.dikunci" in actions
    failed = AuditRecord.objects.filter(action="masuk.gagal").order_by("id").first()
    assert failed.object_repr == "head_a" and failed.actor is None
    assert failed.changes == {"username": "head_a", "address": OWNER}
    lock = AuditRecord.objects.get(action="akun.dikunci")
    assert lock.changes["address"] == ATTACKER and lock.object_id == str(world.head_a.pk)
    every_value = str(list(AuditRecord.objects.values_list("changes", "object_repr")))
    assert "rahasia-yang-salah" not in every_value and "tebakan-salah" not in every_value
    assert strong not in every_value


@time_machine.travel(T0, tick=False)
def test_a_failed_username_is_truncated_in_the_audit(db, monkeypatch):
    from integritas.accounts import lockout

    lockout.login_failed(username="u" * 400, address=ATTACKER)
    failed = AuditRecord.objects.get(action="masuk.gagal")
    assert len(failed.object_repr) == 150 and len(failed.changes["username"]) == 150


def test_guessing_from_many_addresses_never_locks_the_owner_out(world):
    """The Wali Kota's account under a spread attack that renews itself for an hour."""
    home = _client(OWNER)
    with time_machine.travel(T0, tick=False):
        assert _login(home, "pimpinan", PASSWORD).status_code == 302
    moment = T0
    for minute in range(0, 60, 5):
        moment = T0 + timedelta(minutes=minute)
        with time_machine.travel(moment, tick=False):
            for i in range(20):
                _login(_client(f"10.9.{minute}.{i}"), "pimpinan", "tebakan")
            owner = _client(OWNER)
            assert _login(owner, "pimpinan", PASSWORD).status_code == 302, minute
            assert _logged_in(owner)
    guesses = AuditRecord.objects.filter(action="masuk.gagal").count()
    assert guesses <= 12 * settings.LOGIN_FAILURE_LIMIT  # the wait refused the rest unchecked

"""Counter kiosk: a staff-unlocked tablet takes one respondent after another."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.surveys import kiosk, services
from integritas.surveys.models import Kiosk, Response
from integritas.surveys.public_views import KIOSK_COOKIE
from integritas.surveys.tests.conftest import make_wave, post_data

pytestmark = pytest.mark.django_db

START = datetime(2025, 8, 4, 9, 0, tzinfo=UTC)
TABLET = "198.51.100.4"


def form_url(wave):
    return reverse("survey_public:form", args=[wave.token])


def unlock(world, wave, *, user=None, limit=30):
    """Staff logs in on the tablet and unlocks it; return the tablet's (now anonymous) client."""
    tablet = Client(REMOTE_ADDR=TABLET)
    tablet.force_login(user or world.kerja_a)
    response = tablet.post(
        reverse("surveys:kiosk_unlock", args=[wave.pk]),
        {"label": "Loket 2", "per_hour_limit": limit},
    )
    assert response.status_code == 302 and response["Location"] == wave.public_path()
    return tablet


def respond(tablet, wave, clock, values, seconds=40):
    page = tablet.get(form_url(wave))
    assert page.status_code == 200
    key = page.context["form"]["formulir"].value()
    clock.shift(timedelta(seconds=seconds))
    return tablet.post(
        form_url(wave),
        post_data(wave, values, form_key=key, service=wave.services.first().pk),
    )


def test_a_kiosk_takes_five_respondents_in_a_row_from_one_address(world, client_for):
    wave = make_wave(world, access_mode="link")
    with time_machine.travel(START, tick=False) as clock:
        tablet = unlock(world, wave)
        # Signed out on the tablet: a respondent cannot reach the staff pages.
        staff_page = tablet.get(reverse("surveys:wave_detail", args=[wave.pk]))
        assert staff_page.status_code == 302 and "/akun/masuk/" in staff_page["Location"]
        assert tablet.cookies[KIOSK_COOKIE]["path"] == wave.public_path()
        for i in range(5):
            sent = respond(tablet, wave, clock, 4 if i % 2 else 3)
            assert sent.status_code == 302, sent.content[:300]
            thanks = tablet.get(sent["Location"]).content.decode()
            assert "Responden berikutnya" in thanks and 'http-equiv="refresh"' in thanks
            clock.shift(timedelta(seconds=60))
    stored = list(Response.objects.order_by("id"))
    assert len(stored) == 5
    assert {r.status for r in stored} == {Response.Status.ACCEPTED}
    assert {r.kiosk.label for r in stored} == {"Loket 2"}
    assert len({r.ip_hash for r in stored}) == 1  # one address, no hold
    results = client_for(world.kerja_a).get(reverse("surveys:results", args=[wave.pk]))
    body = results.content.decode()
    assert "Loket 2" in body and "masih terbuka" in body
    assert AuditRecord.objects.filter(action="survei.kios_dibuka").count() == 1


def test_without_a_kiosk_the_same_browser_is_stopped_and_the_address_held(world):
    wave = make_wave(world, access_mode="link")
    phone = Client(REMOTE_ADDR=TABLET)
    with time_machine.travel(START, tick=False) as clock:
        assert respond(phone, wave, clock, 3).status_code == 302
        assert respond(phone, wave, clock, 4).status_code == 409  # one per browser
    assert Response.objects.count() == 1


def test_a_kiosk_has_its_own_hourly_ceiling(world):
    wave = make_wave(world, access_mode="link")
    with time_machine.travel(START, tick=False) as clock:
        tablet = unlock(world, wave, limit=3)
        for i in range(4):
            assert respond(tablet, wave, clock, [1 + i % 4] * 9).status_code == 302
    statuses = list(Response.objects.order_by("id").values_list("status", flat=True))
    assert statuses == ["accepted"] * 3 + ["held"]
    held = Response.objects.order_by("id").last()
    assert held.review_reasons == [Response.Reason.KIOSK]
    assert (
        "jawaban ke-4 dari kios ini dalam 60 menit; batas kios: 3 jawaban"
        in (held.hold_explanations()[0])
    )


def test_a_locked_kiosk_is_an_ordinary_browser_again(world, client_for):
    wave = make_wave(world, access_mode="link")
    with time_machine.travel(START, tick=False) as clock:
        tablet = unlock(world, wave)
        assert respond(tablet, wave, clock, 3).status_code == 302
        found = Kiosk.objects.get()
        staff = client_for(world.kerja_a)
        assert (
            staff.post(reverse("surveys:kiosk_lock", args=[wave.pk, found.pk])).status_code == 302
        )
        # From now on one answer per browser, like any phone, and not counted as the kiosk's.
        assert respond(tablet, wave, clock, 4).status_code == 302
        assert respond(tablet, wave, clock, 2).status_code == 409
    found.refresh_from_db()
    assert found.locked_by == world.kerja_a and not found.is_unlocked
    assert list(Response.objects.order_by("id").values_list("kiosk", flat=True)) == [found.pk, None]


def test_only_the_unit_writers_unlock_or_lock_a_kiosk(world, client_for):
    wave = make_wave(world, access_mode="link")
    url = reverse("surveys:kiosk_unlock", args=[wave.pk])
    for user in (world.staff_a, world.tpi, world.pimpinan, world.staff_b):
        client = client_for(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"label": "X", "per_hour_limit": 5}).status_code == 404
    assert not Kiosk.objects.exists()
    found, _raw = kiosk.kiosk_unlock(wave=wave, label="Loket 1", by=world.kerja_a)
    lock = reverse("surveys:kiosk_lock", args=[wave.pk, found.pk])
    assert client_for(world.staff_a).post(lock).status_code == 404
    found.refresh_from_db()
    assert found.is_unlocked


def test_a_made_up_kiosk_cookie_changes_nothing(world):
    wave = make_wave(world, access_mode="link")
    other = make_wave(world, access_mode="link", period_number=4)
    _found, raw = kiosk.kiosk_unlock(wave=other, label="Loket lain", by=world.kerja_a)
    phone = Client(REMOTE_ADDR=TABLET)
    for value in ("bukan-kunci", raw, "x" * 5000):
        phone.cookies[KIOSK_COOKIE] = value
        assert kiosk.kiosk_for_key(wave, value) is None
    with time_machine.travel(START, tick=False) as clock:
        assert respond(phone, wave, clock, 3).status_code == 302
        assert respond(phone, wave, clock, 4).status_code == 409
    assert Response.objects.filter(kiosk__isnull=False).count() == 0


def test_a_code_wave_kiosk_still_asks_a_code_per_respondent(world):
    wave = make_wave(world, kind="spak", access_mode="code")
    batch = services.codes_issue(
        wave=wave, service=wave.services.get(), count=6, validity_days=7, by=world.kerja_a
    )
    codes = list(batch.codes.order_by("id"))
    with time_machine.travel(START, tick=False) as clock:
        tablet = unlock(world, wave)
        assert tablet.get(form_url(wave)).status_code == 200  # the code entry page
        for code in codes[:5]:
            page = tablet.get(form_url(wave), {"kode": code.code})
            key = page.context["form"]["formulir"].value()
            clock.shift(timedelta(seconds=30))
            sent = tablet.post(form_url(wave), post_data(wave, 3, form_key=key, kode=code.code))
            assert sent.status_code == 302
            clock.shift(timedelta(seconds=60))
    assert Response.objects.filter(status="accepted", kiosk__isnull=False).count() == 5


def test_a_kiosk_at_one_service_counter_preselects_that_service(world):
    wave = make_wave(world, access_mode="link", services_spec=(("KTP-el", 100), ("Akta", 50)))
    akta = wave.services.get(name="Akta")
    tablet = Client(REMOTE_ADDR=TABLET)
    tablet.force_login(world.kerja_a)
    url = reverse("surveys:kiosk_unlock", args=[wave.pk])
    other = make_wave(world, access_mode="link", period_number=4)
    refused = tablet.post(
        url, {"label": "Loket Akta", "per_hour_limit": 30, "service": other.services.get().pk}
    )
    assert refused.status_code == 200 and not Kiosk.objects.exists()
    tablet.post(url, {"label": "Loket Akta", "per_hour_limit": 30, "service": akta.pk})
    assert Kiosk.objects.get().service == akta
    page = tablet.get(form_url(wave))
    assert page.context["form"]["service"].value() == akta.pk
    assert "Kios Loket Akta" in page.content.decode()

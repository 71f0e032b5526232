"""Survey journeys: a phone answers through the QR link; a reused code is refused; staff review."""

import re

import pytest

from integritas.surveys import services
from integritas.surveys.models import Response, SurveyWave, WaveService

pytestmark = pytest.mark.django_db(transaction=True)


def _wave(world, *, kind, access_mode, names=("Perekaman KTP-el", "Akta Kelahiran")):
    wave = services.wave_create(
        unit=world.unit_a, kind=kind, period_type="quarter", year=2025, period_number=3,
        access_mode=access_mode, by=world.kerja_a,
    )  # fmt: skip
    for name in names:
        services.service_save(
            service=WaveService(wave=wave, name=name, population=120), by=world.kerja_a
        )
    return services.wave_open(wave=wave, by=world.kerja_a)


def _answer_everything(page, wave, values):
    for code, value in zip(wave.item_codes, values, strict=True):
        page.locator(f"#q-{code} label.answer-option").nth(value - 1).click()


def test_a_phone_opens_the_qr_link_answers_and_sees_thank_you(world, phone_page, live_server, shot):
    wave = _wave(world, kind=SurveyWave.Kind.SKM, access_mode=SurveyWave.AccessMode.OPEN)
    service = wave.services.get(name="Akta Kelahiran")
    page = phone_page
    page.goto(f"{live_server.url}/s/{wave.token}/?l={service.pk}")
    page.wait_for_selector("h1:has-text('Survei Kepuasan Masyarakat')")
    assert page.locator("#id_service").input_value() == str(service.pk)
    trap = page.locator("input[name=kontak_faks]").bounding_box()
    assert trap["x"] + trap["width"] <= 0  # the honeypot sits off-screen: people never see it
    shot(page, "survey-01-phone-form")

    # sending with an unanswered question keeps what was chosen and marks what is missing
    _answer_everything(page, wave, [4, 3, 3, 4, 3, 4, 4, 2, 3])
    page.locator("#q-U9 input[type=radio]").nth(2).evaluate("el => el.checked = false")
    page.click("button:has-text('Kirim jawaban')")
    page.wait_for_selector("text=Masih ada pertanyaan yang belum dijawab")
    assert page.locator("#q-U1 input[value='4']").is_checked()
    shot(page, "survey-02-phone-missing-answer")

    page.locator("#q-U9 label.answer-option").nth(2).click()
    page.select_option("#id_p_jenis_kelamin", "P")
    page.select_option("#id_p_usia", "30-39")
    page.click("button:has-text('Kirim jawaban')")
    page.wait_for_selector("#thanks")
    assert re.search(r"/s/\w+/terima-kasih/$", page.url)
    shot(page, "survey-03-phone-thank-you")

    stored = Response.objects.get()
    assert stored.service == service and stored.gender == "P"
    assert stored.answer_pattern == "433434423"
    # answered within seconds by a robot-fast browser: stored, but held for a human to review
    assert stored.status == Response.Status.HELD and stored.review_reasons == ["fast"]

    # the same phone cannot answer the open link twice (the weak control, stated to staff)
    page.goto(f"{live_server.url}/s/{wave.token}/")
    _answer_everything(page, wave, [3] * 9)
    page.select_option("#id_service", str(service.pk))
    page.click("button:has-text('Kirim jawaban')")
    page.wait_for_selector("#already")
    shot(page, "survey-04-phone-already-answered")
    assert Response.objects.count() == 1


def test_code_mode_refuses_a_reused_code_and_admits_a_fresh_one(
    world, phone_page, live_server, shot
):
    wave = _wave(
        world, kind=SurveyWave.Kind.SPAK, access_mode=SurveyWave.AccessMode.CODE, names=("Loket 1",)
    )
    batch = services.codes_issue(
        wave=wave, service=wave.services.get(), count=2, validity_days=7, by=world.kerja_a
    )
    used, fresh = batch.codes.order_by("id")
    services.response_submit_public(
        wave=wave, service=None, answers=dict.fromkeys(wave.item_codes, 4), profile={},
        idempotency_key="earlier", code=used.code, duration=120,
    )  # fmt: skip
    page = phone_page
    page.goto(f"{live_server.url}/s/{wave.token}/")
    page.wait_for_selector("text=Masukkan kode survei")
    shot(page, "survey-05-phone-code-entry")
    page.fill("#id_kode", used.display.lower())
    page.click("button:has-text('Lanjut')")
    error = page.wait_for_selector("#code-error")
    assert "sudah dipakai" in error.inner_text()
    shot(page, "survey-06-phone-code-reused")

    page.fill("#id_kode", fresh.display)
    page.click("button:has-text('Lanjut')")
    page.wait_for_selector("text=Tidak ada pungutan liar")
    _answer_everything(page, wave, [4, 4, 3, 4, 4])
    shot(page, "survey-07-phone-code-form")
    page.click("button:has-text('Kirim jawaban')")
    page.wait_for_selector("#thanks")
    fresh.refresh_from_db()
    assert fresh.used_at is not None and Response.objects.filter(wave=wave).count() == 2


def test_staff_review_a_held_response_and_read_the_results(world, page, login, live_server, shot):
    wave = _wave(world, kind=SurveyWave.Kind.SKM, access_mode=SurveyWave.AccessMode.OPEN)
    service = wave.services.first()
    for i, values in enumerate(
        [[4, 3, 3, 4, 3, 4, 4, 2, 3], [3, 3, 4, 4, 3, 3, 4, 3, 3], [4, 4, 4, 4, 4, 4, 4, 3, 4]]
    ):
        services.response_submit_public(
            wave=wave, service=service, answers=dict(zip(wave.item_codes, values, strict=True)),
            profile={"jenis_kelamin": "L"}, idempotency_key=f"k{i}", ip=f"10.0.0.{i}",
            duration=2 if i == 2 else 200,
        )  # fmt: skip
    login(page, "kerja_a")
    page.goto(f"{live_server.url}/survei/{wave.pk}/")
    page.wait_for_selector("#services")
    shot(page, "survey-08-staff-wave")
    page.click("a:has-text('Tinjau')")
    page.wait_for_selector("#review-table")
    shot(page, "survey-09-staff-review-queue")
    page.check("input[name=responses]")
    page.click("button:has-text('Terima yang dipilih')")
    page.wait_for_selector("text=1 jawaban diterima")
    assert Response.objects.filter(status="accepted").count() == 3
    page.goto(f"{live_server.url}/survei/{wave.pk}/hasil/")
    page.wait_for_selector("#items-chart svg")
    assert page.locator("#index-value").inner_text() == "87,96"  # (30 + 30 + 35) / 27 × 25
    shot(page, "survey-10-staff-results")

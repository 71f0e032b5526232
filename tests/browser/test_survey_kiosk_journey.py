"""Counter kiosk journey: staff unlocks a tablet, respondents answer one after another."""

import pytest

from integritas.surveys import services
from integritas.surveys.models import Kiosk, Response, SurveyWave, WaveService

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_unlocks_a_tablet_and_three_people_answer_in_a_row(
    world, page, login, live_server, shot
):
    wave = services.wave_create(
        unit=world.unit_a, kind=SurveyWave.Kind.SKM, period_type="quarter", year=2025,
        period_number=3, access_mode=SurveyWave.AccessMode.OPEN, by=world.kerja_a,
    )  # fmt: skip
    services.service_save(
        service=WaveService(wave=wave, name="Perekaman KTP-el", population=120), by=world.kerja_a
    )
    wave = services.wave_open(wave=wave, by=world.kerja_a)
    login(page, "kerja_a")
    page.goto(f"{live_server.url}/survei/{wave.pk}/")
    page.click("a:has-text('Buka kios loket')")
    page.fill("#id_label", "Loket 3")
    shot(page, "survey-11-staff-unlock-kiosk")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("#kiosk-badge")
    for person in range(3):
        page.wait_for_selector("h1:has-text('Survei Kepuasan Masyarakat')")
        page.select_option("#id_service", label="Perekaman KTP-el")
        for code in wave.item_codes:
            page.locator(f"#q-{code} label.answer-option").nth(2 + person % 2).click()
        page.click("button:has-text('Kirim jawaban')")
        page.wait_for_selector("#next-respondent")
        if person == 0:
            shot(page, "survey-12-kiosk-next-respondent")
        page.click("#next-respondent")
    assert Response.objects.filter(kiosk__label="Loket 3").count() == 3
    # the tablet is signed out: the staff pages ask for a login
    page.goto(f"{live_server.url}/survei/{wave.pk}/")
    assert "/akun/masuk/" in page.url
    login(page, "kerja_a")
    page.goto(f"{live_server.url}/survei/{wave.pk}/hasil/")
    page.wait_for_selector("#oversight-kiosks")
    shot(page, "survey-13-results-kiosk-and-banner")
    assert "Loket 3" in page.locator("#oversight-kiosks").inner_text()
    assert "Baru" in page.locator("#not-representative").inner_text()
    page.goto(f"{live_server.url}/survei/{wave.pk}/")
    page.click("#kiosks button:has-text('Kunci')")
    page.wait_for_selector("text=Kios Loket 3 dikunci")
    assert not Kiosk.objects.get().is_unlocked

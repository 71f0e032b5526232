"""Complaint journey: a citizen files anonymously on a phone with a photo and keeps the code;
the TPI identifies and asks the unit; the unit answers; the TPI resolves; the citizen reads the
answer with the code and replies. The phone never receives a cookie."""

import io
import re

import pytest
from PIL import Image

from integritas.complaints.models import Complaint, Message
from integritas.complaints.tests.factories import designate

pytestmark = pytest.mark.django_db(transaction=True)


def _photo(tmp_path):
    image = Image.new("RGB", (320, 240), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "KameraPelapor"
    exif[0x8825] = {1: "S", 2: (10.0, 10.0, 0.0), 3: "E", 4: (123.0, 35.0, 0.0)}
    path = tmp_path / "IMG_loket_2.jpg"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    path.write_bytes(out.getvalue())
    return path


def test_a_citizen_files_anonymously_and_the_tpi_resolves_it(
    world, phone_page, page, live_server, shot, login, tmp_path
):
    designate(world.unit_a)
    phone = phone_page
    phone.goto(f"{live_server.url}/pengaduan/")
    phone.wait_for_selector("#anonymity-note")
    phone.fill("#unit-search", "kependudukan")
    phone.select_option("#id_unit", str(world.unit_a.pk))
    phone.fill("#id_service", "KTP-el")
    phone.fill("#id_what", "Petugas loket 2 meminta Rp50.000 agar KTP cepat jadi.")
    phone.fill("#id_happened_where", "Kantor Dukcapil, loket 2")
    phone.set_input_files("#id_berkas", str(_photo(tmp_path)))
    shot(phone, "complaint-01-phone-intake")
    phone.click("button:has-text('Kirim pengaduan')")
    phone.wait_for_selector("#receipt-code")
    code = phone.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}", code)
    shot(phone, "complaint-02-phone-receipt")
    assert phone.context.cookies() == []

    complaint = Complaint.objects.get()
    assert complaint.route == Complaint.Route.TPI and complaint.reporter_name == ""
    with complaint.attachments.get().file.open("rb") as handle:
        assert b"KameraPelapor" not in handle.read()

    # the TPI classifies, identifies and asks the unit for clarification
    login(page, "tpi")
    page.goto(f"{live_server.url}/pengaduan/kelola/{complaint.pk}/")
    page.select_option("#id_kind", "solicitation")
    page.select_option("#id_severity", "normative")
    page.click("button:has-text('Simpan klasifikasi')")
    page.wait_for_selector("text=Klasifikasi tersimpan")
    page.fill("#step-form textarea", "Dugaan pungli pada loket 2; bukti foto terlampir.")
    page.click("#step-form button")
    page.wait_for_selector("#case-status:has-text('Identifikasi')")
    page.fill("#step-form textarea", "Mohon penjelasan kepala dinas atas kejadian di loket 2.")
    page.click("#step-form button")
    page.wait_for_selector("#case-status:has-text('Klarifikasi')")
    shot(page, "complaint-03-tpi-asks-unit")

    # the unit head answers, without seeing who complained
    page.context.clear_cookies()
    login(page, "head_a")
    page.goto(f"{live_server.url}/pengaduan/kelola/{complaint.pk}/")
    assert "disembunyikan" in page.locator("#identity").inner_text()
    page.fill(
        "#unit-answer-form textarea", "Petugas telah diperiksa dan dipindahkan; uang dikembalikan."
    )
    page.click("#unit-answer-form button")
    page.wait_for_selector("text=Jawaban unit tercatat")
    shot(page, "complaint-04-unit-answers")

    # the TPI monitors and resolves with an answer to the complainant
    page.context.clear_cookies()
    login(page, "tpi")
    page.goto(f"{live_server.url}/pengaduan/kelola/{complaint.pk}/")
    page.fill("#step-form textarea", "Pantau loket 2 selama dua minggu.")
    page.click("#step-form button")
    page.wait_for_selector("#case-status:has-text('Pemantauan')")
    page.select_option("#close-form select", "resolved")
    page.fill(
        "#close-form textarea", "Terima kasih. Petugas telah ditindak dan uang Anda dikembalikan."
    )
    page.click("#close-form button")
    page.wait_for_selector("#case-status:has-text('Selesai')")
    shot(page, "complaint-05-tpi-resolves")
    page.goto(f"{live_server.url}/pengaduan/kelola/angka/")
    page.wait_for_selector("text=R5.ii.a")
    shot(page, "complaint-05b-figures")

    # the citizen reads the answer with the code and replies
    phone.goto(f"{live_server.url}/pengaduan/lacak/")
    phone.fill("#id_kode", "7KQ2-M9XD-4TPA-W3HC")
    phone.click("button:has-text('Buka')")
    phone.wait_for_selector("#not-found")
    shot(phone, "complaint-06-phone-wrong-code")
    phone.fill("#id_kode", code.lower().replace("-", " "))
    phone.click("button:has-text('Buka')")
    phone.wait_for_selector("#case-status:has-text('Selesai')")
    assert "uang Anda dikembalikan" in phone.content()
    assert "Pantau loket 2" not in phone.content()  # internal notes stay internal
    phone.fill("#id_body", "Terima kasih, uang sudah saya terima.")
    phone.click("button:has-text('Kirim balasan')")
    phone.wait_for_selector("#notice")
    shot(phone, "complaint-07-phone-reply")
    assert phone.context.cookies() == []
    assert Message.objects.filter(direction=Message.Direction.FROM_COMPLAINANT).count() == 1

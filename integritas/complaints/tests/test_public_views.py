"""The public pages: intake, receipt, tracking; no cookie, nothing about the sender kept."""

import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from integritas.complaints import public_views, services, workflow
from integritas.complaints.models import Attachment, Complaint, Kind, Message, Severity
from integritas.complaints.tests.factories import disguised, file_public, jpeg_with_gps, pdf

pytestmark = pytest.mark.django_db
INTAKE = reverse("complaints_public:intake")
TRACK = reverse("complaints_public:track")
ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 14; Pelapor-HP-Unik)"


def _client():
    return Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)


def _post_intake(client, unit, **extra):
    data = {"unit": unit.pk, "what": "Antrean dijual calo di loket KTP.", "service": "KTP-el",
            "formulir": public_views.form_key(), **extra}  # fmt: skip
    return client.post(INTAKE, data)


def _code(response) -> str:
    return re.search(r'id="receipt-code"[^>]*>\s*([A-Z0-9-]+)', response.content.decode()).group(1)


def test_the_intake_page_sets_no_cookie_and_explains_anonymity(world):
    client = _client()
    response = client.get(INTAKE)
    assert response.status_code == 200
    assert "Anda tidak perlu menyebutkan nama" in response.content.decode()
    assert response.cookies == {} and "Set-Cookie" not in response.headers
    assert "no-store" in response["Cache-Control"]


def test_filing_shows_the_code_once_sets_no_cookie_and_keeps_no_address(world):
    client = _client()
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        response = _post_intake(client, world.unit_a, berkas=[jpeg_with_gps()])
    assert response.status_code == 200
    code = _code(response)
    assert "hanya ditampilkan sekali" in response.content.decode()
    assert response.cookies == {}
    complaint = Complaint.objects.get()
    assert complaint.attachments.count() == 1
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(str(v) for v in row)
                assert ADDRESS not in text and "Pelapor-HP-Unik" not in text, table
    assert services.find_by_receipt(code) == complaint


def test_an_empty_form_gets_indonesian_messages_and_writes_nothing(world):
    response = _client().post(INTAKE, {"formulir": public_views.form_key()})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ceritakan apa yang terjadi." in body and "Pilih unit yang diadukan." in body
    assert Complaint.objects.count() == 0


def test_a_disguised_file_is_refused_keeping_what_was_typed(world):
    response = _post_intake(_client(), world.unit_a, berkas=[disguised()])
    assert response.status_code == 400
    body = response.content.decode()
    assert "Jenis berkas tidak diterima" in body and "Antrean dijual calo" in body
    assert Complaint.objects.count() == 0 and Attachment.objects.count() == 0


def test_a_forged_or_missing_form_token_writes_nothing(world):
    response = _post_intake(_client(), world.unit_a, formulir="palsu")
    assert response.status_code == 400
    assert "kedaluwarsa atau tidak sah" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_replayed_form_writes_nothing(world):
    client = _client()
    token = public_views.form_key()
    assert _post_intake(client, world.unit_a, formulir=token).status_code == 200
    replay = _post_intake(client, world.unit_a, formulir=token)
    assert replay.status_code == 409 and "sudah terkirim" in replay.content.decode()
    assert Complaint.objects.count() == 1


def test_a_wrong_code_gets_the_same_page_as_a_malformed_one(world):
    file_public(world.unit_a)
    client = _client()
    wrong = client.post(TRACK, {"kode": "7KQ2-M9XD-4TPA-W3HC", "aksi": "buka"})
    junk = client.post(TRACK, {"kode": "x", "aksi": "buka"})
    empty = client.post(TRACK, {"kode": "", "aksi": "buka"})
    assert wrong.status_code == junk.status_code == empty.status_code == 200
    assert wrong.content == junk.content == empty.content
    assert "Kode tidak dikenali" in wrong.content.decode()
    assert wrong.cookies == {}


def test_the_right_code_shows_only_its_own_case_and_public_messages(world):
    complaint, code = file_public(world.unit_a, what="Kasus pertama saya")
    file_public(world.unit_b, what="Kasus orang lain")
    workflow.complaint_classify(
        complaint=complaint, kind=Kind.IMBALAN, severity=Severity.NORMATIF,
        route=complaint.route, whistleblowing=False, by=world.admin,
    )  # fmt: skip
    workflow.complaint_answer(
        complaint=complaint, body="Terima kasih, kami periksa.", by=world.admin
    )
    workflow.complaint_answer(
        complaint=complaint, body="RAHASIA internal", by=world.admin, internal=True
    )
    response = _client().post(TRACK, {"kode": code, "aksi": "buka"})
    body = response.content.decode()
    assert "Kasus pertama saya" in body and "Terima kasih, kami periksa." in body
    assert "Kasus orang lain" not in body and "RAHASIA" not in body
    assert world.admin.username not in body


def test_the_complainant_replies_with_a_file_once(world):
    complaint, code = file_public(world.unit_a)
    client = _client()
    token = public_views.form_key()
    data = {"kode": code, "aksi": "balas", "body": "Tambahan: kejadian jam 10.", "formulir": token,
            "berkas": [pdf()]}  # fmt: skip
    response = client.post(TRACK, data)
    assert response.status_code == 200 and "Balasan Anda terkirim." in response.content.decode()
    again = client.post(TRACK, {**data, "berkas": [pdf()]})
    assert "sudah terkirim sebelumnya" in again.content.decode()
    message = complaint.messages.get()
    assert message.direction == Message.Direction.FROM_COMPLAINANT and message.author is None
    assert message.attachments.count() == 1


def test_a_reply_with_a_wrong_code_writes_nothing(world):
    file_public(world.unit_a)
    response = _client().post(
        TRACK, {"kode": "7KQ2-M9XD-4TPA-W3HC", "aksi": "balas", "body": "x",
                "formulir": public_views.form_key()},
    )  # fmt: skip
    assert "Kode tidak dikenali" in response.content.decode()
    assert Message.objects.count() == 0


def test_the_complainant_downloads_own_files_with_safe_headers_but_not_others(world):
    complaint, code = file_public(world.unit_a, uploads=[pdf()])
    other, _other_code = file_public(world.unit_b, uploads=[pdf()])
    mine = complaint.attachments.get()
    theirs = other.attachments.get()
    client = _client()
    response = client.post(TRACK, {"kode": code, "aksi": "unduh", "berkas_id": mine.pk})
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    refused = client.post(TRACK, {"kode": code, "aksi": "unduh", "berkas_id": theirs.pk})
    assert refused["Content-Type"].startswith("text/html")
    assert b"%PDF" not in refused.content


def test_tracking_is_rate_limited_per_address(world, settings):
    settings.COMPLAINTS_RECEIPT_ATTEMPTS_PER_MINUTE = 3
    complaint, code = file_public(world.unit_a)
    client = _client()
    for _ in range(3):
        assert client.post(TRACK, {"kode": "7KQ2-M9XD-4TPA-W3HC"}).status_code == 200
    blocked = client.post(TRACK, {"kode": code, "aksi": "buka"})
    assert blocked.status_code == 429
    assert complaint.what not in blocked.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post(TRACK, {"kode": code, "aksi": "buka"}).status_code == 200


def test_the_public_figures_show_counts_and_no_contents(world):
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        file_public(world.unit_a, what="Isi yang tidak boleh tampil")
        response = Client().get(reverse("complaints_public:figures"))
    body = response.content.decode()
    assert world.unit_a.name in body and "Isi yang tidak boleh tampil" not in body
    assert response.cookies == {}


def test_filing_is_rate_limited_and_keeps_what_was_typed(world, settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 1
    client = _client()
    assert _post_intake(client, world.unit_a).status_code == 200
    blocked = _post_intake(client, world.unit_a, what="Kiriman kedua saya")
    assert blocked.status_code == 429 and "Kiriman kedua saya" in blocked.content.decode()
    assert Complaint.objects.count() == 1

"""The staff pages: create and run a wave, codes, paper entry, review, results and exports."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from integritas.audit.models import AuditRecord
from integritas.surveys import services
from integritas.surveys.models import FollowUp, Response, SurveyWave
from integritas.surveys.tests.conftest import answers_for, make_wave

pytestmark = pytest.mark.django_db


def test_a_tim_kerja_member_creates_and_opens_a_wave_through_the_pages(world, client_for):
    client = client_for(world.kerja_a)
    response = client.post(
        reverse("surveys:wave_create"),
        {"unit": world.unit_a.pk, "kind": "skm", "period_type": "semester", "period_number": 2,
         "year": 2025, "access_mode": "code", "code_validity_days": 5, "scale": 4,
         "conversion": "", "sample_method": "formula"},
    )  # fmt: skip
    wave = SurveyWave.objects.get()
    assert response.status_code == 302 and response["Location"] == wave.get_absolute_url()
    assert (wave.period_label, wave.code_validity_days) == ("Semester II 2025", 5)

    client.post(
        reverse("surveys:service_create", args=[wave.pk]), {"name": "KTP-el", "population": 500}
    )
    assert wave.services.get().target_sample == 217
    client.post(
        reverse("surveys:item_add", args=[wave.pk]),
        {"name": "Kebersihan", "text": "Bagaimana kebersihan ruang tunggu?", "answer_1": "Kotor",
         "answer_2": "Kurang bersih", "answer_3": "Bersih", "answer_4": "Sangat bersih"},
    )  # fmt: skip
    weights = {f"U{i}": "0,1" for i in range(1, 11)}
    assert client.post(reverse("surveys:weights_edit", args=[wave.pk]), weights).status_code == 302
    bad = client.post(reverse("surveys:weights_edit", args=[wave.pk]), {**weights, "U1": "1/5"})
    assert "tepat 1" in bad.content.decode()
    assert client.post(reverse("surveys:wave_open", args=[wave.pk])).status_code == 302
    wave.refresh_from_db()
    assert wave.status == "open" and len(wave.item_codes) == 10 and wave.weight_denominator == 10


def test_the_create_form_refuses_a_six_point_skm_and_keeps_what_was_typed(world, client_for):
    response = client_for(world.kerja_a).post(
        reverse("surveys:wave_create"),
        {"unit": world.unit_a.pk, "kind": "skm", "period_type": "semester", "period_number": 3,
         "year": 2025, "access_mode": "link", "code_validity_days": 7, "scale": 6,
         "conversion": "", "sample_method": "formula"},
    )  # fmt: skip
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "selalu memakai skala 1–4" in body
        and "Pilih konversi" in body
        and "Periode ke-3 tidak ada untuk Semester" in body
    )
    assert response.context["form"]["access_mode"].value() == "link"
    assert not SurveyWave.objects.exists()


def test_codes_are_issued_and_printable(world, client_for):
    wave = make_wave(world, kind="spak")
    client = client_for(world.kerja_a)
    response = client.post(
        reverse("surveys:codes_issue", args=[wave.pk]),
        {"service": wave.services.get().pk, "count": 12, "validity_days": 2},
    )
    batch = wave.code_batches.get()
    assert response["Location"] == reverse("surveys:code_batch", args=[wave.pk, batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert batch.codes.first().display in page
    pdf = client.get(reverse("documents:survey_code_slips", args=[wave.pk, batch.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_paper_entry_stores_a_sheet_and_refuses_it_twice_keeping_the_answers(world, client_for):
    wave = make_wave(world)
    client = client_for(world.kerja_a)
    data = {"sheet_number": "A-12", "service": wave.services.get().pk, "p_jenis_kelamin": "L",
            **{f"q_{c}": "3" for c in wave.item_codes}}  # fmt: skip
    assert client.post(reverse("surveys:paper_entry", args=[wave.pk]), data).status_code == 302
    again = client.post(reverse("surveys:paper_entry", args=[wave.pk]), {**data, "q_U1": "4"})
    assert again.status_code == 200 and "sudah dimasukkan" in again.content.decode()
    assert again.context["form"]["q_U1"].value() == "4"
    stored = Response.objects.get()
    assert (stored.channel, stored.status, stored.gender) == ("paper", "accepted", "L")


def test_the_review_queue_approves_and_rejects_held_responses(world, client_for):
    wave = make_wave(world, access_mode="link")
    held = [
        services.response_submit_public(
            wave=wave, service=wave.services.get(), answers=answers_for(wave, 2), profile={},
            idempotency_key=f"q{i}", duration=2, ip="10.0.0.1",
        ).response
        for i in range(3)
    ]  # fmt: skip
    client = client_for(world.kerja_a)
    url = reverse("surveys:review_queue", args=[wave.pk])
    page = client.get(url).content.decode()
    # The reason with its numbers: 9 questions × 0,8 s = 7 s (the wave's default policy).
    assert "diisi dalam 2 detik; batas untuk 9 pertanyaan: 7 detik" in page
    assert f'value="{held[0].pk}"' in page
    no_reason = client.post(
        url, {"decision": "tolak", "responses": [held[0].pk], "note": ""}, follow=True
    )
    assert "alasan penolakan" in no_reason.content.decode()
    client.post(url, {"decision": "terima", "responses": [held[0].pk, held[1].pk], "note": "Dicek"})
    client.post(url, {"decision": "tolak", "responses": [held[2].pk], "note": "Pola robot"})
    assert dict(Response.objects.values_list("pk", "status")) == {
        held[0].pk: "accepted", held[1].pk: "accepted", held[2].pk: "rejected",
    }  # fmt: skip
    assert Response.objects.count() == 3  # nothing deleted
    rejected_tab = client.get(url, {"status": "rejected"}).content.decode()
    assert "Pola robot" in rejected_tab
    assert AuditRecord.objects.filter(action="survei.jawaban_diterima").count() == 2


def test_the_results_page_shows_the_ikm_mutu_ci_chart_and_warning(world, client_for):
    wave = make_wave(world, access_mode="link", services_spec=(("KTP-el", 100), ("Akta", 40)))
    for i, value in enumerate([4, 3, 4, 4, 3]):
        services.response_enter_paper(
            wave=wave, service=wave.services.first(), answers=answers_for(wave, value),
            profile={"jenis_kelamin": "P"}, sheet_number=str(i), by=world.kerja_a,
        )  # fmt: skip
    page = client_for(world.staff_a).get(reverse("surveys:results", args=[wave.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "90,00" in body  # (4+3+4+4+3)/5 × 25
    assert "Sangat Baik" in body and "<svg" in body
    assert "di bawah target sampel" in body
    assert "Perempuan: 5" in body
    # Every asset is the project's own (no CDN): nothing loaded from another host.
    assert not re.search(r"(?:src|href)=[\"'](?:https?:)?//", body)


def test_follow_ups_are_planned_on_the_results_page(world, client_for):
    wave = make_wave(world)
    client = client_for(world.kerja_a)
    client.post(
        reverse("surveys:follow_up_create", args=[wave.pk]),
        {
            "item_code": "U3",
            "action": "Tambah loket",
            "timeline": "Oktober",
            "responsible": "Kabid",
        },
    )
    follow_up = FollowUp.objects.get()
    assert (follow_up.wave, follow_up.item_code) == (wave, "U3")
    assert "Tambah loket" in client.get(reverse("surveys:results", args=[wave.pk])).content.decode()


def test_exports_contain_every_response_and_the_results(world, client_for):
    wave = make_wave(world)
    for i, value in enumerate([4, 2]):
        services.response_enter_paper(
            wave=wave, service=wave.services.get(), answers=answers_for(wave, value),
            profile={"usia": "20-29"}, sheet_number=str(i), by=world.kerja_a,
        )  # fmt: skip
    client = client_for(world.staff_a)
    raw = b"".join(
        client.get(reverse("surveys:export", args=[wave.pk, "jawaban", "csv"])).streaming_content
    )
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][-9:] == list(wave.item_codes) and "usia" in rows[0]
    assert [r[-9:] for r in rows[1:]] == [["4"] * 9, ["2"] * 9]
    xlsx = client.get(reverse("surveys:export", args=[wave.pk, "jawaban", "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3 and sheet.cell(2, 9).value == "20-29"
    results = client.get(reverse("surveys:export", args=[wave.pk, "hasil", "csv"])).content.decode(
        "utf-8-sig"
    )
    assert "Seluruh layanan,100,80,2,0,75.00,C,Kurang Baik" in results
    book = load_workbook(
        io.BytesIO(client.get(reverse("surveys:export", args=[wave.pk, "hasil", "xlsx"])).content)
    )
    assert book.active.cell(2, 6).value == "75.00"
    assert client.get(reverse("surveys:export", args=[wave.pk, "semua", "csv"])).status_code == 404


def test_the_wave_list_takes_a_fixed_number_of_queries(world, client_for):
    client = client_for(world.pimpinan)
    make_wave(world, kind="skm")
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("surveys:wave_list"))
    for quarter in (1, 2):
        for kind in ("spak", "spkp"):
            wave = make_wave(world, kind=kind, period_number=quarter, access_mode="link")
            services.response_submit_public(
                wave=wave, service=wave.services.get(), answers=answers_for(wave, 3), profile={},
                idempotency_key="z", duration=1,
            )  # fmt: skip
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("surveys:wave_list"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_wave_page_and_review_queue_take_a_fixed_number_of_queries(world, client_for):
    wave = make_wave(world, access_mode="link", services_spec=(("A", 50),))
    client = client_for(world.kerja_a)

    def counts():
        with CaptureQueriesContext(connection) as detail:
            client.get(reverse("surveys:wave_detail", args=[wave.pk]))
        with CaptureQueriesContext(connection) as queue:
            client.get(reverse("surveys:review_queue", args=[wave.pk]))
        return len(detail.captured_queries), len(queue.captured_queries)

    services.response_submit_public(
        wave=wave, service=wave.services.get(), answers=answers_for(wave, 1), profile={},
        idempotency_key="first", duration=1,
    )  # fmt: skip
    before = counts()
    for i in range(6):
        services.response_submit_public(
            wave=wave, service=wave.services.get(), answers=answers_for(wave, 1 + i % 4),
            profile={}, idempotency_key=f"more{i}", duration=1,
        )  # fmt: skip
    assert counts() == before

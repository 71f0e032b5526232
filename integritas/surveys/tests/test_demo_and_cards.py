"""The demo seeder, the home-page cards and the public SKM results (Pasal 17, LKE 6.iv.b)."""

import pytest
from django.test import Client
from django.urls import reverse

from integritas.surveys import demo
from integritas.surveys.models import Response, SurveyWave
from integritas.surveys.tests.conftest import answers_for, make_wave

pytestmark = pytest.mark.django_db


def _seed(world):
    demo.seed({"units": {"DUKCAPIL": world.unit_a}, "users": {"timkerja.dukcapil": world.kerja_a}})


def test_the_demo_gives_dukcapil_closed_skm_and_open_spak_spkp_waves(world):
    _seed(world)
    waves = SurveyWave.objects.filter(unit=world.unit_a)
    latest_skm = waves.filter(kind="skm", status="closed").order_by("-start_date").first()
    assert waves.filter(kind="skm", status="closed").count() == 2
    assert latest_skm.result_respondents == 120
    assert list(latest_skm.services.values_list("name", flat=True)) == [
        "Perekaman KTP-el",
        "Akta Kelahiran",
    ]
    assert latest_skm.follow_ups.count() == 2 and latest_skm.result_mutu in {"A", "B", "C", "D"}
    for kind in ("spak", "spkp"):
        wave = waves.get(kind=kind)
        assert (wave.status, wave.access_mode) == ("open", "code")
        assert wave.codes.count() == 48 and wave.codes.filter(used_at__isnull=False).count() == 18
        assert Response.objects.filter(wave=wave, status="held").count() == 4
    _seed(world)  # a second run adds nothing
    assert SurveyWave.objects.count() == 4


def test_unit_roles_see_open_waves_and_responses_awaiting_review(world, client_for):
    wave = make_wave(world, access_mode="link")
    from integritas.surveys import services

    services.response_submit_public(
        wave=wave, service=wave.services.get(), answers=answers_for(wave, 2), profile={},
        idempotency_key="fast", duration=1,
    )  # fmt: skip
    body = client_for(world.kerja_a).get(reverse("portal:home")).content.decode()
    assert "Survei yang sedang dibuka" in body and "0/80 responden" in body
    assert "Jawaban survei menunggu tinjauan" in body
    assert reverse("surveys:review_queue", args=[wave.pk]) in body
    assert (
        "Survei yang sedang dibuka"
        not in client_for(world.staff_b).get(reverse("portal:home")).content.decode()
    )


def test_closed_skm_results_are_published_on_the_public_page(world):
    _seed(world)
    latest = SurveyWave.objects.filter(kind="skm").order_by("-start_date").first()
    page = Client().get(reverse("portal:public_home")).content.decode()
    assert "Hasil Survei Kepuasan Masyarakat (SKM)" in page
    assert world.unit_a.name in page and latest.period_label in page
    public = Client().get(reverse("survey_public:results", args=[latest.token]))
    assert public.status_code == 200
    text = public.content.decode()
    assert "Indeks Kepuasan Masyarakat" in text and "<svg" in text
    spak = SurveyWave.objects.get(kind="spak")
    assert Client().get(reverse("survey_public:results", args=[spak.token])).status_code == 404

"""The per-wave hold policy: honest answers count, doubtful ones are held with their numbers."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from integritas.surveys import services
from integritas.surveys.models import Response, SurveyWave
from integritas.surveys.policy import HoldPolicy, default_policy, explain_reason, policy_for
from integritas.surveys.tests.conftest import make_wave, post_data

START = datetime(2025, 8, 4, 9, 0, tzinfo=UTC)


def form_url(wave):
    return reverse("survey_public:form", args=[wave.token])


def answer_after(wave, seconds, *, address="203.0.113.20"):
    """A phone opens the form, takes `seconds` to answer, and sends it (frozen clock)."""
    client = Client(REMOTE_ADDR=address)
    with time_machine.travel(START, tick=False) as clock:
        page = client.get(form_url(wave))
        key = page.context["form"]["formulir"].value()
        clock.shift(timedelta(seconds=seconds))
        sent = client.post(
            form_url(wave),
            post_data(wave, [4, 3, 3, 4, 3, 4, 4, 3, 3], form_key=key,
                      service=wave.services.first().pk),
        )  # fmt: skip
    assert sent.status_code == 302, sent.content[:300]
    return Response.objects.order_by("-id").first()


# --- the numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("questions", "access_mode", "min_seconds", "address_limit"),
    [
        (9, "link", 7, 10),  # SKM: 9 × 0,8 s = 7,2 → 7 s
        (9, "code", 7, 30),
        (4, "code", 5, 30),  # 3,2 s is under the 5 s floor
        (1, "link", 5, 10),
        (20, "code", 16, 30),
        (0, "link", 5, 10),
    ],
)
def test_default_policy_follows_the_questionnaire_and_mode(
    questions, access_mode, min_seconds, address_limit
):
    policy = default_policy(questions=questions, access_mode=access_mode)
    assert policy.min_seconds == min_seconds
    assert policy.address_limit == address_limit
    assert policy.seconds_per_question == "0,8"


@given(
    questions=st.integers(min_value=0, max_value=500),
    tenths=st.integers(min_value=0, max_value=600),
    floor=st.integers(min_value=0, max_value=3600),
)
def test_the_minimum_time_is_the_reading_time_never_under_the_floor(questions, tenths, floor):
    policy = HoldPolicy(questions=questions, tenths_per_question=tenths, floor_seconds=floor)
    assert policy.min_seconds >= floor
    assert policy.min_seconds * 10 <= max(floor * 10, tenths * questions)
    longer = HoldPolicy(questions=questions + 1, tenths_per_question=tenths, floor_seconds=floor)
    assert longer.min_seconds >= policy.min_seconds


@pytest.mark.parametrize(
    ("code", "detail", "text"),
    [
        ("burst", {"count": 11, "limit": 10, "minutes": 60},
         "Ditahan karena jawaban ke-11 dari alamat yang sama dalam 60 menit; batas: 10 jawaban."),
        ("pattern", {"count": 3, "limit": 3, "minutes": 60, "same_address": True},
         "Ditahan karena pola jawaban yang sama ke-3 dari alamat yang sama dalam 60 menit; "
         "batas: 3 kali."),
        ("pattern", {"count": 10, "limit": 10, "minutes": 30, "same_address": False},
         "Ditahan karena pola jawaban yang sama ke-10 dalam 30 menit; batas: 10 kali."),
        ("kiosk", {"count": 31, "limit": 30},
         "Ditahan karena jawaban ke-31 dari kios ini dalam 60 menit; batas kios: 30 jawaban."),
        ("honeypot", {}, "Kolom tersembunyi (jebakan robot) terisi"),
        ("timing", {}, "Waktu pengisian tidak dapat diverifikasi"),
    ],
)  # fmt: skip
def test_every_reason_reads_with_its_numbers(code, detail, text):
    assert explain_reason(code, detail) == text


def test_an_explanation_says_the_measured_value_and_the_limit():
    text = explain_reason("fast", {"seconds": 4, "limit": 7, "questions": 9})
    assert text == "Ditahan karena diisi dalam 4 detik; batas untuk 9 pertanyaan: 7 detik."
    assert explain_reason("fast", None) == "Diisi sangat cepat"
    assert explain_reason("fast", {"seconds": "x"}) == "Diisi sangat cepat"  # never a 500


# --- the public form on a frozen clock ---------------------------------------------------------


@pytest.mark.django_db
def test_a_nine_question_form_answered_in_14_seconds_is_accepted(world):
    wave = make_wave(world, access_mode="link")
    stored = answer_after(wave, 14)
    assert stored.duration_seconds == 14
    assert stored.status == Response.Status.ACCEPTED and stored.review_reasons == []


@pytest.mark.django_db
def test_a_nine_question_form_answered_in_3_seconds_is_held_with_its_numbers(world, client_for):
    wave = make_wave(world, access_mode="link")
    stored = answer_after(wave, 3)
    assert stored.status == Response.Status.HELD
    assert stored.review_reasons == [Response.Reason.FAST]
    assert stored.hold_details["fast"] == {"seconds": 3, "limit": 7, "questions": 9}
    page = client_for(world.kerja_a).get(reverse("surveys:review_queue", args=[wave.pk]))
    body = page.content.decode()
    assert "Ditahan karena diisi dalam 3 detik; batas untuk 9 pertanyaan: 7 detik." in body
    assert "kurang dari 7 detik untuk 9 pertanyaan (0,8 detik per pertanyaan" in body


@pytest.mark.django_db
def test_the_limit_is_the_one_in_force_when_the_answer_arrived(world):
    wave = make_wave(world, access_mode="link")
    services.wave_policy_set(wave=wave, overrides={"tenths_per_question": 20}, by=world.kerja_a)
    wave.refresh_from_db()
    assert policy_for(wave).min_seconds == 18
    assert answer_after(wave, 14).status == Response.Status.HELD
    services.wave_policy_set(wave=wave, overrides={"tenths_per_question": 8}, by=world.kerja_a)
    wave.refresh_from_db()
    assert wave.hold_policy == {}  # back to the default: nothing stored
    held = Response.objects.get()
    assert held.hold_details["fast"]["limit"] == 18  # what the reviewer reads stays true


# --- changing the numbers -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_policy_out_of_range_is_refused_and_nothing_changes(world):
    wave = make_wave(world, access_mode="link")
    for bad in ({"address_limit": 0}, {"floor_seconds": -1}, {"nama": 3}, {"address_limit": "5"}):
        with pytest.raises(ValidationError):
            services.wave_policy_set(wave=wave, overrides=bad, by=world.kerja_a)
    wave.refresh_from_db()
    assert wave.hold_policy == {}


@pytest.mark.django_db
def test_the_unit_cannot_loosen_the_rules_of_an_lke_wave_the_tpi_can(world, client_for):
    wave = make_wave(world, kind="spak", access_mode="link")
    with pytest.raises(PermissionDenied):
        services.wave_policy_set(wave=wave, overrides={"address_limit": 500}, by=world.head_a)
    url = reverse("surveys:policy_edit", args=[wave.pk])
    assert client_for(world.head_a).get(url).status_code == 404
    data = {
        "tenths_per_question": 8, "floor_seconds": 5, "address_limit": 500,
        "address_window_minutes": 60, "pattern_same_address": 3, "pattern_any_address": 10,
        "pattern_window_minutes": 60,
    }  # fmt: skip
    assert client_for(world.head_a).post(url, data).status_code == 404
    assert SurveyWave.objects.get(pk=wave.pk).hold_policy == {}
    tpi = client_for(world.tpi)
    assert tpi.get(url).status_code == 200
    assert tpi.post(url, data).status_code == 302
    assert SurveyWave.objects.get(pk=wave.pk).hold_policy == {"address_limit": 500}
    detail = client_for(world.head_a).get(reverse("surveys:wave_detail", args=[wave.pk]))
    assert "lebih dari 500 jawaban dalam 60 menit" in detail.content.decode()


@pytest.mark.django_db
def test_the_open_link_mode_stays_labelled_weak_with_its_numbers(world, client_for):
    wave = make_wave(world, kind="spkp", access_mode="link")
    body = client_for(world.kerja_a).get(reverse("surveys:wave_detail", args=[wave.pk]))
    text = body.content.decode()
    assert "kontrol lemah" in text
    assert "lebih dari 10 jawaban dalam 60 menit" in text
    assert "3 kali dari alamat yang sama atau 10 kali dari alamat mana pun dalam 60 menit" in text


@pytest.mark.django_db
def test_numbers_stored_by_hand_outside_the_limits_are_ignored(world):
    wave = make_wave(world, access_mode="link")
    SurveyWave.objects.filter(pk=wave.pk).update(
        hold_policy={"address_limit": "banyak", "floor_seconds": -4, "pattern_any_address": 12,
                     "unknown": 1, "tenths_per_question": True}
    )  # fmt: skip
    wave.refresh_from_db()
    policy = policy_for(wave)
    assert (policy.address_limit, policy.floor_seconds, policy.pattern_any_address) == (10, 5, 12)
    assert policy.tenths_per_question == 8

"""The public questionnaire and every layer against ballot stuffing (Pasal 11 ayat 10–14, "done when")."""

import pytest
from django.test import Client
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.surveys import services
from integritas.surveys.models import Answer, Response, ResponseCode
from integritas.surveys.policy import policy_for
from integritas.surveys.tests.conftest import fresh_form_key, make_wave, post_data, slow_key

pytestmark = pytest.mark.django_db


def url(wave):
    return reverse("survey_public:form", args=[wave.token])


def phone():
    return Client(REMOTE_ADDR="203.0.113.7")


# --- reaching the form ---------------------------------------------------------------------------


def test_the_public_reaches_the_form_without_logging_in(open_wave):
    response = Client().get(url(open_wave))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Survei Kepuasan Masyarakat" in body
    assert "Sangat sesuai" in body  # the four answer texts of U1
    assert 'name="kontak_faks"' in body and "hp-field" in body  # honeypot, hidden by CSS
    assert "/akun/masuk/" not in response.get("Location", "")


def test_an_unknown_or_draft_or_closed_wave_answers_a_friendly_404(world):
    draft = make_wave(world, open_=False)
    for token in ("tidakada12345", draft.token):
        response = Client().get(reverse("survey_public:form", args=[token]))
        assert response.status_code == 404
        assert "tidak sedang dibuka" in response.content.decode()


def test_a_legitimate_response_is_accepted_and_counted_without_any_identity(open_wave):
    client = phone()
    key = slow_key()
    service = open_wave.services.first()
    response = client.post(
        url(open_wave),
        post_data(open_wave, [4, 3, 3, 4, 3, 4, 4, 3, 3], form_key=key, service=service.pk,
                  p_jenis_kelamin="P", p_usia="30-39"),
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("survey_public:thanks", args=[open_wave.token])
    stored = Response.objects.get()
    assert stored.status == Response.Status.ACCEPTED
    assert stored.review_reasons == []
    assert stored.gender == "P" and stored.age_band == "30-39"
    assert stored.weighted_total == 31  # 1/9 weights × denominator 9 = the plain sum
    assert Answer.objects.filter(response=stored).count() == 9
    # no raw address anywhere in the row; only per-wave keyed hashes
    values = " ".join(str(v) for v in Response.objects.values().get().values())
    assert "203.0.113.7" not in values
    assert len(stored.ip_hash) == 64 and len(stored.browser_hash) == 64
    assert AuditRecord.objects.filter(
        action="survei.jawaban_masuk", object_id=str(stored.pk)
    ).exists()


def test_missing_answers_re_render_the_form_with_what_was_typed(open_wave):
    data = post_data(open_wave, 3, form_key=slow_key(), service=open_wave.services.first().pk)
    del data["q_U5"]
    response = phone().post(url(open_wave), data)
    assert response.status_code == 200
    assert "Pilih salah satu jawaban" in response.content.decode()
    assert response.context["form"]["q_U1"].value() == "3"
    assert not Response.objects.exists()


# --- layer: single-use codes ----------------------------------------------------------------------


def test_a_code_admits_one_response_and_a_reused_code_is_refused_with_a_clear_message(
    code_wave, codes
):
    code = codes[0]
    first = phone().post(
        url(code_wave), post_data(code_wave, 4, form_key=slow_key(), kode=code.display)
    )
    assert first.status_code == 302
    code.refresh_from_db()
    assert code.used_at is not None

    second = Client(REMOTE_ADDR="198.51.100.9").post(
        url(code_wave), post_data(code_wave, [1, 2, 1, 2, 1], form_key=slow_key(), kode=code.code)
    )
    assert second.status_code == 409
    body = second.content.decode()
    assert "sudah dipakai" in body and "satu kali pengisian" in body
    # the second person's answers are still on the page, ready for another code
    assert second.context["form"]["q_Q1"].value() == "1"
    assert second.context["form"]["q_Q2"].value() == "2"
    assert Response.objects.count() == 1


def test_a_reused_code_is_refused_before_answering_too(code_wave, codes):
    services.response_submit_public(
        wave=code_wave, service=None, answers=dict.fromkeys(code_wave.item_codes, 3),
        profile={}, idempotency_key="k1", code=codes[0].code, duration=120,
    )  # fmt: skip
    response = phone().get(url(code_wave), {"kode": codes[0].display.lower()})
    assert response.status_code == 409
    assert "sudah dipakai" in response.content.decode()


def test_unknown_and_expired_codes_are_refused_with_their_reason(code_wave, codes):
    from datetime import timedelta

    from django.utils import timezone

    unknown = phone().get(url(code_wave), {"kode": "ZZZZ-ZZZZ"})
    assert unknown.status_code == 409 and "tidak dikenal" in unknown.content.decode()
    past = timezone.now() - timedelta(days=8)
    ResponseCode.objects.filter(pk=codes[1].pk).update(
        issued_at=past, expires_at=past + timedelta(days=7)
    )
    expired = phone().get(url(code_wave), {"kode": codes[1].code})
    assert expired.status_code == 409 and "tidak berlaku" in expired.content.decode()


def test_code_mode_asks_for_the_code_first_then_shows_the_questions(code_wave, codes):
    client = phone()
    ask = client.get(url(code_wave))
    assert ask.status_code == 200 and "Masukkan kode survei" in ask.content.decode()
    form = client.get(url(code_wave), {"kode": codes[2].display})
    assert form.status_code == 200
    body = form.content.decode()
    assert "Tidak ada pungutan liar" in body and codes[2].service.name in body


def test_a_code_of_another_wave_is_unknown_here(world, code_wave, codes):
    other = make_wave(world, kind="spkp", access_mode="code")
    response = phone().post(
        url(other), post_data(other, 3, form_key=slow_key(), kode=codes[0].code)
    )
    assert response.status_code == 409
    assert not Response.objects.exists()


# --- layer: idempotency key -----------------------------------------------------------------------


def test_a_replayed_submission_is_stored_once_and_answers_thank_you_both_times(open_wave):
    client = phone()
    key = fresh_form_key(client, open_wave)
    data = post_data(open_wave, 3, form_key=key, service=open_wave.services.first().pk)
    first = client.post(url(open_wave), data)
    replay = client.post(url(open_wave), data)
    assert first.status_code == replay.status_code == 302
    assert replay["Location"].endswith("/terima-kasih/")
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 9


def test_a_replay_in_code_mode_is_not_told_its_code_is_used(code_wave, codes):
    client = phone()
    data = post_data(code_wave, 4, form_key=slow_key(), kode=codes[0].code)
    assert client.post(url(code_wave), data).status_code == 302
    replay = client.post(url(code_wave), data)
    assert replay.status_code == 302 and replay["Location"].endswith("/terima-kasih/")
    assert Response.objects.count() == 1


def test_each_render_of_the_form_gets_its_own_key(open_wave):
    client = phone()
    assert fresh_form_key(client, open_wave) != fresh_form_key(client, open_wave)


def test_a_tampered_form_key_is_still_idempotent_but_held_for_review(open_wave):
    data = post_data(open_wave, 3, form_key="forged", service=open_wave.services.first().pk)
    client = phone()
    client.post(url(open_wave), data)
    client.post(url(open_wave), data)
    stored = Response.objects.get()
    assert stored.status == Response.Status.HELD
    assert stored.review_reasons == [Response.Reason.TIMING]


# --- layer: one response per browser (open link, weak) ------------------------------------------


def test_an_open_link_refuses_a_second_response_from_the_same_browser(open_wave):
    client = phone()
    service = open_wave.services.first().pk
    client.get(url(open_wave))  # sets the browser cookie
    assert (
        client.post(
            url(open_wave), post_data(open_wave, 4, form_key=slow_key(), service=service)
        ).status_code
        == 302
    )
    again = client.post(
        url(open_wave), post_data(open_wave, 2, form_key=slow_key(), service=service)
    )
    assert again.status_code == 409
    assert "sudah mengisi" in again.content.decode()
    assert Response.objects.count() == 1
    # another browser (no cookie) is a different respondent for this weak control
    other = Client(REMOTE_ADDR="203.0.113.8")
    other.get(url(open_wave))
    assert (
        other.post(
            url(open_wave), post_data(open_wave, 2, form_key=slow_key(), service=service)
        ).status_code
        == 302
    )
    assert Response.objects.count() == 2


def test_the_staff_page_explains_that_the_open_link_is_a_weak_control(world, client_for, open_wave):
    page = client_for(world.kerja_a).get(reverse("surveys:wave_detail", args=[open_wave.pk]))
    assert "kontrol lemah" in page.content.decode()


# --- layer: rate limit per address ----------------------------------------------------------------


def test_a_burst_from_one_address_is_throttled_and_nothing_typed_is_lost(open_wave, settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 3
    service = open_wave.services.first().pk
    statuses = []
    for i in range(5):
        client = Client(REMOTE_ADDR="192.0.2.50")  # five phones behind one address
        data = post_data(
            open_wave, [4, 3, 4, 3, 4, 3, 4, 3, i % 4 + 1], form_key=slow_key(), service=service
        )
        statuses.append((client.post(url(open_wave), data), data))
    assert [r.status_code for r, _ in statuses] == [302, 302, 302, 429, 429]
    throttled, data = statuses[3]
    assert throttled["Retry-After"] == "60"
    assert "Terlalu banyak kiriman" in throttled.content.decode()
    form = throttled.context["form"]
    assert form["q_U9"].value() == data["q_U9"] and form["formulir"].value() == data["formulir"]
    assert Response.objects.count() == 3
    # a minute later the same submission (same form key) is stored — once
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 100
    retry = Client(REMOTE_ADDR="192.0.2.50").post(url(open_wave), data)
    assert retry.status_code == 302
    assert Response.objects.count() == 4


def test_another_address_is_not_throttled_by_someone_elses_burst(open_wave, settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 1
    service = open_wave.services.first().pk
    Client(REMOTE_ADDR="192.0.2.1").post(
        url(open_wave), post_data(open_wave, 4, form_key=slow_key(), service=service)
    )
    blocked = Client(REMOTE_ADDR="192.0.2.1").post(
        url(open_wave), post_data(open_wave, 3, form_key=slow_key(), service=service)
    )
    fine = Client(REMOTE_ADDR="192.0.2.2").post(
        url(open_wave), post_data(open_wave, 3, form_key=slow_key(), service=service)
    )
    assert (blocked.status_code, fine.status_code) == (429, 302)


def test_code_guessing_is_throttled_too(code_wave, codes, settings):
    settings.PUBLIC_RATE_LIMIT_PER_MINUTE = 2
    client = phone()
    results = [client.get(url(code_wave), {"kode": f"AAAA-AAA{c}"}).status_code for c in "234"]
    assert results == [409, 409, 429]


# --- layer: honeypot and suspicion rules (held, never lost) ---------------------------------------


def test_a_filled_honeypot_holds_the_response_for_review(open_wave):
    data = post_data(
        open_wave,
        3,
        form_key=slow_key(),
        service=open_wave.services.first().pk,
        kontak_faks="http://spam",
    )
    assert phone().post(url(open_wave), data).status_code == 302
    stored = Response.objects.get()
    assert stored.status == Response.Status.HELD
    assert Response.Reason.HONEYPOT in stored.review_reasons


def test_a_very_fast_completion_is_held(open_wave):
    client = phone()
    key = fresh_form_key(client, open_wave)  # rendered just now, submitted at once
    client.post(
        url(open_wave), post_data(open_wave, 3, form_key=key, service=open_wave.services.first().pk)
    )
    stored = Response.objects.get()
    assert stored.status == Response.Status.HELD
    assert stored.review_reasons == [Response.Reason.FAST]
    assert stored.duration_seconds is not None and stored.duration_seconds < 18


def test_an_identical_pattern_repeated_within_the_hour_is_held_from_the_kth_time(open_wave):
    # From different addresses: the wave-wide pattern rule of the wave's policy.
    limit = policy_for(open_wave).pattern_any_address
    service = open_wave.services.first()
    outcomes = [
        services.response_submit_public(
            wave=open_wave, service=service, answers=dict.fromkeys(open_wave.item_codes, 4),
            profile={}, idempotency_key=f"k{i}", ip=f"10.0.0.{i}", duration=200,
        ).response
        for i in range(limit + 1)
    ]  # fmt: skip
    accepted = [Response.Status.ACCEPTED] * (limit - 1)
    assert [r.status for r in outcomes] == accepted + [Response.Status.HELD] * 2
    assert outcomes[-2].review_reasons == [Response.Reason.PATTERN]
    assert outcomes[-2].hold_details[Response.Reason.PATTERN]["count"] == limit


def test_an_identical_pattern_from_one_address_is_held_sooner(open_wave):
    limit = policy_for(open_wave).pattern_same_address
    service = open_wave.services.first()
    outcomes = [
        services.response_submit_public(
            wave=open_wave, service=service, answers=dict.fromkeys(open_wave.item_codes, 4),
            profile={}, idempotency_key=f"s{i}", ip="10.7.7.7", duration=200,
        ).response.status
        for i in range(limit)
    ]  # fmt: skip
    assert outcomes == [Response.Status.ACCEPTED] * (limit - 1) + [Response.Status.HELD]


def test_a_burst_from_one_address_is_held_beyond_the_policy_limit(open_wave):
    limit = policy_for(open_wave).address_limit
    service = open_wave.services.first()
    statuses = []
    for i in range(limit + 1):
        # A different answer pattern each time (i in base 4), so only the address repeats.
        answers = dict(
            zip(open_wave.item_codes, [1 + (i // 4**n) % 4 for n in range(9)], strict=True)
        )
        statuses.append(
            services.response_submit_public(
                wave=open_wave, service=service, answers=answers, profile={},
                idempotency_key=f"b{i}", ip="10.9.9.9", duration=200,
            ).response
        )  # fmt: skip
    assert [r.status for r in statuses[:-1]] == [Response.Status.ACCEPTED] * limit
    assert statuses[-1].status == Response.Status.HELD
    assert statuses[-1].review_reasons == [Response.Reason.BURST]


def test_the_thank_you_page_is_public(open_wave):
    response = Client().get(reverse("survey_public:thanks", args=[open_wave.token]))
    assert response.status_code == 200
    assert "Terima kasih" in response.content.decode()

"""Writes of the surveys part: waves, instruments, services, codes, paper entry, review, closing."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from integritas.audit.models import AuditRecord
from integritas.surveys import services
from integritas.surveys.instruments import bundled_instrument
from integritas.surveys.models import Response, ResponseCode, SurveyWave, WaveService
from integritas.surveys.tests.conftest import answers_for, make_wave

pytestmark = pytest.mark.django_db


def test_a_wave_snapshots_the_bundled_instrument_with_exact_weights(world):
    wave = make_wave(world, open_=False)
    assert wave.status == SurveyWave.Status.DRAFT
    assert wave.instrument_code == "skm-14-2017"
    assert wave.item_codes == bundled_instrument("skm-14-2017").codes
    assert set(wave.weights().values()) == {Fraction(1, 9)}
    assert wave.weight_denominator == 9
    assert wave.instrument["items"][0]["answers"] == [
        "Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai",
    ]  # fmt: skip
    assert (wave.start_date.isoformat(), wave.end_date.isoformat()) == ("2025-07-01", "2025-09-30")
    assert len(wave.token) == 12
    assert AuditRecord.objects.filter(
        action="survei.gelombang_dibuat", object_id=str(wave.pk)
    ).exists()


def test_a_six_point_wave_needs_a_conversion_and_skm_stays_on_four_points(world):
    with pytest.raises(ValidationError, match="konversi"):
        services.wave_create(
            unit=world.unit_a, kind="spak", period_type="year", year=2025, period_number=1,
            access_mode="code", scale=6, by=world.kerja_a,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="1–4"):
        services.wave_create(
            unit=world.unit_a, kind="skm", period_type="year", year=2025, period_number=1,
            access_mode="code", scale=6, conversion="proportional", by=world.kerja_a,
        )  # fmt: skip
    wave = make_wave(world, kind="spkp", scale=6, conversion="range-1-4", open_=False)
    assert wave.scale == 6 and wave.conversion == "range-1-4"
    assert len(wave.instrument_obj.items[0].answers) == 6


def test_the_database_refuses_a_six_point_wave_without_conversion(world):
    wave = make_wave(world, kind="spak", open_=False)
    with pytest.raises(IntegrityError):
        SurveyWave.objects.filter(pk=wave.pk).update(scale=6)


def test_one_wave_per_unit_instrument_and_period(world):
    make_wave(world, open_=False)
    with pytest.raises(ValidationError):
        make_wave(world, open_=False)


def test_a_unit_adds_an_item_and_the_weights_still_sum_to_one(world):
    wave = make_wave(world, open_=False)
    wave = services.wave_item_add(
        wave=wave, name="Kebersihan", text="Bagaimana kebersihan ruang tunggu?",
        answers=["Kotor", "Kurang bersih", "Bersih", "Sangat bersih"], by=world.kerja_a,
    )  # fmt: skip
    assert wave.item_codes[-1] == "U10"
    assert sum(wave.weights().values()) == 1 and set(wave.weights().values()) == {Fraction(1, 10)}
    with pytest.raises(ValidationError, match="tepat 1"):
        services.wave_weights_set(
            wave=wave, weights=dict.fromkeys(wave.item_codes, Fraction(1, 9)), by=world.kerja_a
        )
    with pytest.raises(ValidationError, match="bawaan"):
        services.wave_item_remove(wave=wave, code="U1", by=world.kerja_a)
    wave = services.wave_item_remove(wave=wave, code="U10", by=world.kerja_a)
    assert len(wave.item_codes) == 9 and wave.weight_denominator == 9


def test_the_instrument_is_frozen_once_the_wave_opens(world):
    wave = make_wave(world)
    with pytest.raises(ValidationError):
        services.wave_item_add(
            wave=wave, name="X", text="Y?", answers=["a", "b", "c", "d"], by=world.kerja_a
        )
    with pytest.raises(ValidationError):
        services.wave_update(wave=wave, changes={"access_mode": "link"}, by=world.kerja_a)
    services.wave_update(wave=wave, changes={"code_validity_days": 3}, by=world.kerja_a)
    wave.refresh_from_db()
    assert wave.code_validity_days == 3


@pytest.mark.parametrize(
    ("population", "method", "target"),
    [
        (100, "formula", 80),
        (105, "formula", 83),
        (105, "table-next-row", 86),
        (1_000_000, "formula", 384),
        (7, "formula", 7),
    ],
)
def test_the_target_sample_follows_krejcie_morgan(world, population, method, target):
    wave = make_wave(world, open_=False, services_spec=(), sample_method=method)
    service = services.service_save(
        service=WaveService(wave=wave, name="KTP-el", population=population), by=world.kerja_a
    )
    assert service.target_sample == target


def test_changing_the_sample_method_recomputes_every_target(world):
    wave = make_wave(world, open_=False, services_spec=(("A", 105), ("B", 2100)))
    services.wave_update(wave=wave, changes={"sample_method": "table-next-row"}, by=world.kerja_a)
    assert list(wave.services.values_list("target_sample", flat=True)) == [86, 327]


def test_a_wave_opens_only_with_a_service(world):
    wave = make_wave(world, open_=False, services_spec=())
    with pytest.raises(ValidationError, match="layanan"):
        services.wave_open(wave=wave, by=world.kerja_a)


def test_codes_are_unique_unambiguous_and_expire_after_the_chosen_days(world):
    wave = make_wave(world, kind="spak")
    batch = services.codes_issue(
        wave=wave, service=wave.services.get(), count=200, validity_days=3, by=world.kerja_a
    )
    codes = list(batch.codes.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 200
    assert all(len(c) == 8 and not set(c) & set("01ILO") for c in codes)
    delta = batch.expires_at - batch.issued_at
    assert delta.days == 3
    assert AuditRecord.objects.filter(action="survei.kode_diterbitkan").count() == 1


def test_two_racing_uses_of_one_code_admit_one_response(world):
    wave = make_wave(world, kind="spak")
    code = services.codes_issue(
        wave=wave, service=wave.services.get(), count=1, validity_days=1, by=world.kerja_a
    ).codes.get()
    # the first submission claimed the code between the second one's check and its claim
    ResponseCode.objects.filter(pk=code.pk).update(used_at=code.issued_at)
    with pytest.raises(services.CodeRefused, match="sudah dipakai"):
        services.response_submit_public(
            wave=wave, service=None, answers=answers_for(wave, 3), profile={},
            idempotency_key="late", code=code.code, duration=90,
        )  # fmt: skip
    assert not Response.objects.exists()


def test_a_paper_sheet_is_entered_once_and_accepted_under_the_clerks_name(world):
    wave = make_wave(world)
    service = wave.services.get()
    response = services.response_enter_paper(
        wave=wave, service=service, answers=answers_for(wave, 3), profile={"usia": "ge60"},
        sheet_number="017", by=world.kerja_a,
    )  # fmt: skip
    assert (
        response.status == Response.Status.ACCEPTED and response.channel == Response.Channel.PAPER
    )
    assert response.entered_by == world.kerja_a and response.age_band == "ge60"
    with pytest.raises(ValidationError, match="017"):
        services.response_enter_paper(
            wave=wave, service=service, answers=answers_for(wave, 4), profile={},
            sheet_number=" 017 ", by=world.kerja_a,
        )  # fmt: skip
    assert Response.objects.count() == 1
    assert (
        AuditRecord.objects.filter(action="survei.jawaban_kertas", actor=world.kerja_a).count() == 1
    )


def test_review_accepts_or_rejects_but_never_deletes(world):
    wave = make_wave(world, access_mode="link")
    held = [
        services.response_submit_public(
            wave=wave, service=wave.services.get(), answers=answers_for(wave, 4), profile={},
            idempotency_key=f"h{i}", duration=1,
        ).response
        for i in range(3)
    ]  # fmt: skip
    assert {r.status for r in held} == {Response.Status.HELD}
    with pytest.raises(ValidationError, match="alasan"):
        services.responses_review(
            wave=wave, response_ids=[held[0].pk], accept=False, note=" ", by=world.kerja_a
        )
    assert (
        services.responses_review(
            wave=wave, response_ids=[held[0].pk, held[1].pk], accept=True, note="", by=world.kerja_a
        )
        == 2
    )
    assert (
        services.responses_review(
            wave=wave, response_ids=[held[2].pk], accept=False, note="Robot", by=world.kerja_a
        )
        == 1
    )
    statuses = dict(Response.objects.values_list("pk", "status"))
    assert statuses == {held[0].pk: "accepted", held[1].pk: "accepted", held[2].pk: "rejected"}
    rejected = Response.objects.get(pk=held[2].pk)
    assert rejected.reviewed_by == world.kerja_a and rejected.review_note == "Robot"
    assert rejected.answers.count() == 9
    assert AuditRecord.objects.filter(action="survei.jawaban_ditolak").count() == 1
    with pytest.raises(Exception):  # noqa: B017 - PROTECT: answers keep their response
        Response.objects.get(pk=held[0].pk).delete()


def test_closing_freezes_the_results_and_stops_answers_and_reviews(world):
    wave = make_wave(world, access_mode="link")
    for i, value in enumerate([4, 3, 3]):
        services.response_submit_public(
            wave=wave, service=wave.services.get(), answers=answers_for(wave, value), profile={},
            idempotency_key=f"c{i}", duration=300, ip=f"10.0.0.{i}",
        )  # fmt: skip
    closed = services.wave_close(wave=wave, by=world.kerja_a)
    assert closed.status == SurveyWave.Status.CLOSED and closed.closed_by == world.kerja_a
    assert closed.result_respondents == 3
    assert closed.result_value == Decimal("83.33")  # (4+3+3)/3 × 25
    assert closed.result_mutu == "B"
    assert closed.results["overall"]["value"] == "83.33"
    with pytest.raises(ValidationError):
        services.response_submit_public(
            wave=closed, service=wave.services.get(), answers=answers_for(wave, 4), profile={},
            idempotency_key="late", duration=300,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.responses_review(
            wave=closed, response_ids=[], accept=True, note="", by=world.kerja_a
        )
    assert AuditRecord.objects.filter(action="survei.gelombang_ditutup").exists()

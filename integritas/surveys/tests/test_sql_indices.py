"""The indices computed by SQL aggregates equal the pure functions applied to the raw answers."""

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integritas.surveys import indices, selectors, services
from integritas.surveys.models import Response
from integritas.surveys.tests.conftest import make_wave

pytestmark = pytest.mark.django_db


def _code(wave, service):
    batch = services.codes_issue(
        wave=wave, service=service, count=1, validity_days=1, by=wave.created_by
    )
    return batch.codes.get().code


def _fill(wave, rng, count, *, held=0, rejected=0):
    """Store `count` accepted responses (plus some held/rejected ones) and return the raw rows."""
    rows = {service.pk: [] for service in wave.services.all()}
    service_list = list(wave.services.all())
    for i in range(count + held + rejected):
        service = rng.choice(service_list)
        answers = {code: rng.randint(1, wave.scale) for code in wave.item_codes}
        response = services.response_submit_public(
            wave=wave, service=None if wave.uses_codes else service, answers=answers,
            profile={}, idempotency_key=f"r{i}", ip=f"10.1.{i // 250}.{i % 250}",
            browser_id=f"browser-number-{i:06d}", duration=300,
            code=_code(wave, service) if wave.uses_codes else "",
        ).response  # fmt: skip
        if i >= count:
            Response.objects.filter(pk=response.pk).update(
                status=Response.Status.HELD if i < count + held else Response.Status.REJECTED
            )
            continue
        assert response.status == Response.Status.ACCEPTED
        rows[response.service_id].append(answers)
    return rows


def _exact_ci_ikm(all_rows, wave):
    weights = wave.weights()
    scores = [sum(Fraction(r[c]) * weights[c] for c in wave.item_codes) * 25 for r in all_rows]
    n = len(scores)
    mean = sum(scores) / n
    variance = sum((s - mean) ** 2 for s in scores) / (n - 1)
    t = Decimal(repr(indices.t_critical(n - 1)))
    half = (
        t * (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt() / Decimal(n).sqrt()
    )
    centre = Decimal(mean.numerator) / Decimal(mean.denominator)
    return centre - half, centre + half


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_skm_indices_from_sql_equal_the_pure_computation_on_raw_rows(world, seed):
    rng = random.Random(seed)
    wave = make_wave(world, access_mode="link", services_spec=(("KTP-el", 200), ("Akta", 80)))
    rows = _fill(wave, rng, 40 + seed * 7, held=3, rejected=2)
    result = selectors.wave_results(wave)

    everyone = [r for group in rows.values() for r in group]
    expected = indices.skm_from_rows(everyone, wave.item_codes, weights=wave.weights())
    assert result.respondents == expected.respondents == len(everyone)
    assert result.overall.value == expected.ikm.ikm
    assert result.overall.value_exact == expected.ikm.ikm_exact
    assert (result.overall.mutu, result.overall.kinerja) == (
        expected.ikm.mutu,
        expected.ikm.kinerja,
    )
    assert {i.code: i.mean for i in result.overall.items} == expected.nrr_by_unsur()
    assert result.overall.held == 3

    for group in result.services:
        own = indices.skm_from_rows(rows[group.service_id], wave.item_codes)
        assert group.value == own.ikm.ikm
        assert group.respondents == own.respondents

    low, high = _exact_ci_ikm(everyone, wave)
    assert abs(result.overall.ci[0] - low) < Decimal("1e-12")
    assert abs(result.overall.ci[1] - high) < Decimal("1e-12")
    assert result.overall.ci[0] < result.overall.value < result.overall.ci[1]


def test_unit_weights_are_honoured_in_the_sql_path(world):
    wave = make_wave(world, access_mode="link", open_=False)
    wave = services.wave_item_add(
        wave=wave, name="Kebersihan", text="Bagaimana kebersihan ruang tunggu?",
        answers=["Kotor", "Kurang bersih", "Bersih", "Sangat bersih"], by=world.kerja_a,
    )  # fmt: skip
    weights = {code: Fraction(1, 12) for code in wave.item_codes}
    weights["U1"], weights["U10"] = Fraction(1, 8), Fraction(5, 24)
    assert sum(weights.values()) == 1
    services.wave_weights_set(wave=wave, weights=weights, by=world.kerja_a)
    wave = services.wave_open(wave=wave, by=world.kerja_a)
    rows = _fill(wave, random.Random(5), 30)
    everyone = [r for group in rows.values() for r in group]
    expected = indices.skm_from_rows(everyone, wave.item_codes, weights=weights)
    result = selectors.wave_results(wave)
    assert wave.weight_denominator == 24
    assert result.overall.value_exact == expected.ikm.ikm_exact
    assert result.overall.value == expected.ikm.ikm


@pytest.mark.parametrize("conversion", ["proportional", "range-1-4", "range-0-4"])
def test_a_six_point_spak_wave_uses_its_chosen_conversion(world, conversion):
    wave = make_wave(world, kind="spak", access_mode="link", scale=6, conversion=conversion)
    rows = _fill(wave, random.Random(9), 25)
    everyone = [r for group in rows.values() for r in group]
    expected = indices.survey_from_rows(everyone, wave.item_codes, scale=6, conversion=conversion)
    result = selectors.wave_results(wave)
    assert result.overall.raw_mean == expected.index.raw_mean
    assert result.overall.value_exact == expected.index.index
    assert result.overall.points == expected.index.points
    assert result.overall.ci[0] <= result.overall.value <= result.overall.ci[1]


def test_spkp_index_on_the_default_scale_needs_no_conversion(world):
    wave = make_wave(world, kind="spkp", access_mode="code")
    rows = _fill(wave, random.Random(11), 20)
    everyone = [r for group in rows.values() for r in group]
    expected = indices.survey_from_rows(everyone, wave.item_codes, scale=4)
    result = selectors.wave_results(wave)
    assert result.overall.value_exact == expected.index.index == expected.index.raw_mean


def test_only_accepted_responses_count(world):
    wave = make_wave(world, access_mode="link")
    _fill(wave, random.Random(3), 0, held=4, rejected=4)
    result = selectors.wave_results(wave)
    assert result.respondents == 0 and result.overall.value is None
    assert result.overall.held == 4


def test_a_sample_below_target_is_warned_about(world):
    wave = make_wave(world, access_mode="link", services_spec=(("KTP-el", 100),))
    _fill(wave, random.Random(4), 10)
    result = selectors.wave_results(wave)
    assert result.overall.target == 80  # Krejcie & Morgan, N = 100
    assert any("di bawah target sampel 80" in w for w in result.warnings)


def test_the_indices_of_many_waves_take_a_fixed_number_of_queries(world):
    waves = [
        make_wave(world, access_mode="link", period_number=q, kind=k)
        for q in (1, 2) for k in ("skm", "spkp")
    ]  # fmt: skip
    for wave in waves:
        _fill(wave, random.Random(wave.pk), 6)
    with CaptureQueriesContext(connection) as small:
        selectors.wave_results_many(waves[:1])
    with CaptureQueriesContext(connection) as large:
        selectors.wave_results_many(waves)
    assert len(small.captured_queries) == len(large.captured_queries) == 3


def test_a_small_sample_interval_is_cut_to_the_scale(world):
    wave = make_wave(world, access_mode="link")
    rows = [[4, 3, 3, 4, 3, 4, 4, 2, 3], [3, 3, 4, 4, 3, 3, 4, 3, 3], [4] * 8 + [3]]
    for i, values in enumerate(rows):
        services.response_submit_public(
            wave=wave, service=wave.services.get(), answers=dict(zip(wave.item_codes, values, strict=True)),
            profile={}, idempotency_key=f"s{i}", ip=f"10.0.0.{i}", duration=300,
        )  # fmt: skip
    result = selectors.wave_results(wave).overall
    assert result.ci[1] == Decimal(100) and Decimal(25) <= result.ci[0] < result.value
    u4 = next(item for item in result.items if item.code == "U4")
    assert u4.ci == (Decimal(4), Decimal(4))
    assert all(Decimal(1) <= item.ci[0] <= item.ci[1] <= Decimal(4) for item in result.items)


@pytest.mark.parametrize(
    ("count", "total", "total_sq"),
    [(2, 7, 25), (3, 11, 41), (120, 390, 1310), (5000, 16250, 54000), (7, 7, 7)],
)
def test_the_cached_interval_is_the_indices_interval(count, total, total_sq):
    assert selectors._interval(count, total, total_sq) == indices.mean_confidence_interval(
        count, total, total_sq
    )

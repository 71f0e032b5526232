"""The survey rules (docs/zi-rules.md A.8, A.9, §2, §3) as plain functions: no database."""

import ast
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integritas.surveys import indices
from integritas.surveys.indices import (
    Conversion,
    ItemAggregate,
    SampleMethod,
    ikm_from_nrr,
    mean_confidence_interval,
    nrr,
    round_half_up,
    sample_size,
    skm_from_aggregates,
    skm_from_rows,
    survey_from_aggregates,
    survey_from_rows,
    survey_index,
)

SURVEYS_DIR = Path(__file__).resolve().parents[1]
UNSUR = [f"U{number}" for number in range(1, 10)]

# docs/zi-rules.md §3.6, typed in again from the published table (not imported from the module).
PUBLISHED_TABLE = """
10 10  15 14  20 19  25 24  30 28  35 32  40 36  45 40  50 44  55 48  60 52  65 56  70 59  75 63
80 66  85 70  90 73  95 76  100 80  110 86  120 92  130 97  140 103  150 108  160 113  170 118
180 123  190 127  200 132  210 136  220 140  230 144  240 148  250 152  260 155  270 159
280 162  290 165  300 169  320 175  340 181  360 186  380 191  400 196  420 201  440 205
460 210  480 214  500 217  550 226  600 234  650 242  700 248  750 254  800 260  850 265
900 269  950 274  1000 278  1100 285  1200 291  1300 297  1400 302  1500 306  1600 310
1700 313  1800 317  1900 320  2000 322  2200 327  2400 331  2600 335  2800 338  3000 341
3500 346  4000 351  4500 354  5000 357  6000 361  7000 364  8000 367  9000 368  10000 370
15000 375  20000 377  30000 379  40000 380  50000 381  75000 382  1000000 384
"""
_numbers = [int(token) for token in PUBLISHED_TABLE.split()]
TABLE_ROWS = list(zip(_numbers[::2], _numbers[1::2], strict=True))


def equal_nrr(value: Decimal | Fraction | int) -> dict[str, Decimal | Fraction | int]:
    return dict.fromkeys(UNSUR, value)


# --- SKM / IKM ---------------------------------------------------------------------------


def test_nrr_is_the_exact_mean_of_the_answers():
    assert nrr(31, 10) == Fraction(31, 10)
    assert nrr(11, 3) == Fraction(11, 3)


def test_nrr_refuses_an_item_without_answers():
    with pytest.raises(ValueError):
        nrr(0, 0)


def test_nrr_refuses_floats_because_they_are_inexact():
    with pytest.raises(TypeError):
        nrr(3.1, 1)  # type: ignore[arg-type]


def test_all_answers_4_give_ikm_100_and_mutu_a():
    result = skm_from_rows([dict.fromkeys(UNSUR, 4)] * 7, UNSUR)
    assert result.respondents == 7
    assert result.ikm.ikm == Decimal("100.00")
    assert result.ikm.ikm_exact == 100
    assert (result.ikm.mutu, result.ikm.kinerja) == ("A", "Sangat Baik")


def test_the_weight_is_exactly_one_ninth_not_0_11():
    result = ikm_from_nrr(equal_nrr(4))
    assert dict(result.weights) == dict.fromkeys(UNSUR, Fraction(1, 9))
    assert result.ikm == Decimal("100.00")  # 0,11 would give 99,00


def test_all_answers_1_give_ikm_25_and_mutu_d():
    result = ikm_from_nrr(equal_nrr(1))
    assert result.ikm == Decimal("25.00")
    assert (result.mutu, result.kinerja) == ("D", "Tidak Baik")


@pytest.mark.parametrize(
    ("exact", "shown", "mutu", "kinerja"),
    [
        ("88.305", "88.31", "A", "Sangat Baik"),  # falls in the table's gap: round, then classify
        ("88.31", "88.31", "A", "Sangat Baik"),
        ("88.3049", "88.30", "B", "Baik"),
        ("88.30", "88.30", "B", "Baik"),
        ("76.61", "76.61", "B", "Baik"),
        ("76.605", "76.61", "B", "Baik"),
        ("76.60", "76.60", "C", "Kurang Baik"),
        ("65.00", "65.00", "C", "Kurang Baik"),
        ("64.995", "65.00", "C", "Kurang Baik"),
        ("64.99", "64.99", "D", "Tidak Baik"),
    ],
)
def test_ikm_is_rounded_to_2_decimals_before_it_is_classified(exact, shown, mutu, kinerja):
    result = ikm_from_nrr(equal_nrr(Decimal(exact) / 25))
    assert result.ikm_exact == Fraction(Decimal(exact))
    assert result.ikm == Decimal(shown)
    assert (result.mutu, result.kinerja) == (mutu, kinerja)


def test_a_band_edge_reached_from_sql_aggregates():
    # 9 unsur × SUM 17661 over COUNT 5000: NRR 3,5322 each, IKM exactly 88,305 -> 88,31 -> A.
    aggregates = [ItemAggregate(code, 5000, 17661) for code in UNSUR]
    result = skm_from_aggregates(aggregates, respondents=5000)
    assert result.ikm.ikm_exact == Fraction(88305, 1000)
    assert result.ikm.ikm == Decimal("88.31")
    assert result.ikm.mutu == "A"


def test_uneven_nrr_mix_is_weighted_per_unsur():
    nrr_by_unsur = equal_nrr(Decimal("3.5"))
    nrr_by_unsur["U9"] = Decimal("3.7898")  # Σ = 31,7898 -> IKM 88,305
    result = ikm_from_nrr(nrr_by_unsur)
    assert result.ikm == Decimal("88.31")


def test_blank_answers_do_not_count_and_empty_rows_are_not_respondents():
    rows = [
        dict.fromkeys(UNSUR, 4),
        dict.fromkeys(UNSUR, 3),
        {**dict.fromkeys(UNSUR, 4), "U9": None},
        dict.fromkeys(UNSUR, None),
    ]
    result = skm_from_rows(rows, UNSUR)
    assert result.respondents == 3
    assert result.nrr_by_unsur()["U1"] == Fraction(11, 3)
    assert result.nrr_by_unsur()["U9"] == Fraction(7, 2)
    assert [item.count for item in result.items] == [3] * 8 + [2]
    # Full precision: rounding the NRR first would give 91,28.
    assert result.ikm.ikm_exact == Fraction(4925, 54)
    assert result.ikm.ikm == Decimal("91.20")


def test_an_unsur_without_any_answer_is_refused():
    rows = [{**dict.fromkeys(UNSUR, 4), "U5": None}]
    with pytest.raises(ValueError, match="U5"):
        skm_from_rows(rows, UNSUR)


def test_no_respondents_is_refused():
    with pytest.raises(ValueError):
        skm_from_rows([dict.fromkeys(UNSUR, None)], UNSUR)


def test_an_answer_outside_1_to_4_is_refused():
    with pytest.raises(ValueError, match="row 1, item U3"):
        skm_from_rows([{**dict.fromkeys(UNSUR, 4), "U3": 5}], UNSUR)


def test_aggregates_with_more_answers_than_respondents_are_refused():
    with pytest.raises(ValueError):
        skm_from_aggregates([ItemAggregate(code, 3, 9) for code in UNSUR], respondents=2)


def test_a_unit_may_add_an_unsur_if_the_weights_still_sum_to_1():
    codes = [*UNSUR, "U10"]
    result = ikm_from_nrr(dict.fromkeys(codes, 4), dict.fromkeys(codes, Fraction(1, 10)))
    assert result.ikm == Decimal("100.00")
    default = ikm_from_nrr(dict.fromkeys(codes, 3))
    assert dict(default.weights) == dict.fromkeys(codes, Fraction(1, 10))


@pytest.mark.parametrize(
    "weights",
    [
        dict.fromkeys(UNSUR, Decimal("0.11")),  # sums to 0,99
        dict.fromkeys(UNSUR[:8], Fraction(1, 8)),  # U9 missing
        dict.fromkeys(UNSUR, Fraction(1, 8)),  # sums to 9/8
        {**dict.fromkeys(UNSUR, Fraction(1, 9)), "U1": Fraction(-1, 9), "U2": Fraction(3, 9)},
    ],
)
def test_weights_must_cover_every_unsur_and_sum_to_1(weights):
    with pytest.raises(ValueError):
        ikm_from_nrr(equal_nrr(3), weights)


def test_an_nrr_outside_the_scale_is_refused():
    with pytest.raises(ValueError):
        ikm_from_nrr({**equal_nrr(3), "U1": Decimal("4.01")})


# --- SPAK / SPKP index ------------------------------------------------------------------------


def test_a_1_to_4_index_is_the_mean_of_the_item_means():
    rows = [
        {"Q1": 4, "Q2": 4, "Q3": 4, "Q4": 3, "Q5": 3},
        {"Q1": 3, "Q2": 3, "Q3": 4, "Q4": 4, "Q5": 2},
        {"Q1": 4, "Q2": None, "Q3": 3, "Q4": 4, "Q5": 4},
    ]
    result = survey_from_rows(rows, ["Q1", "Q2", "Q3", "Q4", "Q5"], scale=4)
    assert result.respondents == 3
    assert result.means_by_item()["Q2"] == Fraction(7, 2)
    assert result.index.raw_mean == result.index.index == Fraction(7, 2)
    assert result.index.conversion is None
    assert result.index.points == Fraction(7, 2) / 4 * Fraction(35, 2)
    assert round_half_up(result.index.points) == Decimal("15.31")


@pytest.mark.parametrize(("index", "points"), [("3.60", "15.75"), ("3.20", "14.00"), ("1", "4.38")])
def test_points_are_the_index_over_4_times_17_5(index, points):
    result = survey_index({"Q1": Decimal(index)}, 4)
    assert round_half_up(result.points) == Decimal(points)


@pytest.mark.parametrize(
    ("conversion", "index", "shown_points"),
    [
        (Conversion.PROPORTIONAL, Fraction(10, 3), "14.58"),  # 5 × 4/6
        (Conversion.RANGE_1_4, Fraction(17, 5), "14.88"),  # 1 + 4 × 3/5; 14,875 rounds up
        (Conversion.RANGE_0_4, Fraction(16, 5), "14.00"),  # 4 × 4/5
    ],
)
def test_a_1_to_6_instrument_is_converted_by_the_named_strategy(conversion, index, shown_points):
    rows = [
        {"Q1": 6, "Q2": 6, "Q3": 5, "Q4": 5, "Q5": 4},
        {"Q1": 5, "Q2": 4, "Q3": 6, "Q4": 3, "Q5": 6},
    ]
    result = survey_from_rows(rows, ["Q1", "Q2", "Q3", "Q4", "Q5"], scale=6, conversion=conversion)
    assert result.index.raw_mean == 5
    assert result.index.index == index
    assert result.index.conversion is conversion
    assert round_half_up(result.index.points) == Decimal(shown_points)


@pytest.mark.parametrize(
    ("conversion", "worst", "best"),
    [("proportional", Fraction(2, 3), 4), ("range-1-4", 1, 4), ("range-0-4", 0, 4)],
)
def test_conversions_map_the_ends_of_the_1_to_6_scale(conversion, worst, best):
    assert survey_index({"Q1": 1}, 6, conversion).index == worst
    assert survey_index({"Q1": 6}, 6, conversion).index == best


def test_a_1_to_6_instrument_without_a_conversion_is_refused():
    with pytest.raises(ValueError, match="explicit conversion"):
        survey_index({"Q1": 5}, 6)


def test_a_1_to_4_instrument_takes_no_conversion():
    with pytest.raises(ValueError):
        survey_index({"Q1": 3}, 4, Conversion.PROPORTIONAL)


@pytest.mark.parametrize(("scale", "conversion"), [(5, None), (6, "halve"), (4, "")])
def test_unknown_scales_and_conversions_are_refused(scale, conversion):
    with pytest.raises(ValueError):
        survey_index({"Q1": 3}, scale, conversion)


def test_survey_from_aggregates_matches_survey_from_rows():
    aggregates = [ItemAggregate("Q1", 2, 7), ItemAggregate("Q2", 1, 4)]
    result = survey_from_aggregates(aggregates, respondents=2, scale=4)
    assert result.index.raw_mean == Fraction(15, 4)


# --- Sample size -----------------------------------------------------------------------------


def test_the_module_holds_the_published_table():
    assert list(indices.KREJCIE_MORGAN_TABLE) == TABLE_ROWS
    assert len(TABLE_ROWS) == 90


@pytest.mark.parametrize(("population", "sample"), TABLE_ROWS)
def test_the_formula_reproduces_every_published_row(population, sample):
    assert sample_size(population) == sample


@pytest.mark.parametrize(("population", "sample"), TABLE_ROWS)
def test_the_next_row_method_gives_the_row_itself_on_a_row(population, sample):
    assert sample_size(population, SampleMethod.TABLE_NEXT_ROW) == sample


@pytest.mark.parametrize(
    ("population", "sample"), [(105, 83), (2100, 325), (100000, 383), (1000000, 384)]
)
def test_the_formula_settles_populations_between_rows(population, sample):
    assert sample_size(population, "formula") == sample


@pytest.mark.parametrize(
    ("population", "sample"), [(105, 86), (2100, 327), (100000, 384), (5000000, 384), (7, 7)]
)
def test_the_next_row_method_takes_the_row_above_capped_at_n(population, sample):
    assert sample_size(population, "table-next-row") == sample


@pytest.mark.parametrize("population", [1, 2, 3, 5, 9])
def test_a_tiny_population_is_surveyed_whole(population):
    assert sample_size(population) == population


@pytest.mark.parametrize("population", [0, -5, True, 10.0])
def test_the_population_must_be_a_positive_whole_number(population):
    with pytest.raises((ValueError, TypeError)):
        sample_size(population)


@pytest.mark.parametrize("method", list(SampleMethod))
def test_the_sample_never_shrinks_as_the_population_grows_up_to_20000(method):
    samples = [sample_size(population, method) for population in range(1, 20_001)]
    assert all(a <= b for a, b in zip(samples, samples[1:], strict=False))


def test_an_unknown_sample_method_is_refused():
    with pytest.raises(ValueError):
        sample_size(100, "guess")


# --- Confidence interval and rounding ---------------------------------------------------------


@pytest.mark.parametrize(
    ("df", "critical"),
    [(1, "12.706"), (2, "4.303"), (5, "2.571"), (10, "2.228"), (30, "2.042"), (1000, "1.962")],
)
def test_t_critical_matches_the_student_table(df, critical):
    assert round(indices.t_critical(df), 3) == float(critical)


def test_the_confidence_interval_comes_from_count_sum_and_sum_of_squares():
    answers = [4, 4, 4, 4, 4, 2, 2, 2, 2, 2]  # mean 3, s² = 10/9, t(9) = 2,262
    low, high = mean_confidence_interval(len(answers), sum(answers), sum(a * a for a in answers))
    assert round_half_up(low) == Decimal("2.25")
    assert round_half_up(high) == Decimal("3.75")
    assert low + high == 6


def test_identical_answers_give_a_point_interval():
    assert mean_confidence_interval(5, 20, 80) == (Decimal(4), Decimal(4))


@pytest.mark.parametrize(("count", "total", "total_sq"), [(1, 4, 16), (3, 9, 20)])
def test_a_confidence_interval_needs_two_consistent_answers(count, total, total_sq):
    with pytest.raises(ValueError):
        mean_confidence_interval(count, total, total_sq)


def test_rows_give_the_aggregates_sql_would():
    respondents, aggregates = indices.aggregate_rows(
        [{"Q1": 4, "Q2": None}, {"Q1": 2, "Q2": 3}, {"Q1": None, "Q2": None}], ["Q1", "Q2"], 4
    )
    assert respondents == 2
    assert aggregates == (ItemAggregate("Q1", 2, 6, 20), ItemAggregate("Q2", 1, 3, 9))


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("2.675"), 2, "2.68"),  # a float 2.675 would round down
        (Fraction(1, 200), 2, "0.01"),
        (Decimal("-1.005"), 2, "-1.01"),
        (Fraction(5, 2), 0, "3"),
        (100, 2, "100.00"),
    ],
)
def test_round_half_up_is_exact(value, places, expected):
    assert str(round_half_up(value, places)) == expected


# --- Properties ------------------------------------------------------------------------------

answer_rows = st.lists(
    st.fixed_dictionaries({code: st.integers(1, 4) for code in UNSUR}), min_size=1, max_size=30
)


@given(answer_rows)
def test_ikm_stays_within_25_and_100(rows):
    result = skm_from_rows(rows, UNSUR)
    assert 25 <= result.ikm.ikm_exact <= 100
    assert Decimal(25) <= result.ikm.ikm <= Decimal(100)


@given(answer_rows, st.integers(0, 29), st.sampled_from(UNSUR))
def test_raising_an_answer_never_lowers_the_ikm(rows, row_number, code):
    row_number %= len(rows)
    raised = [dict(row) for row in rows]
    raised[row_number][code] = min(4, raised[row_number][code] + 1)
    assert skm_from_rows(raised, UNSUR).ikm.ikm_exact >= skm_from_rows(rows, UNSUR).ikm.ikm_exact


@given(
    st.sampled_from([(4, None), (6, "proportional"), (6, "range-1-4"), (6, "range-0-4")]),
    st.lists(st.fractions(min_value=0, max_value=1), min_size=1, max_size=8),
)
def test_the_index_stays_within_0_and_4(scale_and_conversion, positions):
    scale, conversion = scale_and_conversion
    means = {f"Q{n}": 1 + p * (scale - 1) for n, p in enumerate(positions, start=1)}
    result = survey_index(means, scale, conversion)
    assert 0 <= result.index <= 4
    assert 0 <= result.points <= Fraction(35, 2)


@given(st.integers(1, 2_000_000), st.sampled_from(list(SampleMethod)))
def test_the_sample_never_exceeds_the_population_and_never_shrinks_as_it_grows(population, method):
    sample = sample_size(population, method)
    assert 1 <= sample <= population
    assert sample_size(population + 1, method) >= sample


# --- Purity ----------------------------------------------------------------------------------


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            modules.add("." * node.level + (node.module or ""))
    return modules


@pytest.mark.parametrize("name", ["indices.py", "instruments.py"])
def test_the_rule_modules_do_not_import_django(name):
    modules = imported_modules(SURVEYS_DIR / name)
    assert not [m for m in modules if m == "django" or m.startswith("django.")]


def test_indices_imports_no_other_integritas_module():
    modules = imported_modules(SURVEYS_DIR / "indices.py")
    assert not [m for m in modules if m.startswith(("integritas", "."))]


def test_instruments_imports_only_the_indices_of_its_own_app():
    modules = imported_modules(SURVEYS_DIR / "instruments.py")
    assert [m for m in modules if m.startswith(("integritas", "."))] == [
        "integritas.surveys.indices"
    ]

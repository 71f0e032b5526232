"""The LKE roll-up with the regulation's own numbers (docs/zi-rules.md §1.2-1.6, A.3-A.5, A.10)."""

from decimal import Decimal as D

import pytest

from integritas.evaluation.engine import (
    AssessmentInput,
    InvalidAnswer,
    best_answer,
    find_framework,
    formula_value,
    round2,
    score,
)
from integritas.evaluation.engine.framework import Formula

FRAMEWORK = find_framework()
BEST = {q.code: best_answer(q) for q in FRAMEWORK.questions}
MAX_HASIL = {"ipak_index": D(4), "ipkp_index": D(4), "capaian_kinerja": "A", "tlhp_percent": D(100)}


def scored(answers=None, hasil=None):
    return score(FRAMEWORK, AssessmentInput(answers=answers or {}, hasil=hasil or {}))


@pytest.mark.parametrize(
    ("index", "points"),
    [
        (D("3.60"), D("15.75")),  # §1.6: S6 "IPAK 15,75 / survei 3,60"
        (D("3.20"), D("14.00")),  # §1.6: S6 "14,00 / survei 3,20"
        (D("4"), D("17.50")),
        (D("1"), D("4.38")),  # §1.6 note: index 1 still gives 4,375 points (no rescaling)
        (D("0"), D("0.00")),
        (D("3.59"), D("15.71")),
    ],
)
def test_ipak_and_ipkp_points_are_index_over_4_times_17_5(index, points):
    result = scored(hasil={"ipak_index": index, "ipkp_index": index})
    assert round2(result.component("ipak").points) == points
    assert round2(result.component("ipkp").points) == points


@pytest.mark.parametrize(
    ("label", "points"),
    [("A", D("5.00")), ("B", D("3.75")), ("C", D("2.50")), ("D", D("1.25")), ("E", D("0.00"))],
)
def test_capaian_kinerja_levels_give_the_lke_points(label, points):
    assert (
        round2(scored(hasil={"capaian_kinerja": label}).component("capaian_kinerja").points)
        == points
    )


@pytest.mark.parametrize(
    ("percent", "points"),
    [(D(100), D("5.00")), (D(70), D("3.50")), (D("69.8"), D("3.49")), (D(0), D("0"))],
)
def test_tlhp_points_are_percent_over_100_times_5_and_stay_out_of_the_total(percent, points):
    result = scored(hasil={"tlhp_percent": percent})
    assert round2(result.component("tlhp").points) == round2(points)
    assert result.hasil == 0
    assert result.total == 0


def test_the_hasil_of_the_example_adds_up_to_33_5():
    result = scored(hasil={"ipak_index": D("3.6"), "ipkp_index": D("3.2"), "capaian_kinerja": "B"})
    assert result.hasil == D("33.5")
    assert result.metric("hasil_bersih") == D("19.5")
    assert result.metric("hasil_pelayanan") == D("14.0")


def test_best_answer_everywhere_with_all_hasil_at_maximum_scores_100():
    result = scored(BEST, MAX_HASIL)
    assert result.total == 100
    assert result.pengungkit == 60
    assert result.hasil == 40
    for area in result.areas:
        assert area.total == area.weight
        assert area.pemenuhan == area.reform == area.weight / 2
    assert result.completeness.answered == result.completeness.questions == 110


def test_nothing_answered_scores_0_and_shows_completeness_0_of_110():
    result = scored()
    assert result.total == 0
    assert (result.completeness.answered, result.completeness.questions) == (0, 110)
    assert not any(q.answered for q in result.questions.values())


def test_a_sub_indicator_is_its_weight_times_the_mean_with_unanswered_as_0():
    # P1.i weighs 0,50 with two questions; only a answered "Ya".
    result = scored({"P1.i.a": "Ya"})
    assert result.area("MP").sub_indicators[0].score == D("0.25")
    assert result.area("MP").sub_indicators[0].answered == 1
    assert result.completeness.answered == 1


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"P1.iii.a": "B", "P1.iii.b": "B", "P1.iii.c": "B"},
            D("0.67"),
        ),  # A/B/C/D = 1; 0,67; 0,33; 0
        ({"P1.iii.a": "C", "P1.iii.b": "C", "P1.iii.c": "C"}, D("0.33")),
        ({"P1.iii.a": "A", "P1.iii.b": "D", "P1.iii.c": "D"}, D("1") / 3),
    ],
)
def test_abcd_options_take_the_two_decimal_values(answers, expected):
    assert scored(answers).area("MP").sub_indicators[2].score == expected


def test_option_labels_of_each_type_carry_the_values_of_a3():
    values = {t: {k: str(v) for k, v in m.items()} for t, m in FRAMEWORK.option_values.items()}
    assert values == {
        "YT": {"Ya": "1", "Tidak": "0"},
        "ABC": {"A": "1", "B": "0.5", "C": "0"},
        "ABCD": {"A": "1", "B": "0.67", "C": "0.33", "D": "0"},
        "ABCDE": {"A": "1", "B": "0.75", "C": "0.5", "D": "0.25", "E": "0"},
    }


def test_an_area_is_pemenuhan_plus_reform_and_pengungkit_their_sum():
    result = scored({"P1.i.a": "Ya", "R1.ii.a": "A", "P2.iii.a": "B"})
    mp = result.area("MP")
    assert mp.pemenuhan == D("0.25")
    assert mp.reform == D("1")
    assert mp.total == D("1.25")
    assert result.area("TT").total == D("0.125")
    assert result.pengungkit == D("1.375")
    assert result.total == result.pengungkit + result.hasil


RATIO = Formula(name="ratio", numerator="n", denominators=("d",))
RATIO_SUM = Formula(name="ratio", numerator="n", denominators=("d1", "d2", "d3"))
COMPLAINTS = Formula(name="ratio", numerator="n", denominators=("d",), if_denominator_zero=D(1))
DECREASE = Formula(name="decrease_ratio", previous="p", current="c")


@pytest.mark.parametrize(
    ("formula", "inputs", "value"),
    [
        (RATIO, {"n": 3, "d": 4}, D("0.75")),
        (RATIO, {"n": 6, "d": 4}, D(1)),  # capped at 100 %
        (RATIO, {"n": 0, "d": 4}, D(0)),
        (RATIO, {"n": 2, "d": 0}, D(0)),  # no base: nothing counts
        (RATIO_SUM, {"n": 9, "d1": 1, "d2": 4, "d3": 5}, D("0.9")),  # LHKPN: Σ of those obliged
        (COMPLAINTS, {"n": 7, "d": 10}, D("0.7")),  # selesai / harus ditindaklanjuti
        (COMPLAINTS, {"n": 0, "d": 0}, D(1)),  # nothing to follow up gives 1 (A.10)
        (COMPLAINTS, {"n": 12, "d": 10}, D(1)),
        (DECREASE, {"p": 4, "c": 1}, D("0.75")),  # (previous − current) / previous
        (DECREASE, {"p": 4, "c": 4}, D(0)),
        (DECREASE, {"p": 4, "c": 6}, D(0)),  # more violations: capped at 0
        (DECREASE, {"p": 4, "c": 0}, D(1)),
        (DECREASE, {"p": 0, "c": 0}, D(1)),  # previous 0 and current 0 gives 1 (A.10)
        (DECREASE, {"p": 0, "c": 2}, D(0)),  # previous 0 and current > 0 gives 0 (A.10)
    ],
)
def test_percent_formulas_follow_a10(formula, inputs, value):
    assert formula_value(formula, {k: D(v) for k, v in inputs.items()}) == value


def test_a_formula_with_a_missing_input_leaves_the_question_unanswered():
    assert formula_value(RATIO, {"n": D(1)}) is None
    result = scored({"R1.i.a": {"jml_agen_perubahan": D(5)}})
    assert not result.questions["R1.i.a"].answered


def test_the_shipped_percent_questions_use_their_declared_formulas():
    result = scored(
        {
            "R1.i.a": {"jml_agen_perubahan": D(10), "jml_perubahan_dibuat": D(8)},
            "R3.iii.a": {
                "jml_pelanggaran_tahun_sebelumnya": D(0),
                "jml_pelanggaran_tahun_ini": D(0),
                "jml_pelanggaran_disanksi": D(0),
            },
            "R5.ii.a": {
                "jml_pengaduan_harus_ditindaklanjuti": D(0),
                "jml_pengaduan_diproses": D(0),
                "jml_pengaduan_selesai": D(0),
            },
            "R5.iii.a": {
                "wajib_lhkpn_kepala_satker": D(1),
                "wajib_lhkpn_pejabat": D(2),
                "wajib_lhkpn_lainnya": D(1),
                "jml_sudah_lapor_lhkpn": D(3),
            },
        }
    )
    assert result.questions["R1.i.a"].value == D("0.8")
    assert result.questions["R3.iii.a"].value == 1
    assert result.questions["R5.ii.a"].value == 1
    assert result.questions["R5.iii.a"].value == D("0.75")


def test_a_percent_entered_directly_counts_as_its_ratio():
    result = scored({"R1.i.a": D(80), "R1.i.b": D(100)})
    assert result.questions["R1.i.a"].value == D("0.8")
    assert result.area("MP").reform == D("1.8")  # R1.i weighs 2,00: 2 × (0,8 + 1) / 2


def test_an_answer_the_question_cannot_take_is_refused():
    with pytest.raises(InvalidAnswer):
        scored({"P1.i.a": "A"})
    with pytest.raises(InvalidAnswer):
        scored(hasil={"capaian_kinerja": "F"})

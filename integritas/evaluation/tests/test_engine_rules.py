"""Both rule sets at and around each threshold (docs/zi-rules.md A.6, §1.7; Perwali 23/2025 Pasal 16 (4))."""

from decimal import Decimal as D

import pytest

from integritas.evaluation.engine import (
    AssessmentInput,
    evaluate_predicate,
    evaluate_rule_set,
    find_framework,
    rule_sets_for,
    score,
)
from integritas.evaluation.engine.scoring import (
    AreaScore,
    Completeness,
    HasilComponentScore,
    HasilGroupScore,
    ScoreResult,
)

FRAMEWORK = find_framework()
RULE_SETS = {r.code: r for r in rule_sets_for(FRAMEWORK)}
LOCAL = RULE_SETS["perwali-kupang-23-2025"]
NATIONAL = RULE_SETS["permenpanrb-90-2021"]


def make(
    *,
    total=D(100),
    pengungkit=D(60),
    areas=None,
    halves=None,
    ipak=D("17.5"),
    capaian=D(5),
    ipkp=D("17.5"),
    tlhp=D(5),
    bersih=None,
    pelayanan=None,
):
    """Build a ScoreResult that meets every rule, except for the values given."""
    area_scores = []
    for area in FRAMEWORK.areas:
        value = D((areas or {}).get(area.code, area.weight))
        pemenuhan, reform = (halves or {}).get(area.code, (value / 2, value / 2))
        area_scores.append(
            AreaScore(area.code, area.name, area.weight, D(pemenuhan), D(reform), ())
        )
    points = {"ipak": D(ipak), "capaian_kinerja": D(capaian), "ipkp": D(ipkp), "tlhp": D(tlhp)}
    groups = {"ipak": "bersih", "capaian_kinerja": "bersih", "tlhp": "bersih", "ipkp": "pelayanan"}
    components = tuple(
        HasilComponentScore(code, groups[code], True, D(0), value, D(0))
        for code, value in points.items()
    )
    bersih = D(bersih) if bersih is not None else points["ipak"] + points["capaian_kinerja"]
    pelayanan = D(pelayanan) if pelayanan is not None else points["ipkp"]
    return ScoreResult(
        framework=FRAMEWORK.code,
        version=FRAMEWORK.version,
        total=D(total),
        pengungkit=D(pengungkit),
        hasil=bersih + pelayanan,
        areas=tuple(area_scores),
        hasil_groups=(
            HasilGroupScore("bersih", D("22.5"), bersih),
            HasilGroupScore("pelayanan", D("17.5"), pelayanan),
        ),
        hasil_components=components,
        questions={},
        completeness=Completeness(110, 110),
    )


def failing(rule_set, predicate, result, **kwargs):
    return [f.rule for f in evaluate_predicate(rule_set, predicate, result, **kwargs).failures]


def test_a_result_meeting_every_rule_is_eligible_everywhere():
    for rule_set in RULE_SETS.values():
        for predicate in ("WBK", "WBBM"):
            assert failing(rule_set, predicate, make(), predikat_wbk=True) == []


@pytest.mark.parametrize(
    ("rule_set", "predicate", "values", "fails"),
    [
        # Pasal 16 ayat (4) huruf a: total ≥ 75 (WBK) / ≥ 85 (WBBM); compared rounded half up (A.6).
        (LOCAL, "WBK", {"total": "74.99"}, ["total"]),
        (LOCAL, "WBK", {"total": "74.994"}, ["total"]),
        (LOCAL, "WBK", {"total": "74.995"}, []),
        (LOCAL, "WBK", {"total": "75.00"}, []),
        (LOCAL, "WBBM", {"total": "84.99"}, ["total"]),
        (LOCAL, "WBBM", {"total": "85"}, []),
        (LOCAL, "WBBM", {"total": "84.995"}, []),
        # huruf b: hasil bersih ≥ 18, IPAK ≥ 13,5, TLHP ≥ 3,5; huruf c: pelayanan ≥ 16.
        (LOCAL, "WBK", {"bersih": "17.99"}, ["hasil_bersih"]),
        (LOCAL, "WBK", {"bersih": "18.00"}, []),
        (LOCAL, "WBK", {"ipak": "13.49"}, ["ipak"]),
        (LOCAL, "WBK", {"ipak": "13.50"}, []),
        (LOCAL, "WBK", {"ipak": "13.495"}, []),
        (LOCAL, "WBBM", {"ipak": "13.49"}, ["ipak"]),
        (LOCAL, "WBK", {"tlhp": "3.49"}, ["tlhp"]),
        (LOCAL, "WBK", {"tlhp": "3.50"}, []),
        (LOCAL, "WBBM", {"tlhp": "3.49"}, ["tlhp"]),
        (LOCAL, "WBK", {"pelayanan": "15.99"}, ["hasil_pelayanan"]),
        (LOCAL, "WBK", {"pelayanan": "16"}, []),
        (LOCAL, "WBBM", {"pelayanan": "15.99"}, ["hasil_pelayanan"]),
        # The local rule has no pengungkit, area or capaian minimum.
        (
            LOCAL,
            "WBK",
            {"pengungkit": "30", "areas": {"MP": 0}, "capaian": "0", "bersih": "18"},
            [],
        ),
        # National (§1.7): total, pengungkit 40/48, hasil sub-minimums.
        (NATIONAL, "WBK", {"total": "74.99"}, ["total"]),
        (NATIONAL, "WBK", {"total": "75"}, []),
        (NATIONAL, "WBBM", {"total": "84.99"}, ["total"]),
        (NATIONAL, "WBBM", {"total": "85.00"}, []),
        (NATIONAL, "WBK", {"pengungkit": "39.99"}, ["pengungkit"]),
        (NATIONAL, "WBK", {"pengungkit": "40"}, []),
        (NATIONAL, "WBBM", {"pengungkit": "47.99"}, ["pengungkit"]),
        (NATIONAL, "WBBM", {"pengungkit": "48"}, []),
        (NATIONAL, "WBK", {"bersih": "18.24"}, ["hasil_bersih"]),
        (NATIONAL, "WBK", {"bersih": "18.25"}, []),
        (NATIONAL, "WBBM", {"bersih": "19.49"}, ["hasil_bersih"]),
        (NATIONAL, "WBBM", {"bersih": "19.50"}, []),
        (NATIONAL, "WBK", {"ipak": "15.74"}, ["ipak"]),
        (NATIONAL, "WBK", {"ipak": "15.75"}, []),
        (NATIONAL, "WBBM", {"ipak": "15.74"}, ["ipak"]),
        (NATIONAL, "WBK", {"capaian": "2.49"}, ["capaian_kinerja"]),
        (NATIONAL, "WBK", {"capaian": "2.50"}, []),
        (NATIONAL, "WBBM", {"capaian": "3.74"}, ["capaian_kinerja"]),
        (NATIONAL, "WBBM", {"capaian": "3.75"}, []),
        (NATIONAL, "WBK", {"pelayanan": "13.99"}, ["hasil_pelayanan"]),
        (NATIONAL, "WBK", {"pelayanan": "14.00"}, []),
        (NATIONAL, "WBBM", {"pelayanan": "15.74"}, ["hasil_pelayanan"]),
        (NATIONAL, "WBBM", {"pelayanan": "15.75"}, []),
        # The national rule has no TLHP minimum.
        (NATIONAL, "WBK", {"tlhp": "0"}, []),
    ],
)
def test_each_threshold_at_and_around_its_value(rule_set, predicate, values, fails):
    assert failing(rule_set, predicate, make(**values), predikat_wbk=True) == fails


@pytest.mark.parametrize(
    ("predicate", "code", "value", "passes"),
    [
        ("WBK", "PW", "8.995", True),  # 15 × 60 % = 9,00; 8,995 shows 9,00 (A.6)
        ("WBK", "PW", "8.994", False),
        ("WBK", "PW", "9", True),
        ("WBK", "MP", "4.80", True),  # 8 × 60 %
        ("WBK", "MP", "4.79", False),
        ("WBK", "TT", "4.195", True),  # 7 × 60 % = 4,20
        ("WBK", "TT", "4.19", False),
        ("WBK", "SDM", "5.995", True),
        ("WBK", "AK", "5.99", False),
        ("WBK", "PP", "6", True),
        ("WBBM", "PW", "11.245", True),  # 15 × 75 % = 11,25
        ("WBBM", "PW", "11.244", False),
        ("WBBM", "TT", "5.25", True),  # 7 × 75 %
        ("WBBM", "TT", "5.24", False),
        ("WBBM", "MP", "6", True),
        ("WBBM", "PP", "7.49", False),
    ],
)
def test_each_area_is_tested_as_a_whole_against_its_minimum_ratio(predicate, code, value, passes):
    fails = failing(NATIONAL, predicate, make(areas={code: value}), predikat_wbk=True)
    assert fails == ([] if passes else [f"area:{code}"])


def test_a_half_area_below_the_ratio_is_a_warning_not_a_failure():
    result = make(areas={"PW": "9"}, halves={"PW": ("2", "7")})
    outcome = evaluate_predicate(NATIONAL, "WBK", result)
    assert outcome.eligible
    assert [w.rule for w in outcome.warnings] == ["area:PW:pemenuhan"]
    assert outcome.warnings[0].minimum == D("4.50")


def test_a_failure_carries_the_rounded_numbers_and_an_indonesian_message():
    outcome = evaluate_predicate(LOCAL, "WBK", make(ipak="13.1", bersih="18"))
    (failure,) = outcome.failures
    assert (failure.rule, failure.value, failure.minimum) == ("ipak", D("13.10"), D("13.50"))
    assert failure.message == "IPAK 13,10 < 13,50"
    assert failure.clause.startswith("Pasal 16 ayat (4) huruf b")


def test_an_area_failure_names_the_area_and_its_minimum():
    outcome = evaluate_predicate(NATIONAL, "WBK", make(areas={"MP": "4.5"}))
    (failure,) = outcome.failures
    assert failure.rule == "area:MP"
    assert failure.message == "Area Manajemen Perubahan 4,50 < 4,80 (60% dari bobot 8,00)"


@pytest.mark.parametrize(
    ("predikat_wbk", "eligible", "fails", "not_evaluated"),
    [
        (None, True, [], ("predikat_wbk",)),  # only evaluated when the caller provides it
        (True, True, [], ()),
        (False, False, ["predikat_wbk"], ()),
    ],
)
def test_wbbm_needs_a_standing_wbk_predicate_when_the_caller_says(
    predikat_wbk, eligible, fails, not_evaluated
):
    outcome = evaluate_predicate(NATIONAL, "WBBM", make(), predikat_wbk=predikat_wbk)
    assert outcome.eligible is eligible
    assert [f.rule for f in outcome.failures] == fails
    assert outcome.not_evaluated == not_evaluated
    assert failing(NATIONAL, "WBK", make(), predikat_wbk=False) == []


def test_every_failing_rule_is_listed_not_only_the_first():
    result = make(
        total="50",
        pengungkit="30",
        areas={"MP": 0, "PP": 0},
        ipak="10",
        capaian="0",
        pelayanan="10",
    )
    assert failing(NATIONAL, "WBK", result) == [
        "total",
        "pengungkit",
        "area:MP",
        "area:PP",
        "hasil_bersih",
        "ipak",
        "capaian_kinerja",
        "hasil_pelayanan",
    ]


def test_rule_sets_are_evaluated_from_a_real_score_with_indices_from_the_regulation():
    hasil = {
        "ipak_index": D("3.60"),
        "ipkp_index": D("3.20"),
        "capaian_kinerja": "C",
        "tlhp_percent": D(70),
    }
    result = score(FRAMEWORK, AssessmentInput(hasil=hasil))
    national = evaluate_rule_set(NATIONAL, result).predicate("WBK")
    assert "ipak" not in [f.rule for f in national.failures]  # 15,75 meets 15,75
    assert "capaian_kinerja" not in [f.rule for f in national.failures]  # C = 2,50
    assert "hasil_pelayanan" not in [f.rule for f in national.failures]  # 14,00 meets 14,00
    local = evaluate_rule_set(LOCAL, result).predicate("WBK")
    assert [f.rule for f in local.failures] == [
        "total",
        "hasil_pelayanan",
    ]  # TLHP 70 % = 3,50 passes
    lower = score(FRAMEWORK, AssessmentInput(hasil={**hasil, "ipak_index": D("3.59")}))
    assert "ipak" in [f.rule for f in evaluate_rule_set(NATIONAL, lower).predicate("WBK").failures]

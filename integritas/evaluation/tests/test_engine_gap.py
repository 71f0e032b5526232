"""Gap analysis: the fewest single-answer improvements that reach WBK/WBBM, or why none can."""

import itertools
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integritas.evaluation.engine import (
    AssessmentInput,
    apply_gap,
    best_answer,
    evaluate_predicate,
    find_framework,
    gap_analysis,
    load_framework,
    load_rule_set,
    rule_sets_for,
    score,
)

FRAMEWORK = find_framework()
RULE_SETS = {r.code: r for r in rule_sets_for(FRAMEWORK)}
LOCAL = RULE_SETS["perwali-kupang-23-2025"]
NATIONAL = RULE_SETS["permenpanrb-90-2021"]
GOOD_HASIL = {
    "ipak_index": D(4),
    "ipkp_index": D(4),
    "capaian_kinerja": "A",
    "tlhp_percent": D(100),
}
WORST = {q.code: (q.options[-1].label if q.options else D(0)) for q in FRAMEWORK.questions}
BEST = {q.code: best_answer(q) for q in FRAMEWORK.questions}


def eligible(framework, rule_set, assessment, predicate, **kwargs):
    return evaluate_predicate(rule_set, predicate, score(framework, assessment), **kwargs).eligible


def test_an_eligible_unit_needs_no_step():
    assessment = AssessmentInput(answers=BEST, hasil=GOOD_HASIL)
    gap = gap_analysis(FRAMEWORK, NATIONAL, assessment, "WBBM", predikat_wbk=True)
    assert gap.reachable
    assert gap.steps == ()
    assert gap.projected_total == 100


def test_the_steps_reach_the_target_when_it_is_reachable():
    assessment = AssessmentInput(answers=WORST, hasil=GOOD_HASIL)
    for rule_set in RULE_SETS.values():
        for predicate in ("WBK", "WBBM"):
            gap = gap_analysis(FRAMEWORK, rule_set, assessment, predicate, predikat_wbk=True)
            assert gap.reachable, gap.reason
            assert eligible(
                FRAMEWORK, rule_set, apply_gap(assessment, gap), predicate, predikat_wbk=True
            )
            assert gap.points == sum(s.points for s in gap.steps)
            assert gap.projected_total == score(FRAMEWORK, apply_gap(assessment, gap)).total


def test_each_step_raises_one_question_to_its_best_answer_and_names_the_rules_it_helps():
    assessment = AssessmentInput(answers=WORST, hasil=GOOD_HASIL)
    gap = gap_analysis(FRAMEWORK, NATIONAL, assessment, "WBK")
    assert len({s.question for s in gap.steps}) == len(gap.steps)
    for step in gap.steps:
        assert step.target == BEST[step.question]
        assert step.current == WORST[step.question]
        assert step.points > 0
        assert step.helps
        assert set(step.helps) <= {"total", "pengungkit"} | {
            f"area:{a.code}" for a in FRAMEWORK.areas
        }
    assert best_answer(FRAMEWORK.question("R1.i.a")) == D(100)


def test_a_hasil_failure_makes_the_target_unreachable_and_the_reason_names_the_rule():
    hasil = {**GOOD_HASIL, "ipak_index": D("2.99")}  # 13,08 points < 13,50
    gap = gap_analysis(FRAMEWORK, LOCAL, AssessmentInput(answers=WORST, hasil=hasil), "WBK")
    assert not gap.reachable
    assert [f.rule for f in gap.blocking] == ["ipak"]
    assert "IPAK 13,08 < 13,50" in gap.reason  # the rule named in the words users read
    assert gap.steps  # the pengungkit part of the way is still shown


def test_a_total_out_of_reach_through_pengungkit_is_named():
    gap = gap_analysis(FRAMEWORK, NATIONAL, AssessmentInput(answers=WORST), "WBK")
    assert not gap.reachable
    assert "total" in [f.rule for f in gap.blocking]
    assert "paling tinggi 60,00" in gap.reason


def test_a_missing_wbk_predicate_blocks_wbbm():
    assessment = AssessmentInput(answers=BEST, hasil=GOOD_HASIL)
    gap = gap_analysis(FRAMEWORK, NATIONAL, assessment, "WBBM", predikat_wbk=False)
    assert not gap.reachable
    assert [f.rule for f in gap.blocking] == ["predikat_wbk"]


# A small worksheet where every subset of improvements can be tried.
VALUES = {
    "YT": {"Ya": 1, "Tidak": 0},
    "ABC": {"A": 1, "B": 0.5, "C": 0},
    "ABCD": {"A": 1, "B": 0.67, "C": 0.33, "D": 0},
    "ABCDE": {"A": 1, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0},
}


def _question(code, answer_type):
    options = [
        {"label": label, "text": label, "value": value}
        for label, value in VALUES[answer_type].items()
    ]
    return {"code": code, "text": code, "answer_type": answer_type, "options": options}


def _sub(code, weight, *types):
    questions = [
        _question(f"{code}.{letter}", t) for letter, t in zip("abcdef", types, strict=False)
    ]
    return {"code": code, "name": code, "weight": weight, "questions": questions}


MINI = load_framework(
    {
        "code": "lke-mini",
        "title": "Mini",
        "regulation": "uji",
        "version": 1,
        "published": True,
        "option_values": VALUES,
        "pengungkit": [
            {
                "code": "AA",
                "number": 1,
                "name": "Area A",
                "weight": 36,
                "pemenuhan": [_sub("P1.i", 12, "ABCD", "ABC", "YT"), _sub("P1.ii", 6, "ABCDE")],
                "reform": [_sub("R1.i", 18, "ABC", "ABCD")],
            },
            {
                "code": "BB",
                "number": 2,
                "name": "Area B",
                "weight": 24,
                "pemenuhan": [_sub("P2.i", 12, "ABCDE", "YT")],
                "reform": [_sub("R2.i", 12, "ABCD", "ABC")],
            },
        ],
        "hasil": [
            {
                "code": "bersih",
                "name": "Hasil",
                "weight": 40,
                "components": [
                    {
                        "code": "ipak",
                        "name": "IPAK",
                        "weight": 40,
                        "kind": "index",
                        "input": "ipak_index",
                        "minimum": 0,
                        "maximum": 4,
                    }
                ],
            }
        ],
    }
)
MINI_RULES = load_rule_set(
    {
        "code": "mini-rules",
        "title": "Mini",
        "regulation": "uji",
        "scope": "national",
        "version": 1,
        "published": True,
        "frameworks": ["lke-mini"],
        "predicates": {
            name: [
                {
                    "id": "total",
                    "metric": "total",
                    "minimum": total,
                    "label": "Total",
                    "clause": "uji",
                },
                {
                    "id": "pengungkit",
                    "metric": "pengungkit",
                    "minimum": peng,
                    "label": "P",
                    "clause": "uji",
                },
                {
                    "id": "area",
                    "kind": "area_ratio",
                    "minimum_ratio": ratio,
                    "label": "Area",
                    "clause": "uji",
                },
            ]
            for name, total, peng, ratio in (("WBK", 75, 40, 0.6), ("WBBM", 85, 48, 0.75))
        },
    },
    framework=MINI,
)


@st.composite
def mini_assessments(draw):
    answers = {}
    for question in MINI.questions:
        label = draw(st.sampled_from([None, *(o.label for o in question.options)]))
        if label is not None:
            answers[question.code] = label
    index = draw(st.decimals(min_value=D("3.6"), max_value=D(4), places=2))
    return AssessmentInput(answers=answers, hasil={"ipak_index": index})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mini_assessments(), st.sampled_from(["WBK", "WBBM"]))
def test_no_smaller_set_of_improvements_reaches_the_target(assessment, predicate):
    gap = gap_analysis(MINI, MINI_RULES, assessment, predicate)
    assert gap.reachable, gap.reason
    assert eligible(MINI, MINI_RULES, apply_gap(assessment, gap), predicate)
    improvable = [q for q in MINI.questions if assessment.answers.get(q.code) != best_answer(q)]
    for size in range(len(gap.steps)):
        for subset in itertools.combinations(improvable, size):
            answers = {**assessment.answers, **{q.code: best_answer(q) for q in subset}}
            better = AssessmentInput(answers=answers, hasil=assessment.hasil)
            assert not eligible(MINI, MINI_RULES, better, predicate), [q.code for q in subset]

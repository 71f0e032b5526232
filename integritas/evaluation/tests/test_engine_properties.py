"""Properties that hold for any answers: bounded scores, monotone answers, weights of 100."""

from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integritas.evaluation.engine import (
    AssessmentInput,
    apply_gap,
    evaluate_predicate,
    find_framework,
    formula_value,
    gap_analysis,
    question_value,
    rule_sets_for,
    score,
)
from integritas.evaluation.engine.framework import Formula

FRAMEWORK = find_framework()
RULE_SETS = rule_sets_for(FRAMEWORK)
COUNTS = st.integers(min_value=0, max_value=500).map(D)


def answer_for(question):
    if question.is_percent:
        inputs = st.fixed_dictionaries({i.code: COUNTS for i in question.inputs})
        percent = st.decimals(min_value=0, max_value=100, places=2)
        return st.one_of(st.none(), percent, inputs)
    return st.one_of(st.none(), st.sampled_from([o.label for o in question.options]))


ANSWERS = st.fixed_dictionaries({q.code: answer_for(q) for q in FRAMEWORK.questions}).map(
    lambda answers: {code: answer for code, answer in answers.items() if answer is not None}
)
HASIL = st.fixed_dictionaries(
    {},
    optional={
        "ipak_index": st.decimals(min_value=0, max_value=4, places=2),
        "ipkp_index": st.decimals(min_value=0, max_value=4, places=2),
        "capaian_kinerja": st.sampled_from("ABCDE"),
        "tlhp_percent": st.decimals(min_value=0, max_value=100, places=2),
    },
)
ASSESSMENTS = st.builds(AssessmentInput, answers=ANSWERS, hasil=HASIL)


def test_weights_add_up_to_100_at_every_level():
    assert FRAMEWORK.pengungkit_weight == 60
    assert FRAMEWORK.hasil_weight == 40
    assert [a.weight for a in FRAMEWORK.areas] == [8, 7, 10, 10, 15, 10]
    for area in FRAMEWORK.areas:
        assert sum(s.weight for s in area.pemenuhan) == area.weight / 2
        assert sum(s.weight for s in area.reform) == area.weight / 2
    for group in FRAMEWORK.hasil_groups:
        assert sum(c.weight for c in group.components) == group.weight
    assert [g.weight for g in FRAMEWORK.hasil_groups] == [D("22.5"), D("17.5")]


@settings(max_examples=100, deadline=None)
@given(ASSESSMENTS)
def test_every_score_stays_within_0_and_its_weight(assessment):
    result = score(FRAMEWORK, assessment)
    assert 0 <= result.total <= 100
    assert 0 <= result.pengungkit <= 60
    assert 0 <= result.hasil <= 40
    for area, spec in zip(result.areas, FRAMEWORK.areas, strict=True):
        assert 0 <= area.pemenuhan <= spec.weight / 2
        assert 0 <= area.reform <= spec.weight / 2
        assert 0 <= area.total <= spec.weight
        for sub, sub_spec in zip(area.sub_indicators, spec.sub_indicators, strict=True):
            assert 0 <= sub.score <= sub_spec.weight
    for component, spec in zip(result.hasil_components, FRAMEWORK.hasil_components, strict=True):
        assert 0 <= component.contribution <= spec.weight
        assert 0 <= component.points <= spec.points_max
    for group in result.hasil_groups:
        assert 0 <= group.points <= group.weight
    assert all(0 <= q.value <= 1 for q in result.questions.values())
    assert result.total == result.pengungkit + result.hasil


@settings(max_examples=100, deadline=None)
@given(ASSESSMENTS, st.data())
def test_raising_one_answer_never_lowers_the_total(assessment, data):
    question = data.draw(st.sampled_from([q for q in FRAMEWORK.questions if q.options]))
    current = question_value(question, assessment.answers.get(question.code))
    better = [o.label for o in question.options if current is None or o.value >= current]
    label = data.draw(st.sampled_from(better))
    raised = AssessmentInput(
        answers={**assessment.answers, question.code: label}, hasil=assessment.hasil
    )
    assert score(FRAMEWORK, raised).total >= score(FRAMEWORK, assessment).total


@settings(max_examples=100, deadline=None)
@given(ASSESSMENTS, st.data())
def test_raising_a_percentage_never_lowers_the_total(assessment, data):
    question = data.draw(st.sampled_from([q for q in FRAMEWORK.questions if q.is_percent]))
    current = question_value(question, assessment.answers.get(question.code)) or D(0)
    percent = data.draw(st.decimals(min_value=current * 100, max_value=100, places=2))
    raised = AssessmentInput(
        answers={**assessment.answers, question.code: percent}, hasil=assessment.hasil
    )
    assert score(FRAMEWORK, raised).total >= score(FRAMEWORK, assessment).total


@given(
    st.sampled_from(
        [
            Formula(name="ratio", numerator="a", denominators=("b",)),
            Formula(name="ratio", numerator="a", denominators=("b", "c"), if_denominator_zero=D(1)),
            Formula(name="decrease_ratio", previous="a", current="b"),
        ]
    ),
    st.fixed_dictionaries({"a": COUNTS, "b": COUNTS, "c": COUNTS}),
)
def test_a_percent_formula_always_gives_a_value_within_0_and_1(formula, inputs):
    assert 0 <= formula_value(formula, inputs) <= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ASSESSMENTS, st.sampled_from(RULE_SETS), st.sampled_from(["WBK", "WBBM"]), st.booleans())
def test_the_gap_analysis_reaches_the_target_whenever_it_says_it_is_reachable(
    assessment, rule_set, predicate, predikat_wbk
):
    gap = gap_analysis(FRAMEWORK, rule_set, assessment, predicate, predikat_wbk=predikat_wbk)
    improved = score(FRAMEWORK, apply_gap(assessment, gap))
    outcome = evaluate_predicate(rule_set, predicate, improved, predikat_wbk=predikat_wbk)
    if gap.reachable:
        assert outcome.eligible
    else:
        assert gap.blocking
        assert all(f.message in gap.reason for f in gap.blocking)
    assert improved.total >= score(FRAMEWORK, assessment).total

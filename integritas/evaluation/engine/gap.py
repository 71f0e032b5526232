"""Gap analysis: the fewest single-answer improvements that make a unit eligible (A.6 rules).

A step sets ONE pengungkit question to its best option (percent questions to 100 %), not just
to the next option: a unit that works on a question aims at its full criterion, and it makes
every step count as much as possible, so the list is as short as it can be.

The choice is greedy by points gained per step, in two passes: first, for each area below its
minimum, the largest gains inside that area until the area passes; then the largest gains
anywhere until `total` and `pengungkit` pass. An exchange argument shows this gives the smallest
number of steps: every solution needs at least k_a steps in a failing area a, swapping any of them
for one of the area's k_a largest never loses points, and after that the rest is a single
threshold on a sum, which the largest remaining gains reach first.

Hasil rules (IPAK, capaian kinerja, IPKP, TLHP, hasil sums) and the WBK-predicate flag cannot be
met by changing pengungkit answers; they make the target unreachable (`reachable=False`), with
the reason naming each such rule. The steps for the pengungkit rules are still listed.
"""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .decimals import HUNDRED, ZERO, format_id
from .framework import Area, Framework, Question, Rule, RuleSet, SubIndicator
from .inputs import Answer, AssessmentInput
from .rules import RuleFailure, area_minimum, evaluate_predicate, meets
from .scoring import ScoreResult, score, sub_indicator_score

PENGUNGKIT_METRICS = frozenset({"total", "pengungkit"})


@dataclass(frozen=True)
class GapStep:
    """Raise one question from its current answer to `target`, gaining `points` in the total."""

    question: str
    current: Answer | None
    target: Answer
    points: Decimal
    helps: tuple[str, ...]


@dataclass(frozen=True)
class GapResult:
    """The improvements towards WBK or WBBM under one rule set, and whether they suffice."""

    rule_set: str
    predicate: str
    reachable: bool
    reason: str
    steps: tuple[GapStep, ...]
    blocking: tuple[RuleFailure, ...]
    points: Decimal
    projected_total: Decimal


@dataclass
class _Candidate:
    question: Question
    area: int
    sub: SubIndicator
    value: Decimal
    best: Decimal
    order: int

    @property
    def gain(self) -> Decimal:
        return self.sub.weight * (self.best - self.value) / len(self.sub.questions)


class _State:
    """The pengungkit sums while steps are applied, computed exactly as `score` does."""

    def __init__(self, framework: Framework, result: ScoreResult) -> None:
        self.framework = framework
        self.hasil = result.hasil
        self.sums: dict[str, Decimal] = {}
        for area in framework.areas:
            for sub in area.sub_indicators:
                self.sums[sub.code] = sum(
                    (result.questions[q.code].value for q in sub.questions), ZERO
                )
        self.area_totals = [self._area_total(a) for a in framework.areas]

    def _area_total(self, area: Area) -> Decimal:
        halves = []
        for subs in (area.pemenuhan, area.reform):
            total = ZERO
            for sub in subs:
                total += sub_indicator_score(sub.weight, self.sums[sub.code], len(sub.questions))
            halves.append(total)
        return halves[0] + halves[1]

    def apply(self, candidate: _Candidate) -> None:
        self.sums[candidate.sub.code] += candidate.best - candidate.value
        self.area_totals[candidate.area] = self._area_total(self.framework.areas[candidate.area])

    @property
    def pengungkit(self) -> Decimal:
        return sum(self.area_totals, ZERO)

    def metric(self, name: str) -> Decimal:
        return self.pengungkit + self.hasil if name == "total" else self.pengungkit


def best_answer(question: Question) -> Answer:
    """Return the answer with the highest value: the best option, or 100 % for a percent question."""
    option = question.best_option
    return option.label if option is not None else HUNDRED


def _candidates(framework: Framework, result: ScoreResult) -> list[_Candidate]:
    candidates = []
    order = 0
    for index, area in enumerate(framework.areas):
        for sub in area.sub_indicators:
            for question in sub.questions:
                value = result.questions[question.code].value
                if question.best_value > value:
                    candidates.append(
                        _Candidate(question, index, sub, value, question.best_value, order)
                    )
                order += 1
    return candidates


def _unreachable(
    rule: Rule, failure: RuleFailure, framework: Framework, result: ScoreResult
) -> str:
    """Return why a failing rule cannot be met through pengungkit answers ('' if it can)."""
    if rule.kind == "area_ratio":
        return ""
    if rule.kind == "minimum" and rule.metric in PENGUNGKIT_METRICS:
        best = framework.pengungkit_weight + (result.hasil if rule.metric == "total" else ZERO)
        if meets(best, rule.minimum):
            return ""
        return (
            f"{failure.message}; paling tinggi {format_id(best)} walau semua jawaban "
            f"pengungkit terbaik"
        )
    return failure.message


def gap_analysis(
    framework: Framework,
    rule_set: RuleSet,
    assessment: AssessmentInput,
    predicate: str,
    *,
    predikat_wbk: bool | None = None,
    result: ScoreResult | None = None,
) -> GapResult:
    """Return the fewest single-answer improvements that make the unit eligible for `predicate`.

    `result` may pass the assessment's score when the caller already has it.
    """
    if result is None:
        result = score(framework, assessment)
    current = evaluate_predicate(rule_set, predicate, result, predikat_wbk=predikat_wbk)
    if current.eligible:
        return GapResult(rule_set.code, predicate, True, "", (), (), ZERO, result.total)

    rules = rule_set.rules(predicate)
    by_id = {rule.id: rule for rule in rules}
    blocking: list[RuleFailure] = []
    blocked: set[str] = set()
    for failure in current.failures:
        if failure.rule.startswith("area:"):
            rule = next(r for r in rules if r.kind == "area_ratio")
        else:
            rule = by_id[failure.rule]
        why = _unreachable(rule, failure, framework, result)
        if why:
            blocked.add(rule.id)
            blocking.append(
                RuleFailure(failure.rule, failure.value, failure.minimum, why, failure.clause)
            )

    state = _State(framework, result)
    area_rules = [r for r in rules if r.kind == "area_ratio"]
    global_rules = [
        r
        for r in rules
        if r.kind == "minimum" and r.metric in PENGUNGKIT_METRICS and r.id not in blocked
    ]

    def area_fails(index: int) -> bool:
        area = framework.areas[index]
        return any(
            not meets(state.area_totals[index], area_minimum(r, area.weight)) for r in area_rules
        )

    def helps(candidate: _Candidate) -> tuple[str, ...]:
        failing = []
        for rule in rules:
            if rule.kind == "area_ratio" and area_fails(candidate.area):
                failing.append(f"area:{framework.areas[candidate.area].code}")
            elif (
                rule.kind == "minimum"
                and rule.metric in PENGUNGKIT_METRICS
                and not meets(state.metric(rule.metric), rule.minimum)
            ):
                failing.append(rule.id)
        return tuple(dict.fromkeys(failing))

    pool = sorted(_candidates(framework, result), key=lambda c: (-c.gain, c.order))
    chosen: list[GapStep] = []

    def take(candidate: _Candidate) -> None:
        step_helps = helps(candidate)
        before = state.pengungkit
        state.apply(candidate)
        gain = state.pengungkit - before
        pool.remove(candidate)
        code = candidate.question.code
        chosen.append(
            GapStep(
                question=code,
                current=assessment.answers.get(code),
                target=best_answer(candidate.question),
                points=gain,
                helps=step_helps,
            )
        )

    for index in range(len(framework.areas)):
        while area_fails(index):
            inside = next((c for c in pool if c.area == index), None)
            if inside is None:
                break
            take(inside)
    while pool and any(not meets(state.metric(r.metric), r.minimum) for r in global_rules):
        take(pool[0])

    improved = apply_steps(assessment, chosen)
    projected = score(framework, improved)
    after = evaluate_predicate(rule_set, predicate, projected, predikat_wbk=predikat_wbk)
    reachable = after.eligible and not blocking
    reason = ""
    if not reachable:
        reasons = blocking or list(after.failures)
        reason = "Tidak dapat dicapai hanya dengan memperbaiki jawaban pengungkit: " + "; ".join(
            f.message for f in reasons
        )
    return GapResult(
        rule_set=rule_set.code,
        predicate=predicate,
        reachable=reachable,
        reason=reason,
        steps=tuple(chosen),
        blocking=tuple(blocking),
        points=sum((s.points for s in chosen), ZERO),
        projected_total=projected.total,
    )


def apply_steps(
    assessment: AssessmentInput, steps: tuple[GapStep, ...] | list[GapStep]
) -> AssessmentInput:
    """Return the assessment with every step's target answer in place."""
    answers: dict[str, Answer] = dict(assessment.answers)
    answers.update({step.question: step.target for step in steps})
    return AssessmentInput(answers=answers, hasil=assessment.hasil)


def apply_gap(assessment: AssessmentInput, gap: GapResult) -> AssessmentInput:
    """Return the assessment as it would be after every step of a gap analysis."""
    return apply_steps(assessment, gap.steps)

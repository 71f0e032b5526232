"""The LKE roll-up (§1.3): question values → sub-indicators → areas → pengungkit + hasil = total."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .decimals import HUNDRED, ONE, ZERO, clamp01
from .framework import Formula, Framework, HasilComponent, Question
from .inputs import Answer, AssessmentInput, HasilValue


class InvalidAnswer(ValueError):
    """An answer the question cannot take (check raw input with `parse_input` first)."""


@dataclass(frozen=True)
class QuestionScore:
    """§1.2: a question's value in [0, 1]; an unanswered question counts 0 (A.4)."""

    code: str
    answered: bool
    value: Decimal


@dataclass(frozen=True)
class SubIndicatorScore:
    """§1.3: nilai sub-indikator = bobot × rata-rata nilai pertanyaan."""

    code: str
    weight: Decimal
    score: Decimal
    answered: int
    questions: int


@dataclass(frozen=True)
class AreaScore:
    """§1.3: nilai area = pemenuhan + reform."""

    code: str
    name: str
    weight: Decimal
    pemenuhan: Decimal
    reform: Decimal
    sub_indicators: tuple[SubIndicatorScore, ...]

    @property
    def total(self) -> Decimal:
        """Return pemenuhan + reform."""
        return self.pemenuhan + self.reform

    @property
    def ratio(self) -> Decimal:
        """Return the share of the area weight reached (§1.7 tests it as a whole)."""
        return self.total / self.weight


@dataclass(frozen=True)
class HasilComponentScore:
    """§1.6: value in [0, 1]; `points` = value × points_max, `contribution` = value × weight."""

    code: str
    group: str
    answered: bool
    value: Decimal
    points: Decimal
    contribution: Decimal


@dataclass(frozen=True)
class HasilGroupScore:
    """§1.1: a hasil sub-component (bersih 22,50; pelayanan 17,50)."""

    code: str
    weight: Decimal
    points: Decimal


@dataclass(frozen=True)
class Completeness:
    """A.4: how many pengungkit questions are answered; shown beside, never hidden in, the score."""

    answered: int
    questions: int

    @property
    def ratio(self) -> Decimal:
        """Return answered / questions."""
        return Decimal(self.answered) / self.questions if self.questions else ONE


@dataclass(frozen=True)
class ScoreResult:
    """The scored LKE at full precision; round only for display (A.4)."""

    framework: str
    version: int
    total: Decimal
    pengungkit: Decimal
    hasil: Decimal
    areas: tuple[AreaScore, ...]
    hasil_groups: tuple[HasilGroupScore, ...]
    hasil_components: tuple[HasilComponentScore, ...]
    questions: Mapping[str, QuestionScore]
    completeness: Completeness

    def area(self, code: str) -> AreaScore:
        """Return the score of one area (KeyError if unknown)."""
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(code)

    def component(self, code: str) -> HasilComponentScore:
        """Return the score of one hasil component (KeyError if unknown)."""
        for component in self.hasil_components:
            if component.code == code:
                return component
        raise KeyError(code)

    def metric(self, name: str) -> Decimal:
        """Return a value a rule tests: total, pengungkit, hasil, hasil_<group> or a component's points."""
        if name == "total":
            return self.total
        if name == "pengungkit":
            return self.pengungkit
        if name == "hasil":
            return self.hasil
        for group in self.hasil_groups:
            if name == f"hasil_{group.code}":
                return group.points
        return self.component(name).points


def formula_value(formula: Formula, inputs: Mapping[str, Decimal]) -> Decimal | None:
    """A.10: the value of a percent question from its Jumlah inputs (None if one is missing)."""
    if any(code not in inputs for code in formula.input_codes):
        return None
    if formula.name == "decrease_ratio":
        previous, current = inputs[formula.previous], inputs[formula.current]
        if previous == 0:
            return ONE if current == 0 else ZERO
        return clamp01((previous - current) / previous)
    denominator = sum((inputs[code] for code in formula.denominators), ZERO)
    if denominator == 0:
        return formula.if_denominator_zero
    return clamp01(inputs[formula.numerator] / denominator)


def question_value(question: Question, answer: Answer | None) -> Decimal | None:
    """§1.2 / A.3: the value in [0, 1] of one answer; None when unanswered."""
    if answer is None:
        return None
    if question.is_percent:
        if isinstance(answer, Decimal):
            return clamp01(answer / HUNDRED)
        if isinstance(answer, Mapping) and question.formula is not None:
            return formula_value(question.formula, answer)
        raise InvalidAnswer(f"{question.code}: {answer!r} is not a percentage")
    option = question.option(answer) if isinstance(answer, str) else None
    if option is None:
        raise InvalidAnswer(f"{question.code}: {answer!r} is not one of its options")
    return option.value


def sub_indicator_score(weight: Decimal, value_sum: Decimal, questions: int) -> Decimal:
    """§1.3: bobot × AVERAGE(nilai pertanyaan), unanswered counted as 0."""
    return weight * value_sum / questions


def hasil_value(component: HasilComponent, value: HasilValue | None) -> Decimal | None:
    """§1.6 / A.5: capaian A-E by option value; an index or percentage ÷ its maximum."""
    if value is None:
        return None
    if component.kind == "option":
        option = component.option(value) if isinstance(value, str) else None
        if option is None:
            raise InvalidAnswer(f"{component.input}: {value!r} is not one of its options")
        return option.value
    if not isinstance(value, Decimal):
        raise InvalidAnswer(f"{component.input}: {value!r} is not a number")
    return clamp01(value / component.maximum)


def score(framework: Framework, assessment: AssessmentInput) -> ScoreResult:
    """§1.3: score an assessment; pengungkit (60) + hasil (40) = total (100)."""
    question_scores: dict[str, QuestionScore] = {}
    areas = []
    answered_total = 0
    for area in framework.areas:
        halves: dict[str, Decimal] = {}
        sub_scores = []
        for half, subs in (("pemenuhan", area.pemenuhan), ("reform", area.reform)):
            half_total = ZERO
            for sub in subs:
                value_sum = ZERO
                answered = 0
                for question in sub.questions:
                    value = question_value(question, assessment.answers.get(question.code))
                    if value is not None:
                        answered += 1
                        value_sum += value
                    question_scores[question.code] = QuestionScore(
                        question.code, value is not None, value if value is not None else ZERO
                    )
                sub_score = sub_indicator_score(sub.weight, value_sum, len(sub.questions))
                half_total += sub_score
                answered_total += answered
                sub_scores.append(
                    SubIndicatorScore(sub.code, sub.weight, sub_score, answered, len(sub.questions))
                )
            halves[half] = half_total
        areas.append(
            AreaScore(
                code=area.code,
                name=area.name,
                weight=area.weight,
                pemenuhan=halves["pemenuhan"],
                reform=halves["reform"],
                sub_indicators=tuple(sub_scores),
            )
        )
    components = []
    groups = []
    for group in framework.hasil_groups:
        group_points = ZERO
        for component in group.components:
            value = hasil_value(component, assessment.hasil.get(component.input))
            v = value if value is not None else ZERO
            contribution = v * component.weight
            group_points += contribution
            components.append(
                HasilComponentScore(
                    code=component.code,
                    group=group.code,
                    answered=value is not None,
                    value=v,
                    points=v * component.points_max,
                    contribution=contribution,
                )
            )
        groups.append(HasilGroupScore(group.code, group.weight, group_points))
    pengungkit = sum((a.total for a in areas), ZERO)
    hasil = sum((g.points for g in groups), ZERO)
    return ScoreResult(
        framework=framework.code,
        version=framework.version,
        total=pengungkit + hasil,
        pengungkit=pengungkit,
        hasil=hasil,
        areas=tuple(areas),
        hasil_groups=tuple(groups),
        hasil_components=tuple(components),
        questions=question_scores,
        completeness=Completeness(answered_total, len(framework.questions)),
    )

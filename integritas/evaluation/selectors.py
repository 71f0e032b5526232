"""Reads of the evaluation app, and the adapter from ORM rows to the pure engine.

A page's numbers come from one batch of queries turned into the engine's frozen dataclasses
(`AssessmentInput`), scored by `engine.score`, then judged by every published rule set.
"""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404

from integritas.accounts import access
from integritas.evaluation import engine
from integritas.evaluation.models import (
    Answer,
    Assessment,
    EvidenceDocument,
    EvidenceLink,
    EvidenceRevision,
    FrameworkVersion,
    HasilInput,
    ReviewerAssignment,
)
from integritas.organization.models import Unit

SELF = "self"
TPI = "tpi"
HASIL_FIELDS = ("ipak_index", "ipkp_index", "capaian_kinerja", "tlhp_percent")

# Published framework versions never change (A.1), so their parsed form is cached by content hash.
_FRAMEWORKS: dict[str, engine.Framework] = {}


def engine_framework(version: FrameworkVersion) -> engine.Framework:
    """Return the engine's Framework for a stored version (parsed once per content hash)."""
    cached = _FRAMEWORKS.get(version.sha256)
    if cached is None:
        data = FrameworkVersion.objects.values_list("data", flat=True).get(pk=version.pk)
        cached = engine.load_framework(data)
        _FRAMEWORKS[version.sha256] = cached
    return cached


def rule_sets(framework: engine.Framework) -> tuple[engine.RuleSet, ...]:
    """A.6: every published rule set for the framework, the local (Perwali) one first."""
    return engine.rule_sets_for(framework)


# --------------------------------------------------------------------------- rows → engine


def _decimal_inputs(raw: Mapping[str, Any] | str | None) -> dict[str, Decimal]:
    if isinstance(raw, str):  # the comparison reads the JSON as text and decodes it only here
        raw = json.loads(raw) if raw not in ("", "{}") else {}
    return {str(k): Decimal(str(v)) for k, v in (raw or {}).items() if v is not None and v != ""}


def answer_value(question: engine.Question, row: Any, side: str = SELF) -> engine.Answer | None:
    """A.3: the engine answer of one row: an option label, a percentage or complete Jumlah inputs."""
    prefix = "tpi_" if side == TPI else ""
    if question.is_percent:
        inputs = _decimal_inputs(getattr(row, f"{prefix}inputs"))
        if question.formula and all(c in inputs for c in question.formula.input_codes):
            return inputs
        percent = getattr(row, f"{prefix}percent")
        return Decimal(percent) if percent is not None else None
    label = getattr(row, f"{prefix}option_label")
    return label if label and question.option(label) is not None else None


def hasil_values(hasil: HasilInput | None) -> dict[str, engine.HasilValue]:
    """§1.6: the hasil inputs by their canonical codes (A.2); an empty one is left out."""
    if hasil is None:
        return {}
    values: dict[str, engine.HasilValue] = {}
    for name in HASIL_FIELDS:
        value = getattr(hasil, name)
        if value not in (None, ""):
            values[name] = value if isinstance(value, str) else Decimal(value)
    return values


def assessment_input(
    framework: engine.Framework,
    answers: Iterable[Any],
    hasil: HasilInput | None,
    side: str = SELF,
) -> engine.AssessmentInput:
    """Turn answer rows (self or TPI side) and the hasil row into the engine's input."""
    values: dict[str, engine.Answer] = {}
    for row in answers:
        if not framework.has_question(row.question_code):
            continue
        value = answer_value(framework.question(row.question_code), row, side)
        if value is not None:
            values[row.question_code] = value
    return engine.AssessmentInput(answers=values, hasil=hasil_values(hasil))


def reviewed(row: Any, question: engine.Question) -> bool:
    """Pasal 19: the TPI has scored this question."""
    return row is not None and answer_value(question, row, TPI) is not None


# --------------------------------------------------------------------------- one assessment


@dataclass(frozen=True)
class Verdicts:
    """A.6: both rule sets judged on one score, with the gap analysis for each failing target."""

    results: tuple[engine.RuleSetResult, ...]
    gaps: tuple[engine.GapResult, ...]


@dataclass(frozen=True)
class AssessmentData:
    """Everything a page of one assessment shows, loaded in one batch."""

    assessment: Assessment
    framework: engine.Framework
    answers: dict[str, Answer]
    hasil: HasilInput | None
    links: dict[str, list[EvidenceLink]]
    self_score: engine.ScoreResult
    tpi_score: engine.ScoreResult | None
    reviewed_count: int
    returned_codes: list[str] = field(default_factory=list)

    @property
    def question_count(self) -> int:
        return len(self.framework.questions)

    @property
    def unanswered(self) -> int:
        return self.question_count - self.self_score.completeness.answered

    @property
    def fully_reviewed(self) -> bool:
        return self.reviewed_count == self.question_count

    def score_for(self, side: str) -> engine.ScoreResult:
        return self.tpi_score if side == TPI and self.tpi_score is not None else self.self_score

    def self_input(self) -> engine.AssessmentInput:
        return assessment_input(self.framework, self.answers.values(), self.hasil, SELF)

    def tpi_input(self) -> engine.AssessmentInput:
        return assessment_input(self.framework, self.answers.values(), self.hasil, TPI)

    def area_progress(self) -> list[dict[str, Any]]:
        """Progress and completeness per area (answered / questions)."""
        rows = []
        for index, (area, scored) in enumerate(
            zip(self.framework.areas, self.self_score.areas, strict=True)
        ):
            answered = sum(s.answered for s in scored.sub_indicators)
            reviewed = (
                sum(s.answered for s in self.tpi_score.areas[index].sub_indicators)
                if self.tpi_score
                else 0
            )
            total = sum(s.questions for s in scored.sub_indicators)
            returned = sum(
                1 for s in area.sub_indicators for q in s.questions if q.code in self.returned_codes
            )
            rows.append(
                {
                    "area": area,
                    "answered": answered,
                    "questions": total,
                    "percent": round(answered * 100 / total) if total else 100,
                    "returned": returned,
                    "reviewed": reviewed,
                    "score": scored,
                }
            )
        return rows


def assessment_queryset() -> QuerySet[Assessment]:
    return Assessment.objects.select_related("unit", "framework", "snapshot").defer(
        "framework__data", "snapshot__data"
    )


def assessment_for_user(user: Any, pk: int) -> Assessment:
    """Return the assessment if the user may read its unit; 404 otherwise (not yours = not there)."""
    assessment = assessment_queryset().filter(pk=pk).first()
    if assessment is None or not access.can_read_unit(user, assessment.unit_id):
        raise Http404
    return assessment


def assessment_for_unit_year(unit: Unit, year: int) -> Assessment | None:
    """Return the unit's current (not superseded) assessment of a year, latest revision first."""
    return (
        assessment_queryset()
        .filter(unit=unit, year=year)
        .exclude(status=Assessment.Status.SUPERSEDED)
        .order_by("-revision", "-id")
        .first()
    )


def evidence_links(assessment: Assessment) -> dict[str, list[EvidenceLink]]:
    """The documents linked to each question / hasil input, each with its latest revision."""
    latest = EvidenceRevision.objects.order_by("document_id", "-number")
    links = (
        EvidenceLink.objects.filter(assessment=assessment)
        .select_related("document")
        .prefetch_related(Prefetch("document__revisions", queryset=latest))
        .order_by("item_code", "document__title", "id")
    )
    grouped: dict[str, list[EvidenceLink]] = defaultdict(list)
    for link in links:
        grouped[link.item_code].append(link)
    return dict(grouped)


TPI_FIELDS = ("tpi_option_label", "tpi_percent", "tpi_inputs", "tpi_note", "reviewed_by")


def assessment_data(
    assessment: Assessment, *, with_links: bool = True, with_review: bool = True
) -> AssessmentData:
    """Load the answers, hasil and evidence of one assessment and score both sides.

    `with_review=False` builds it for a viewer who may not see the TPI side (Pasal 19): the
    TPI's answers are never loaded, so no page, export or document built from it can show them.
    """
    framework = engine_framework(assessment.framework)
    rows = Answer.objects.filter(assessment=assessment)
    if not with_review:
        rows = rows.defer(*TPI_FIELDS)
    answers = {a.question_code: a for a in rows}
    if not with_review:
        for answer in answers.values():
            # deferred fields would be fetched on access: give them their empty values instead
            answer.__dict__.update(
                tpi_option_label="", tpi_percent=None, tpi_inputs={}, tpi_note="",
                reviewed_by_id=None,
            )  # fmt: skip
    hasil = HasilInput.objects.filter(assessment=assessment).first()
    self_input = assessment_input(framework, answers.values(), hasil, SELF)
    tpi_input = assessment_input(framework, answers.values(), hasil, TPI)
    reviewed_count = len(tpi_input.answers)
    return AssessmentData(
        assessment=assessment,
        framework=framework,
        answers=answers,
        hasil=hasil,
        links=evidence_links(assessment) if with_links else {},
        self_score=engine.score(framework, self_input),
        tpi_score=engine.score(framework, tpi_input) if reviewed_count else None,
        reviewed_count=reviewed_count,
        returned_codes=sorted(code for code, a in answers.items() if a.returned),
    )


def verdicts(
    framework: engine.Framework, assessment_input_: engine.AssessmentInput, *, with_gaps: bool
) -> Verdicts:
    """A.6: evaluate both rule sets (Perwali first) and, if asked, the gap to each failing target."""
    sets = rule_sets(framework)
    result = engine.score(framework, assessment_input_)
    results = engine.evaluate_rule_sets(sets, result)
    gaps: list[engine.GapResult] = []
    if with_gaps:
        for rule_set, evaluated in zip(sets, results, strict=True):
            for predicate in evaluated.predicates:
                if not predicate.eligible:
                    gaps.append(
                        engine.gap_analysis(
                            framework, rule_set, assessment_input_, predicate.predicate
                        )
                    )
    return Verdicts(results=results, gaps=tuple(gaps))


# --------------------------------------------------------------------------- lists


def assessment_list_for_user(user: Any, *, year: int | None = None) -> QuerySet[Assessment]:
    """The assessments a user may read (current ones first), newest year first."""
    assessments = assessment_queryset()
    if not access.can_read_city(user):
        assessments = assessments.filter(unit__in=access.units_for_user(user))
    if year:
        assessments = assessments.filter(year=year)
    return assessments.order_by("-year", "unit__name", "-revision")


def review_queue(user: Any) -> QuerySet[Assessment]:
    """Pasal 19: assessments waiting for this TPI member's review (never his or her own unit)."""
    grants = access.grants_for(user)
    assigned = ReviewerAssignment.objects.filter(user=user).values_list("unit_id", "year")
    pairs = Q(pk__in=[])
    for unit_id, year in assigned:
        if access.can_review_unit(user, unit_id):
            pairs |= Q(unit_id=unit_id, year=year)
    queue = (
        assessment_queryset()
        .filter(pairs)
        .filter(status__in=[Assessment.Status.SUBMITTED, Assessment.Status.IN_REVIEW])
    )
    if grants.own_unit_id:
        queue = queue.exclude(unit_id=grants.own_unit_id)
    return queue.order_by("year", "unit__name")


def awaiting_reviewers() -> QuerySet[Assessment]:
    """Pasal 19: submitted assessments of a unit-year no TPI member is assigned to yet."""
    assigned = ReviewerAssignment.objects.filter(unit_id=OuterRef("unit_id"), year=OuterRef("year"))
    return (
        assessment_queryset()
        .filter(status__in=[Assessment.Status.SUBMITTED, Assessment.Status.IN_REVIEW])
        .exclude(Exists(assigned))
        .order_by("year", "unit__name")
    )


def assignment_for(user: Any, assessment: Assessment) -> ReviewerAssignment | None:
    """Return the user's TPI assignment to this assessment's unit and year, if any."""
    return ReviewerAssignment.objects.filter(
        user=user, unit_id=assessment.unit_id, year=assessment.year
    ).first()


def may_review(user: Any, assessment: Assessment) -> bool:
    """Pasal 15, 19: an assigned TPI member who does not work in the unit."""
    return (
        access.can_review_unit(user, assessment.unit_id)
        and assignment_for(user, assessment) is not None
    )


def is_ketua(user: Any, assessment: Assessment) -> bool:
    """Pasal 19: the TPI ketua assigned to the unit-year finalises."""
    assignment = assignment_for(user, assessment)
    return (
        assignment is not None
        and assignment.is_ketua
        and access.can_review_unit(user, assessment.unit_id)
    )


def reviewers_of(assessment: Assessment) -> list[ReviewerAssignment]:
    return list(
        ReviewerAssignment.objects.filter(unit_id=assessment.unit_id, year=assessment.year)
        .select_related("user")
        .order_by("-is_ketua", "user__first_name")
    )


def unit_documents(unit_id: int) -> QuerySet[EvidenceDocument]:
    """A unit's evidence documents, each with its latest revision first."""
    latest = EvidenceRevision.objects.order_by("document_id", "-number")
    return (
        EvidenceDocument.objects.filter(unit_id=unit_id)
        .prefetch_related(Prefetch("revisions", queryset=latest))
        .order_by("title", "id")
    )


# --------------------------------------------------------------------------- city comparison


def _input_from_values(
    framework: engine.Framework,
    rows: list[tuple[Any, ...]],
    hasil: HasilInput | None,
    side: str,
) -> engine.AssessmentInput:
    """`assessment_input` for the comparison's value tuples (no model instances for speed).

    Each tuple: assessment id, code, option, percent, inputs JSON text, and the same three TPI.
    """
    offset = 5 if side == TPI else 2
    values: dict[str, engine.Answer] = {}
    for row in rows:
        code = row[1]
        if not framework.has_question(code):
            continue
        question = framework.question(code)
        label, percent, inputs_text = row[offset], row[offset + 1], row[offset + 2]
        if question.is_percent:
            inputs = _decimal_inputs(inputs_text)
            if question.formula and all(c in inputs for c in question.formula.input_codes):
                values[code] = inputs
            elif percent is not None:
                values[code] = Decimal(percent)
        elif label and question.option(label) is not None:
            values[code] = label
    return engine.AssessmentInput(answers=values, hasil=hasil_values(hasil))


@dataclass(frozen=True)
class ComparisonRow:
    """One unit's latest assessment of a year, scored, with both rule sets' verdicts."""

    assessment: Assessment
    source: str  # SELF or TPI
    score: engine.ScoreResult
    verdicts: tuple[engine.RuleSetResult, ...]


def city_comparison(year: int, unit_ids: Iterable[int] | None = None) -> list[ComparisonRow]:
    """Score every unit's current assessment of a year in a fixed number of queries.

    One query for the assessments, one for all their answers, one for their hasil inputs (plus
    one per framework version not yet parsed in this process). A final assessment is shown with
    the TPI's score; any other with the unit's own.
    """
    queryset = assessment_queryset().filter(year=year)
    if unit_ids is not None:  # only these units (the dashboard's filters)
        queryset = queryset.filter(unit_id__in=list(unit_ids))
    assessments = list(
        queryset.exclude(status=Assessment.Status.SUPERSEDED).order_by("unit__name", "-revision")
    )
    latest: dict[int, Assessment] = {}
    for item in assessments:
        latest.setdefault(item.unit_id, item)
    ids = [a.pk for a in latest.values()]
    answers: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    values = (
        Answer.objects.filter(assessment_id__in=ids)
        .annotate(inputs_text=Cast("inputs", TextField()), tpi_text=Cast("tpi_inputs", TextField()))
        .values_list(
            "assessment_id",
            "question_code",
            "option_label",
            "percent",
            "inputs_text",
            "tpi_option_label",
            "tpi_percent",
            "tpi_text",
        )
    )
    for row in values:
        answers[row[0]].append(row)
    hasil = {h.assessment_id: h for h in HasilInput.objects.filter(assessment_id__in=ids)}
    sets: dict[str, tuple[engine.RuleSet, ...]] = {}
    rows = []
    for item in latest.values():
        framework = engine_framework(item.framework)
        if framework.code not in sets:
            sets[framework.code] = rule_sets(framework)
        side = TPI if item.is_final else SELF
        data = _input_from_values(framework, answers[item.pk], hasil.get(item.pk), side)
        result = engine.score(framework, data)
        rows.append(
            ComparisonRow(
                assessment=item,
                source=side,
                score=result,
                verdicts=engine.evaluate_rule_sets(sets[framework.code], result),
            )
        )
    rows.sort(key=lambda r: (-r.score.total, r.assessment.unit.name))
    return rows


def status_counts(year: int) -> dict[str, int]:
    """How many current assessments of a year are in each status."""
    rows = (
        Assessment.objects.filter(year=year)
        .exclude(status=Assessment.Status.SUPERSEDED)
        .values("status")
        .annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}

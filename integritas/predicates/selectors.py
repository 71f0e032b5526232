"""Read models of the predicates app: prerequisite input, compliance, the TPI's candidate list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from integritas.commitment.models import Declaration
from integritas.evaluation import engine as lke
from integritas.evaluation.models import Answer, Assessment, HasilInput
from integritas.evaluation.selectors import TPI, assessment_input, engine_framework, rule_sets
from integritas.organization.models import Institution, Unit
from integritas.predicates import engine
from integritas.predicates.models import (
    InstitutionFacts,
    Level,
    Monitoring,
    Predicate,
    Recommendation,
    ReportingDuty,
    UnitFacts,
)

LOCAL_RULE_SET = "perwali-kupang-23-2025"
NATIONAL_RULE_SET = "permenpanrb-90-2021"
LKE_PREDICATE = {Level.WBK: "WBK", Level.WBBM: "WBBM"}


@dataclass(frozen=True)
class Compliance:
    """LHKPN or LHKASN compliance of a unit in a year, computed from the wajib-lapor register."""

    kind: str
    reported: int
    total: int

    @property
    def percent(self) -> Decimal | None:
        """Exact: one employee missing among many is never rounded up to 100."""
        if not self.total:
            return None
        return Decimal(100) * self.reported / self.total

    @property
    def percent_shown(self) -> Decimal | None:
        value = self.percent
        return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def compliance(unit: Unit, year: int, kind: str) -> Compliance:
    rows = ReportingDuty.objects.filter(unit=unit, year=year, kind=kind)
    return Compliance(kind=kind, reported=rows.filter(reported=True).count(), total=rows.count())


def institution_facts(institution: Institution, year: int) -> InstitutionFacts | None:
    return InstitutionFacts.objects.filter(institution=institution, year=year).first()


def unit_facts(unit: Unit, year: int) -> UnitFacts | None:
    return UnitFacts.objects.filter(unit=unit, year=year).first()


def register_records(unit: Unit) -> tuple[engine.PredicateRecord, ...]:
    """The unit's predicates as the checker reads them; a superseded WBK ended on the WBBM's grant."""
    records = []
    for item in Predicate.objects.filter(unit=unit).select_related("superseded_by"):
        records.append(engine.PredicateRecord(item.level, item.granted_on, item.revoked_on))
    return tuple(records)


def standing_predicate(unit: Unit, level: str) -> Predicate | None:
    return Predicate.objects.filter(
        unit=unit, level=level, status=Predicate.Status.STANDING
    ).first()


@dataclass(frozen=True)
class BuildingSince:
    day: date | None
    source: str  # where the date comes from, for the page


def building_since(
    unit: Unit, year: int, level: str, facts: UnitFacts | None = None
) -> BuildingSince:
    """WBK: the unit's pencanangan date; WBBM: the grant of its WBK — either overridable with a reason."""
    facts = facts if facts is not None else unit_facts(unit, year)
    if level == Level.WBK:
        if facts is not None and facts.wbk_since is not None:
            return BuildingSince(facts.wbk_since, facts.wbk_since_reason)
        declaration = Declaration.objects.filter(unit=unit).first()
        return BuildingSince(declaration.declared_on if declaration else None, "pencanangan")
    if facts is not None and facts.wbbm_since is not None:
        return BuildingSince(facts.wbbm_since, facts.wbbm_since_reason)
    wbk = (
        Predicate.objects.filter(unit=unit, level=Level.WBK)
        .exclude(status=Predicate.Status.REVOKED)  # a revoked WBK starts nothing
        .order_by("-granted_on")
        .first()
    )
    return BuildingSince(wbk.granted_on if wbk else None, "penetapan WBK")


def check_input(unit: Unit, year: int, level: str, as_of: date) -> engine.CheckInput:
    """The checker's input from the recorded facts; what is not recorded stays None (not met)."""
    inst = institution_facts(unit.institution, year)
    facts = unit_facts(unit, year)
    institution = engine.InstitutionFacts(
        kind=inst.kind if inst else None,
        opini_bpk=(inst.opini_bpk or None) if inst else None,
        sakip=(inst.sakip or None) if inst else None,
        indeks_rb=(inst.indeks_rb or None) if inst else None,
        spip_level=inst.spip_level if inst else None,
    )
    lhkpn = compliance(unit, year, ReportingDuty.Kind.LHKPN).percent
    lhkasn = compliance(unit, year, ReportingDuty.Kind.LHKASN).percent
    unit_input = engine.UnitFacts(
        stranas_pk=unit.is_stranas_pk,
        core_service=facts.core_service if facts else None,
        significant_impact=facts.significant_impact if facts else None,
        tlhp_percent=facts.tlhp_percent if facts else None,
        lhkpn_percent=lhkpn,
        lhkasn_percent=lhkasn,
        building_since=building_since(unit, year, level, facts).day,
        sakip_internal=(facts.sakip_internal or None) if facts else None,
    )
    return engine.CheckInput(level, as_of, institution, unit_input, register_records(unit))


def prerequisites(unit: Unit, year: int, level: str, as_of: date) -> engine.CheckResult:
    return engine.check_prerequisites(check_input(unit, year, level, as_of))


def final_assessment(unit: Unit, year: int) -> Assessment | None:
    return (
        Assessment.objects.filter(unit=unit, year=year, status=Assessment.Status.FINAL)
        .select_related("framework", "unit")
        .order_by("-revision")
        .first()
    )


@dataclass(frozen=True)
class Scored:
    framework: lke.Framework
    data: lke.AssessmentInput
    score: lke.ScoreResult
    verdicts: tuple[lke.RuleSetResult, ...]
    sets: tuple[lke.RuleSet, ...]

    def verdict(self, rule_set: str, level: str) -> lke.PredicateResult:
        found = next(r for r in self.verdicts if r.rule_set == rule_set)
        return found.predicate(LKE_PREDICATE[Level(level)])

    def gaps(self, level: str) -> lke.GapResult | None:
        """The local rule set's improvement steps for `level` when it is not met."""
        for rule_set in self.sets:
            if rule_set.code == LOCAL_RULE_SET and not self.verdict(LOCAL_RULE_SET, level).eligible:
                wbk = True if level == Level.WBK else None
                return lke.gap_analysis(
                    self.framework, rule_set, self.data, LKE_PREDICATE[Level(level)], predikat_wbk=wbk,
                    result=self.score,
                )  # fmt: skip
        return None


def scored(assessment: Assessment, *, predikat_wbk: bool) -> Scored:
    """The final (TPI-side) score and both rule sets; WBBM's WBK flag comes from the register."""
    framework = engine_framework(assessment.framework)
    answers = Answer.objects.filter(assessment=assessment)
    hasil = HasilInput.objects.filter(assessment=assessment).first()
    data = assessment_input(framework, answers, hasil, TPI)
    result = lke.score(framework, data)
    sets = rule_sets(framework)
    return Scored(
        framework,
        data,
        result,
        lke.evaluate_rule_sets(sets, result, predikat_wbk=predikat_wbk),
        sets,
    )


@dataclass(frozen=True)
class Candidate:
    """One row of the TPI's candidate list (Pasal 15): a unit with a final assessment."""

    unit: Unit
    assessment: Assessment
    scored: Scored
    level: str  # the level the unit would be proposed for
    check: engine.CheckResult
    recommendation: Recommendation | None

    @property
    def local(self) -> lke.PredicateResult:
        return self.scored.verdict(LOCAL_RULE_SET, self.level)

    @property
    def national(self) -> lke.PredicateResult:
        return self.scored.verdict(NATIONAL_RULE_SET, self.level)

    @property
    def proposable(self) -> bool:
        return self.local.eligible and self.check.eligible

    @property
    def holds_back(self) -> list[str]:
        reasons = [f.message for f in self.local.failures]
        reasons += [f.message for f in self.check.failures if f.blocking]
        return reasons


def target_level(unit: Unit) -> str:
    """A unit with a standing WBK aims at WBBM; any other at WBK."""
    return Level.WBBM if standing_predicate(unit, Level.WBK) else Level.WBK


def candidate(unit: Unit, year: int, as_of: date) -> Candidate | None:
    assessment = final_assessment(unit, year)
    if assessment is None:
        return None
    level = target_level(unit)
    has_wbk = standing_predicate(unit, Level.WBK) is not None
    return Candidate(
        unit=unit,
        assessment=assessment,
        scored=scored(assessment, predikat_wbk=has_wbk),
        level=level,
        check=prerequisites(unit, year, level, as_of),
        recommendation=Recommendation.objects.filter(unit=unit, year=year).first(),
    )


def candidates(year: int, as_of: date) -> list[Candidate]:
    """Every unit with a final assessment of the year, ranked by total (highest first)."""
    unit_ids = (
        Assessment.objects.filter(year=year, status=Assessment.Status.FINAL)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    rows = [
        c
        for unit in Unit.objects.filter(pk__in=list(unit_ids))
        if (c := candidate(unit, year, as_of))
    ]
    rows.sort(key=lambda c: (-c.scored.score.total, c.unit.name))
    return rows


@dataclass(frozen=True)
class MonitoringRow:
    predicate: Predicate
    due_on: date
    overdue: bool
    due_soon: bool


def monitoring_rows(today: date, *, unit_ids: set[int] | None = None) -> list[MonitoringRow]:
    """Every standing predicate with its next monitoring due date (Pasal 17 ayat 5–6), soonest first."""
    standing = Predicate.objects.filter(status=Predicate.Status.STANDING).select_related("unit")
    if unit_ids is not None:
        standing = standing.filter(unit_id__in=unit_ids)
    rows = []
    for item in standing:
        done = Monitoring.objects.filter(predicate=item).values_list("done_on", flat=True)
        proposed = [
            timezone.localtime(r.recommended_at).date()
            for r in Recommendation.objects.filter(
                unit=item.unit, level=Level.WBBM, outcome=Recommendation.Outcome.PROPOSED
            )
        ]
        due = engine.monitoring_due(item.level, item.granted_on, list(done), proposed)
        rows.append(
            MonitoringRow(item, due, engine.is_overdue(due, today), engine.is_due_soon(due, today))
        )
    rows.sort(key=lambda r: r.due_on)
    return rows


@dataclass(frozen=True)
class Holding:
    """What a unit holds now, as the LKE's next steps read it (evaluation cannot read the register)."""

    level: str  # "WBBM", "WBK" or "" (no standing predicate), as the LKE names them
    monitoring_due: date | None  # the TPI's next monitoring of that predicate (Pasal 17 ayat 5–6)
    predicate_pk: int | None = None


def holding(unit: Unit, today: date) -> Holding:
    """The unit's highest standing predicate (WBBM over WBK) and when its monitoring falls due."""
    rows = monitoring_rows(today, unit_ids={unit.pk})
    best = max(rows, key=lambda r: r.predicate.level == Level.WBBM, default=None)
    if best is None:
        return Holding("", None)
    return Holding(LKE_PREDICATE[Level(best.predicate.level)], best.due_on, best.predicate.pk)


def public_predicates() -> list[Predicate]:
    """Only standing predicates are public."""
    return list(
        Predicate.objects.filter(status=Predicate.Status.STANDING)
        .select_related("unit")
        .order_by("unit__name")
    )


# LKE reform questions fed by the wajib-lapor register (LKE 5.iii: penyampaian LHKPN / LHKASN).
LKE_QUESTIONS = {"R5.iii.a": ReportingDuty.Kind.LHKPN, "R5.iii.b": ReportingDuty.Kind.LHKASN}


@dataclass(frozen=True)
class LkeSuggestion:
    code: str
    compliance: Compliance
    current: Decimal | None  # the unit's own answer now

    @property
    def value(self) -> Decimal:
        """The percent to suggest, 2 decimals; just under 100 never shows as 100."""
        shown = self.compliance.percent_shown or Decimal(0)
        exact = self.compliance.percent or Decimal(0)
        return Decimal("99.99") if shown == 100 and exact < 100 else shown

    @property
    def differs(self) -> bool:
        return self.current is None or self.current != self.value


def lke_suggestions(unit: Unit, year: int, assessment: Assessment | None) -> list[LkeSuggestion]:
    """The register's % as a suggested answer for R5.iii.a/b; the unit accepts it (nothing is overwritten)."""
    answers = {}
    if assessment is not None:
        answers = {
            a.question_code: a.percent
            for a in Answer.objects.filter(
                assessment=assessment, question_code__in=list(LKE_QUESTIONS)
            )
        }
    found = []
    for code, kind in LKE_QUESTIONS.items():
        value = compliance(unit, year, kind)
        if value.total:
            found.append(LkeSuggestion(code, value, answers.get(code)))
    return found

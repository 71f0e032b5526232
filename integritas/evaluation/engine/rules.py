"""Evaluate a rule set (A.6) for WBK and WBBM: eligible, and every failing rule with its numbers."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .decimals import HUNDRED, format_id, round2
from .framework import PREDICATES, Rule, RuleSet
from .scoring import AreaScore, ScoreResult


@dataclass(frozen=True)
class RuleFailure:
    """A rule not met, e.g. rule "ipak", 13.10 < 13.50, "IPAK 13,10 < 13,50" (values rounded, A.6)."""

    rule: str
    value: Decimal | None
    minimum: Decimal | None
    message: str
    clause: str = ""


@dataclass(frozen=True)
class PredicateResult:
    """Whether a unit may be proposed for WBK or WBBM under one rule set, and why not."""

    predicate: str
    eligible: bool
    failures: tuple[RuleFailure, ...]
    warnings: tuple[RuleFailure, ...] = ()
    not_evaluated: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSetResult:
    """A rule set evaluated for every predicate, in PREDICATES order."""

    rule_set: str
    title: str
    scope: str
    predicates: tuple[PredicateResult, ...]

    def predicate(self, name: str) -> PredicateResult:
        """Return the result for WBK or WBBM (KeyError if absent)."""
        for result in self.predicates:
            if result.predicate == name:
                return result
        raise KeyError(name)


def meets(value: Decimal, minimum: Decimal) -> bool:
    """A.6: compare the values rounded half up to 2 decimals, as the worksheet shows them."""
    return round2(value) >= round2(minimum)


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * HUNDRED).normalize():f}".replace(".", ",")


def area_minimum(rule: Rule, weight: Decimal) -> Decimal:
    """§1.7: an area's minimum is 60 % (WBK) / 75 % (WBBM) of its weight."""
    return rule.minimum_ratio * weight


def _area_failures(rule: Rule, area: AreaScore) -> tuple[RuleFailure | None, list[RuleFailure]]:
    """§1.7: each area as a whole ≥ its minimum ratio; a half below the ratio is only a warning."""
    minimum = area_minimum(rule, area.weight)
    failure = None
    if not meets(area.total, minimum):
        failure = RuleFailure(
            rule=f"area:{area.code}",
            value=round2(area.total),
            minimum=round2(minimum),
            message=(
                f"{rule.label} {area.name} {format_id(area.total)} < {format_id(minimum)} "
                f"({_percent(rule.minimum_ratio)}% dari bobot {format_id(area.weight)})"
            ),
            clause=rule.clause,
        )
    warnings = []
    half_minimum = area_minimum(rule, area.weight / 2)
    for half, value in (("pemenuhan", area.pemenuhan), ("reform", area.reform)):
        if not meets(value, half_minimum):
            warnings.append(
                RuleFailure(
                    rule=f"area:{area.code}:{half}",
                    value=round2(value),
                    minimum=round2(half_minimum),
                    message=(
                        f"{rule.label} {area.name} ({half}) {format_id(value)} < "
                        f"{format_id(half_minimum)} ({_percent(rule.minimum_ratio)}% dari bobot "
                        f"{format_id(area.weight / 2)}); peringatan, bukan syarat"
                    ),
                    clause=rule.clause,
                )
            )
    return failure, warnings


def _minimum_failure(rule: Rule, result: ScoreResult) -> RuleFailure | None:
    """A.6: a value rule, e.g. Pasal 16 ayat (4) huruf a: total ≥ 75 for WBK."""
    value = result.metric(rule.metric)
    if meets(value, rule.minimum):
        return None
    return RuleFailure(
        rule=rule.id,
        value=round2(value),
        minimum=round2(rule.minimum),
        message=f"{rule.label} {format_id(value)} < {format_id(rule.minimum)}",
        clause=rule.clause,
    )


def evaluate_predicate(
    rule_set: RuleSet, predicate: str, result: ScoreResult, *, predikat_wbk: bool | None = None
) -> PredicateResult:
    """Evaluate every rule of WBK or WBBM; a flag the caller did not give is not evaluated."""
    failures: list[RuleFailure] = []
    warnings: list[RuleFailure] = []
    not_evaluated: list[str] = []
    for rule in rule_set.rules(predicate):
        if rule.kind == "area_ratio":
            for area in result.areas:
                failure, area_warnings = _area_failures(rule, area)
                failures.extend([failure] if failure else [])
                warnings.extend(area_warnings)
        elif rule.kind == "flag":
            if predikat_wbk is None:
                not_evaluated.append(rule.id)
            elif not predikat_wbk:
                failures.append(RuleFailure(rule.id, None, None, rule.message, rule.clause))
        else:
            failure = _minimum_failure(rule, result)
            failures.extend([failure] if failure else [])
    return PredicateResult(
        predicate=predicate,
        eligible=not failures,
        failures=tuple(failures),
        warnings=tuple(warnings),
        not_evaluated=tuple(not_evaluated),
    )


def evaluate_rule_set(
    rule_set: RuleSet, result: ScoreResult, *, predikat_wbk: bool | None = None
) -> RuleSetResult:
    """A.6: evaluate one rule set for WBK and WBBM."""
    return RuleSetResult(
        rule_set=rule_set.code,
        title=rule_set.title,
        scope=rule_set.scope,
        predicates=tuple(
            evaluate_predicate(rule_set, name, result, predikat_wbk=predikat_wbk)
            for name in PREDICATES
            if name in rule_set.predicates
        ),
    )


def evaluate_rule_sets(
    rule_sets: Iterable[RuleSet], result: ScoreResult, *, predikat_wbk: bool | None = None
) -> tuple[RuleSetResult, ...]:
    """A.6: evaluate every rule set side by side (the local one first, as given)."""
    return tuple(evaluate_rule_set(r, result, predikat_wbk=predikat_wbk) for r in rule_sets)

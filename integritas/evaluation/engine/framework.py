"""The LKE worksheet and the rule sets as immutable data, loaded and checked from YAML files."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from .decimals import ONE, ZERO

FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent / "frameworks"
RULESETS_DIR = FRAMEWORKS_DIR / "rulesets"

PERCENT = "PCT"
ANSWER_TYPE_LABELS: Mapping[str, tuple[str, ...]] = {
    "YT": ("Ya", "Tidak"),
    "ABC": ("A", "B", "C"),
    "ABCD": ("A", "B", "C", "D"),
    "ABCDE": ("A", "B", "C", "D", "E"),
}
FORMULA_NAMES = frozenset({"ratio", "decrease_ratio"})
HASIL_KINDS = frozenset({"index", "percent", "option"})
HALVES = ("pemenuhan", "reform")
PREDICATES = ("WBK", "WBBM")
RULE_KINDS = frozenset({"minimum", "area_ratio", "flag"})
FLAGS = frozenset({"predikat_wbk"})
TOTAL_WEIGHT = Decimal(100)

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
_ROMAN = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")


class FrameworkError(ValueError):
    """A framework or rule-set file with every problem found in it."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


# --------------------------------------------------------------------------- the worksheet


@dataclass(frozen=True)
class Option:
    """One answer option of a question (A.3: its value in [0, 1])."""

    label: str
    text: str
    value: Decimal


@dataclass(frozen=True)
class PercentInput:
    """A "Jumlah" input of a percent question; not a question itself (§1.3)."""

    code: str
    label: str


@dataclass(frozen=True)
class Formula:
    """A whitelisted percent formula (A.10); never evaluated as code."""

    name: str
    numerator: str = ""
    denominators: tuple[str, ...] = ()
    if_denominator_zero: Decimal = ZERO
    previous: str = ""
    current: str = ""

    @property
    def input_codes(self) -> tuple[str, ...]:
        """Return the inputs the formula needs."""
        if self.name == "decrease_ratio":
            return (self.previous, self.current)
        return (self.numerator, *self.denominators)


@dataclass(frozen=True)
class Question:
    """One LKE question under its canonical code (A.2), e.g. P1.i.a."""

    code: str
    text: str
    answer_type: str
    options: tuple[Option, ...] = ()
    expected_evidence: tuple[str, ...] = ()
    inputs: tuple[PercentInput, ...] = ()
    formula: Formula | None = None
    guidance: str = ""

    @property
    def is_percent(self) -> bool:
        """Return whether the answer is a percentage (directly or from Jumlah inputs)."""
        return self.answer_type == PERCENT

    @cached_property
    def best_value(self) -> Decimal:
        """Return the highest value an answer can reach."""
        return max((o.value for o in self.options), default=ONE)

    @cached_property
    def _option_index(self) -> Mapping[str, Option]:
        return {o.label: o for o in self.options}

    @property
    def best_option(self) -> Option | None:
        """Return the first option with the highest value (None for percent questions)."""
        best = self.best_value
        return next((o for o in self.options if o.value == best), None)

    def option(self, label: str) -> Option | None:
        """Return the option with this label, if any."""
        return self._option_index.get(label)


@dataclass(frozen=True)
class SubIndicator:
    """A sub-indicator: weight × mean of its question values (§1.3)."""

    code: str
    name: str
    weight: Decimal
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Area:
    """One pengungkit area (§1.1), split into Pemenuhan and Reform halves."""

    code: str
    number: int
    name: str
    weight: Decimal
    pemenuhan: tuple[SubIndicator, ...]
    reform: tuple[SubIndicator, ...]

    @property
    def sub_indicators(self) -> tuple[SubIndicator, ...]:
        """Return both halves' sub-indicators, Pemenuhan first."""
        return self.pemenuhan + self.reform

    @property
    def half_weight(self) -> Decimal:
        """Return the weight of each half (§1.1: half of the area weight)."""
        return self.weight / 2


@dataclass(frozen=True)
class HasilComponent:
    """One hasil input (§1.6); `weight` counts in the total, points are value × points_max."""

    code: str
    name: str
    group: str
    kind: str
    input: str
    weight: Decimal
    points_max: Decimal
    minimum: Decimal = ZERO
    maximum: Decimal = ONE
    options: tuple[Option, ...] = ()
    answer_type: str = ""
    note: str = ""

    def option(self, label: str) -> Option | None:
        """Return the option with this label, if any."""
        return next((o for o in self.options if o.label == label), None)


@dataclass(frozen=True)
class HasilGroup:
    """A hasil sub-component (§1.1: bersih 22,50; pelayanan 17,50)."""

    code: str
    name: str
    weight: Decimal
    components: tuple[HasilComponent, ...]


@dataclass(frozen=True)
class Framework:
    """A published LKE version (A.1): the tree, option values and weights."""

    code: str
    title: str
    regulation: str
    year: int
    version: int
    published: bool
    option_values: Mapping[str, Mapping[str, Decimal]]
    areas: tuple[Area, ...]
    hasil_groups: tuple[HasilGroup, ...]
    source: str = ""

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Return every pengungkit question in worksheet order."""
        return tuple(q for a in self.areas for s in a.sub_indicators for q in s.questions)

    @cached_property
    def _question_index(self) -> Mapping[str, Question]:
        return {q.code: q for q in self.questions}

    @cached_property
    def hasil_components(self) -> tuple[HasilComponent, ...]:
        """Return every hasil component in worksheet order."""
        return tuple(c for g in self.hasil_groups for c in g.components)

    @cached_property
    def _input_index(self) -> Mapping[str, HasilComponent]:
        return {c.input: c for c in self.hasil_components}

    @property
    def pengungkit_weight(self) -> Decimal:
        """Return the pengungkit weight (§1.1: 60)."""
        return sum((a.weight for a in self.areas), ZERO)

    @property
    def hasil_weight(self) -> Decimal:
        """Return the hasil weight (§1.1: 40)."""
        return sum((g.weight for g in self.hasil_groups), ZERO)

    @cached_property
    def metrics(self) -> frozenset[str]:
        """Return the metric names a rule may test."""
        names = {"total", "pengungkit", "hasil"}
        names.update(f"hasil_{g.code}" for g in self.hasil_groups)
        names.update(c.code for c in self.hasil_components)
        return frozenset(names)

    def question(self, code: str) -> Question:
        """Return the question with this code (KeyError if unknown)."""
        return self._question_index[code]

    def has_question(self, code: str) -> bool:
        """Return whether a question has this code."""
        return code in self._question_index

    def area(self, code: str) -> Area:
        """Return the area with this code (KeyError if unknown)."""
        for area in self.areas:
            if area.code == code:
                return area
        raise KeyError(code)

    def hasil_input(self, input_code: str) -> HasilComponent | None:
        """Return the hasil component fed by this input code, if any."""
        return self._input_index.get(input_code)


# --------------------------------------------------------------------------- rule sets


@dataclass(frozen=True)
class Rule:
    """One condition for proposing a predicate; `clause` cites where it comes from."""

    id: str
    kind: str
    label: str
    clause: str
    metric: str = ""
    minimum: Decimal = ZERO
    minimum_ratio: Decimal = ZERO
    flag: str = ""
    message: str = ""


@dataclass(frozen=True)
class RuleSet:
    """A versioned set of thresholds for WBK and WBBM (A.6)."""

    code: str
    title: str
    regulation: str
    scope: str
    version: int
    published: bool
    frameworks: tuple[str, ...]
    predicates: Mapping[str, tuple[Rule, ...]]
    source: str = ""

    def rules(self, predicate: str) -> tuple[Rule, ...]:
        """Return the rules of WBK or WBBM (KeyError if the set has none)."""
        return self.predicates[predicate]


# Reading and checking live in .loading and .discovery; their names stay importable here.
from .discovery import (  # noqa: E402
    check_rule_set_data as check_rule_set_data,
)
from .discovery import (
    check_rule_set_for as check_rule_set_for,
)
from .discovery import (
    find_framework as find_framework,
)
from .discovery import (
    framework_from_file as framework_from_file,
)
from .discovery import (
    load_rule_set as load_rule_set,
)
from .discovery import (
    published_frameworks as published_frameworks,
)
from .discovery import (
    rule_sets_for as rule_sets_for,
)
from .loading import (
    check_framework_data as check_framework_data,
)
from .loading import (
    load_framework as load_framework,
)
from .loading import (  # noqa: E402
    parse_yaml as parse_yaml,
)

__all__ = [
    "ANSWER_TYPE_LABELS",
    "FORMULA_NAMES",
    "FRAMEWORKS_DIR",
    "PERCENT",
    "PREDICATES",
    "RULESETS_DIR",
    "Area",
    "Formula",
    "Framework",
    "FrameworkError",
    "HasilComponent",
    "HasilGroup",
    "Option",
    "PercentInput",
    "Question",
    "Rule",
    "RuleSet",
    "SubIndicator",
    "check_framework_data",
    "check_rule_set_data",
    "check_rule_set_for",
    "find_framework",
    "framework_from_file",
    "load_framework",
    "load_rule_set",
    "parse_yaml",
    "published_frameworks",
    "rule_sets_for",
]

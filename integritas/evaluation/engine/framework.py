"""The LKE worksheet and the rule sets as immutable data, loaded and checked from YAML files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .decimals import ONE, ZERO, to_decimal

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


# --------------------------------------------------------------------------- checking


class _Checker:
    """Collect every problem of a file while building its dataclasses."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def mapping(self, value: object, where: str) -> Mapping[str, Any]:
        return self.node(value, where) or {}

    def node(self, value: object, where: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.add(where, "harus berupa pemetaan (kunci: nilai)")
        return None

    def sequence(self, value: object, where: str, *, required: bool = True) -> list[Any]:
        if isinstance(value, list):
            if required and not value:
                self.add(where, "daftar tidak boleh kosong")
            return value
        if value is None and not required:
            return []
        self.add(where, "harus berupa daftar")
        return []

    def keys(
        self, data: Mapping[str, Any], where: str, required: set[str], optional: set[str]
    ) -> None:
        for key in sorted(required - data.keys()):
            self.add(where, f"kunci '{key}' wajib ada")
        for key in sorted(data.keys() - required - optional, key=str):
            self.add(where, f"kunci '{key}' tidak dikenal")

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is None and not required:
            return ""
        if key in data or required:
            self.add(where, f"'{key}' harus berupa teks yang tidak kosong")
        return ""

    def number(
        self,
        data: Mapping[str, Any],
        key: str,
        where: str,
        *,
        low: Decimal | None = None,
        high: Decimal | None = None,
        default: Decimal | None = None,
    ) -> Decimal:
        if key not in data and default is not None:
            return default
        number = to_decimal(data.get(key))
        if number is None:
            self.add(where, f"'{key}' harus berupa angka")
            return ZERO
        if (low is not None and number < low) or (high is not None and number > high):
            self.add(where, f"'{key}' = {number} di luar rentang [{low}, {high}]")
        return number

    def integer(self, data: Mapping[str, Any], key: str, where: str, *, low: int = 0) -> int:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value >= low:
            return value
        self.add(where, f"'{key}' harus berupa bilangan bulat ≥ {low}")
        return low

    def boolean(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = data.get(key)
        if isinstance(value, bool):
            return value
        self.add(where, f"'{key}' harus true atau false")
        return False

    def code(self, data: Mapping[str, Any], key: str, where: str, pattern: re.Pattern[str]) -> str:
        value = self.text(data, key, where)
        if value and not pattern.match(value):
            self.add(where, f"'{key}' = '{value}' tidak sesuai pola {pattern.pattern}")
        return value

    def unique(self, seen: set[str], value: str, where: str, what: str) -> None:
        if not value:
            return
        if value in seen:
            self.add(where, f"{what} '{value}' ganda")
        seen.add(value)

    def weight_sum(
        self, where: str, parts: Sequence[Decimal], expected: Decimal, what: str
    ) -> None:
        total = sum(parts, ZERO)
        if total != expected:
            self.add(where, f"jumlah bobot {what} = {total}, seharusnya {expected}")


def _read_source(source: str | os.PathLike[str] | Mapping[str, Any]) -> tuple[object, str]:
    if isinstance(source, Mapping):
        return source, "<data>"
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError([f"{path}: tidak dapat dibaca ({exc.strerror or exc})"]) from exc
    except UnicodeDecodeError as exc:
        raise FrameworkError([f"{path}: bukan teks UTF-8"]) from exc
    return parse_yaml(text, str(path)), str(path)


def parse_yaml(text: str, where: str = "<yaml>") -> object:
    """Parse YAML safely (FrameworkError on a syntax error)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise FrameworkError([f"{where}: YAML tidak sah: {exc}"]) from exc


def _options(
    c: _Checker,
    raw: object,
    where: str,
    answer_type: str,
    option_values: Mapping[str, Mapping[str, Decimal]],
) -> tuple[Option, ...]:
    """A.3: options of an answer type carry exactly its labels and values."""
    defaults = option_values.get(answer_type, {})
    options = []
    for i, item in enumerate(c.sequence(raw, f"{where}.options")):
        at = f"{where}.options[{i}]"
        data = c.node(item, at)
        if data is None:
            continue
        c.keys(data, at, {"label", "text"}, {"value"})
        label = c.text(data, "label", at)
        text = c.text(data, "text", at)
        default = defaults.get(label)
        value = c.number(data, "value", at, low=ZERO, high=ONE, default=default)
        if default is not None and value != default:
            c.add(at, f"nilai {value} berbeda dari option_values {answer_type}.{label} = {default}")
        options.append(Option(label=label, text=text, value=value))
    labels = tuple(o.label for o in options)
    expected = ANSWER_TYPE_LABELS.get(answer_type)
    if expected is not None and options and labels != expected:
        c.add(
            where,
            f"pilihan {', '.join(labels)} tidak sesuai tipe {answer_type} ({', '.join(expected)})",
        )
    return tuple(options)


def _formula(c: _Checker, raw: object, where: str, inputs: set[str]) -> Formula | None:
    """A.10: only whitelisted formula names, over declared Jumlah inputs."""
    at = f"{where}.formula"
    data = c.node(raw, at)
    if data is None:
        return None
    name = data.get("name")
    if name not in FORMULA_NAMES:
        c.add(at, f"rumus '{name}' tidak dikenal (boleh: {', '.join(sorted(FORMULA_NAMES))})")
        return None

    def ref(key: str) -> str:
        value = c.text(data, key, at)
        if value and value not in inputs:
            c.add(at, f"'{key}' merujuk isian '{value}' yang tidak dideklarasikan")
        return value

    if name == "ratio":
        c.keys(data, at, {"name", "numerator", "denominators"}, {"if_denominator_zero"})
        numerator = ref("numerator")
        denominators = []
        for i, item in enumerate(c.sequence(data.get("denominators"), f"{at}.denominators")):
            if not isinstance(item, str) or item not in inputs:
                c.add(f"{at}.denominators[{i}]", f"isian '{item}' tidak dideklarasikan")
            else:
                denominators.append(item)
        if_zero = c.number(data, "if_denominator_zero", at, low=ZERO, high=ONE, default=ZERO)
        return Formula(
            name=name,
            numerator=numerator,
            denominators=tuple(denominators),
            if_denominator_zero=if_zero,
        )
    c.keys(data, at, {"name", "previous", "current"}, set())
    return Formula(name=name, previous=ref("previous"), current=ref("current"))


def _question(
    c: _Checker,
    raw: object,
    where: str,
    sub_code: str,
    option_values: Mapping[str, Mapping[str, Decimal]],
    seen: set[str],
) -> Question | None:
    data = c.node(raw, where)
    if data is None:
        return None
    code = c.text(data, "code", where)
    at = code or where
    c.unique(seen, code, at, "kode")
    if code and not re.fullmatch(re.escape(sub_code) + r"\.[a-z]", code):
        c.add(at, f"kode harus berbentuk {sub_code}.<huruf>")
    answer_type = str(data.get("answer_type", ""))
    common = {"code", "text", "answer_type"}
    evidence_raw = data.get("expected_evidence")
    evidence: list[str] = []
    for i, item in enumerate(c.sequence(evidence_raw, f"{at}.expected_evidence", required=False)):
        if isinstance(item, str) and item.strip():
            evidence.append(item.strip())
        else:
            c.add(f"{at}.expected_evidence[{i}]", "harus berupa teks yang tidak kosong")
    text = c.text(data, "text", at)
    if answer_type == PERCENT:
        c.keys(data, at, common | {"inputs", "formula"}, {"guidance", "expected_evidence"})
        inputs = []
        input_codes: set[str] = set()
        for i, item in enumerate(c.sequence(data.get("inputs"), f"{at}.inputs")):
            item_at = f"{at}.inputs[{i}]"
            item_data = c.node(item, item_at)
            if item_data is None:
                continue
            c.keys(item_data, item_at, {"code", "label"}, set())
            input_code = c.code(item_data, "code", item_at, _IDENT)
            c.unique(input_codes, input_code, item_at, "kode isian")
            inputs.append(PercentInput(code=input_code, label=c.text(item_data, "label", item_at)))
        formula = _formula(c, data.get("formula"), at, input_codes)
        return Question(
            code=code,
            text=text,
            answer_type=PERCENT,
            expected_evidence=tuple(evidence),
            inputs=tuple(inputs),
            formula=formula,
            guidance=c.text(data, "guidance", at, required=False),
        )
    if answer_type not in ANSWER_TYPE_LABELS:
        allowed = ", ".join([*ANSWER_TYPE_LABELS, PERCENT])
        c.add(at, f"tipe jawaban '{answer_type}' tidak dikenal (boleh: {allowed})")
        return None
    c.keys(data, at, common | {"options"}, {"expected_evidence"})
    options = _options(c, data.get("options"), at, answer_type, option_values)
    return Question(
        code=code,
        text=text,
        answer_type=answer_type,
        options=options,
        expected_evidence=tuple(evidence),
    )


def _sub_indicator(
    c: _Checker,
    raw: object,
    where: str,
    prefix: str,
    option_values: Mapping[str, Mapping[str, Decimal]],
    seen: set[str],
) -> SubIndicator | None:
    data = c.node(raw, where)
    if data is None:
        return None
    c.keys(data, where, {"code", "name", "weight", "questions"}, set())
    code = c.text(data, "code", where)
    at = code or where
    c.unique(seen, code, at, "kode")
    roman = code.removeprefix(f"{prefix}.")
    if code and (not code.startswith(f"{prefix}.") or not roman or not _ROMAN.fullmatch(roman)):
        c.add(at, f"kode harus berbentuk {prefix}.<angka romawi kecil>")
    weight = c.number(data, "weight", at, low=ZERO)
    if weight <= 0:
        c.add(at, "bobot harus lebih dari 0")
    questions = [
        q
        for i, item in enumerate(c.sequence(data.get("questions"), f"{at}.questions"))
        if (q := _question(c, item, f"{at}.questions[{i}]", code, option_values, seen))
    ]
    return SubIndicator(
        code=code, name=c.text(data, "name", at), weight=weight, questions=tuple(questions)
    )


def _area(
    c: _Checker,
    raw: object,
    where: str,
    option_values: Mapping[str, Mapping[str, Decimal]],
    seen: set[str],
) -> Area | None:
    """§1.1: an area's halves each weigh half the area; §1.4-1.5: sub-indicators fill a half."""
    data = c.node(raw, where)
    if data is None:
        return None
    c.keys(data, where, {"code", "number", "name", "weight", *HALVES}, set())
    code = c.code(data, "code", where, re.compile(r"^[A-Z]+$"))
    at = code or where
    c.unique(seen, code, at, "kode area")
    number = c.integer(data, "number", at, low=1)
    weight = c.number(data, "weight", at, low=ZERO)
    if weight <= 0:
        c.add(at, "bobot area harus lebih dari 0")
    halves: dict[str, tuple[SubIndicator, ...]] = {}
    for half in HALVES:
        prefix = f"{'P' if half == 'pemenuhan' else 'R'}{number}"
        subs = tuple(
            s
            for i, item in enumerate(c.sequence(data.get(half), f"{at}.{half}"))
            if (s := _sub_indicator(c, item, f"{at}.{half}[{i}]", prefix, option_values, seen))
        )
        if subs:
            c.weight_sum(f"{at}.{half}", [s.weight for s in subs], weight / 2, "sub-indikator")
        halves[half] = subs
    return Area(
        code=code,
        number=number,
        name=c.text(data, "name", at),
        weight=weight,
        pemenuhan=halves["pemenuhan"],
        reform=halves["reform"],
    )


def _hasil_component(
    c: _Checker,
    raw: object,
    where: str,
    group: str,
    option_values: Mapping[str, Mapping[str, Decimal]],
    seen: set[str],
    inputs: set[str],
) -> HasilComponent | None:
    """§1.6: IPAK/IPKP points = index / 4 × 17,5; capaian A-E; TLHP for the local rule only."""
    data = c.node(raw, where)
    if data is None:
        return None
    code = c.code(data, "code", where, _IDENT)
    at = f"hasil.{code}" if code else where
    c.unique(seen, code, at, "kode hasil")
    kind = data.get("kind")
    common = {"code", "name", "weight", "kind", "input"}
    optional = {"points_max", "note"}
    input_code = c.code(data, "input", at, _IDENT)
    c.unique(inputs, input_code, at, "isian hasil")
    weight = c.number(data, "weight", at, low=ZERO)
    points_max = c.number(data, "points_max", at, low=ZERO, default=weight)
    if points_max <= 0:
        c.add(at, "'points_max' (atau bobot) harus lebih dari 0")
    name = c.text(data, "name", at)
    note = c.text(data, "note", at, required=False)
    if kind == "option":
        c.keys(data, at, common | {"answer_type", "options"}, optional)
        answer_type = data.get("answer_type")
        if answer_type not in ANSWER_TYPE_LABELS:
            c.add(at, f"tipe jawaban '{answer_type}' tidak dikenal")
            answer_type = ""
        options = _options(c, data.get("options"), at, str(answer_type), option_values)
        return HasilComponent(
            code=code,
            name=name,
            group=group,
            kind=kind,
            input=input_code,
            weight=weight,
            points_max=points_max,
            options=options,
            answer_type=str(answer_type),
            note=note,
        )
    if kind not in HASIL_KINDS:
        c.add(at, f"jenis '{kind}' tidak dikenal (boleh: {', '.join(sorted(HASIL_KINDS))})")
        return None
    c.keys(data, at, common | {"minimum", "maximum"}, optional)
    low = c.number(data, "minimum", at, low=ZERO)
    high = c.number(data, "maximum", at, low=ZERO)
    if high <= low:
        c.add(at, "'maximum' harus lebih besar dari 'minimum'")
        high = low + 1
    return HasilComponent(
        code=code,
        name=name,
        group=group,
        kind=str(kind),
        input=input_code,
        weight=weight,
        points_max=points_max,
        minimum=low,
        maximum=high,
        note=note,
    )


def _hasil_group(
    c: _Checker,
    raw: object,
    where: str,
    option_values: Mapping[str, Mapping[str, Decimal]],
    seen: set[str],
    inputs: set[str],
) -> HasilGroup | None:
    data = c.node(raw, where)
    if data is None:
        return None
    c.keys(data, where, {"code", "name", "weight", "components"}, set())
    code = c.code(data, "code", where, _IDENT)
    at = f"hasil.{code}" if code else where
    c.unique(seen, code, at, "kode hasil")
    weight = c.number(data, "weight", at, low=ZERO)
    components = tuple(
        comp
        for i, item in enumerate(c.sequence(data.get("components"), f"{at}.components"))
        if (
            comp := _hasil_component(
                c, item, f"{at}.components[{i}]", code, option_values, seen, inputs
            )
        )
    )
    c.weight_sum(at, [comp.weight for comp in components], weight, "komponen hasil")
    return HasilGroup(
        code=code, name=c.text(data, "name", at), weight=weight, components=components
    )


def _option_values(c: _Checker, raw: object) -> dict[str, dict[str, Decimal]]:
    """§1.2 / A.3: the value of each label per answer type, within [0, 1]."""
    result: dict[str, dict[str, Decimal]] = {}
    for answer_type, labels in c.mapping(raw, "option_values").items():
        at = f"option_values.{answer_type}"
        expected = ANSWER_TYPE_LABELS.get(answer_type)
        if expected is None:
            c.add(at, f"tipe jawaban tidak dikenal (boleh: {', '.join(ANSWER_TYPE_LABELS)})")
            continue
        values = c.mapping(labels, at)
        if values and set(values) != set(expected):
            c.add(at, f"label harus {', '.join(expected)}")
        result[answer_type] = {
            str(label): c.number(values, label, at, low=ZERO, high=ONE) for label in values
        }
    return result


def check_framework_data(
    data: object, source: str = ""
) -> tuple[Framework | None, tuple[str, ...]]:
    """Build a Framework from parsed YAML, returning it (or None) with every problem found."""
    c = _Checker()
    top = c.node(data, source or "berkas")
    if top is None:
        return None, tuple(c.problems)
    c.keys(
        top,
        "",
        {
            "code",
            "title",
            "regulation",
            "version",
            "published",
            "option_values",
            "pengungkit",
            "hasil",
        },
        {"year"},
    )
    option_values = _option_values(c, top.get("option_values", {}))
    seen: set[str] = set()
    areas = tuple(
        a
        for i, item in enumerate(c.sequence(top.get("pengungkit", []), "pengungkit"))
        if (a := _area(c, item, f"pengungkit[{i}]", option_values, seen))
    )
    numbers = [a.number for a in areas]
    if numbers != list(range(1, len(areas) + 1)):
        c.add("pengungkit", f"nomor area harus 1..{len(areas)} berurutan, bukan {numbers}")
    hasil_seen: set[str] = set()
    inputs: set[str] = set()
    groups = tuple(
        g
        for i, item in enumerate(c.sequence(top.get("hasil", []), "hasil"))
        if (g := _hasil_group(c, item, f"hasil[{i}]", option_values, hasil_seen, inputs))
    )
    pengungkit = sum((a.weight for a in areas), ZERO)
    hasil = sum((g.weight for g in groups), ZERO)
    if pengungkit + hasil != TOTAL_WEIGHT:
        c.add("", f"bobot pengungkit {pengungkit} + hasil {hasil} harus {TOTAL_WEIGHT}")
    framework = Framework(
        code=c.code(top, "code", "", _CODE),
        title=c.text(top, "title", ""),
        regulation=c.text(top, "regulation", ""),
        year=c.integer(top, "year", "", low=0) if "year" in top else 0,
        version=c.integer(top, "version", "", low=1),
        published=c.boolean(top, "published", ""),
        option_values=option_values,
        areas=areas,
        hasil_groups=groups,
        source=source,
    )
    return (None if c.problems else framework), tuple(c.problems)


def load_framework(source: str | os.PathLike[str] | Mapping[str, Any]) -> Framework:
    """Load a framework file (or parsed data), raising FrameworkError with every problem."""
    data, where = _read_source(source)
    framework, problems = check_framework_data(data, where)
    if framework is None:
        raise FrameworkError([f"{where}: {p}" for p in problems])
    return framework


def _rule(c: _Checker, raw: object, where: str) -> Rule | None:
    data = c.node(raw, where)
    if data is None:
        return None
    kind = data.get("kind", "minimum")
    rule_id = c.code(data, "id", where, _IDENT)
    at = f"{where} ({rule_id})" if rule_id else where
    common = {"id", "label", "clause"}
    if kind == "minimum":
        c.keys(data, at, common | {"metric", "minimum"}, {"kind"})
        return Rule(
            id=rule_id,
            kind=kind,
            label=c.text(data, "label", at),
            clause=c.text(data, "clause", at),
            metric=c.code(data, "metric", at, _IDENT),
            minimum=c.number(data, "minimum", at, low=ZERO),
        )
    if kind == "area_ratio":
        c.keys(data, at, common | {"kind", "minimum_ratio"}, set())
        ratio = c.number(data, "minimum_ratio", at, low=ZERO, high=ONE)
        return Rule(
            id=rule_id,
            kind=kind,
            label=c.text(data, "label", at),
            clause=c.text(data, "clause", at),
            minimum_ratio=ratio,
        )
    if kind == "flag":
        c.keys(data, at, common | {"kind", "flag", "message"}, set())
        flag = c.text(data, "flag", at)
        if flag and flag not in FLAGS:
            c.add(at, f"penanda '{flag}' tidak dikenal (boleh: {', '.join(sorted(FLAGS))})")
        return Rule(
            id=rule_id,
            kind=kind,
            label=c.text(data, "label", at),
            clause=c.text(data, "clause", at),
            flag=flag,
            message=c.text(data, "message", at),
        )
    c.add(at, f"jenis aturan '{kind}' tidak dikenal (boleh: {', '.join(sorted(RULE_KINDS))})")
    return None


def check_rule_set_data(
    data: object, source: str = "", framework: Framework | None = None
) -> tuple[RuleSet | None, tuple[str, ...]]:
    """Build a RuleSet from parsed YAML, returning it (or None) with every problem found."""
    c = _Checker()
    top = c.node(data, source or "berkas")
    if top is None:
        return None, tuple(c.problems)
    c.keys(
        top,
        "",
        {
            "code",
            "title",
            "regulation",
            "scope",
            "version",
            "published",
            "frameworks",
            "predicates",
        },
        set(),
    )
    scope = c.text(top, "scope", "")
    if scope and scope not in ("local", "national"):
        c.add("", "'scope' harus local atau national")
    frameworks = []
    for i, item in enumerate(c.sequence(top.get("frameworks"), "frameworks")):
        if isinstance(item, str) and _CODE.match(item):
            frameworks.append(item)
        else:
            c.add(f"frameworks[{i}]", "harus berupa kode kerangka kerja")
    predicates: dict[str, tuple[Rule, ...]] = {}
    raw_predicates = c.mapping(top.get("predicates"), "predicates")
    for name in raw_predicates:
        if name not in PREDICATES:
            c.add("predicates", f"predikat '{name}' tidak dikenal (boleh: {', '.join(PREDICATES)})")
    for name in PREDICATES:
        if name not in raw_predicates:
            c.add("predicates", f"predikat '{name}' wajib ada")
            continue
        seen: set[str] = set()
        rules = []
        for i, item in enumerate(c.sequence(raw_predicates[name], f"predicates.{name}")):
            rule = _rule(c, item, f"predicates.{name}[{i}]")
            if rule is None:
                continue
            c.unique(seen, rule.id, f"predicates.{name}", "id aturan")
            if (
                framework is not None
                and rule.kind == "minimum"
                and rule.metric not in framework.metrics
            ):
                c.add(
                    f"predicates.{name}.{rule.id}",
                    f"ukuran '{rule.metric}' tidak ada di kerangka {framework.code}",
                )
            rules.append(rule)
        predicates[name] = tuple(rules)
    rule_set = RuleSet(
        code=c.code(top, "code", "", _CODE),
        title=c.text(top, "title", ""),
        regulation=c.text(top, "regulation", ""),
        scope=scope,
        version=c.integer(top, "version", "", low=1),
        published=c.boolean(top, "published", ""),
        frameworks=tuple(frameworks),
        predicates=predicates,
        source=source,
    )
    return (None if c.problems else rule_set), tuple(c.problems)


def load_rule_set(
    source: str | os.PathLike[str] | Mapping[str, Any], *, framework: Framework | None = None
) -> RuleSet:
    """Load a rule-set file (or parsed data), raising FrameworkError with every problem."""
    data, where = _read_source(source)
    rule_set, problems = check_rule_set_data(data, where, framework)
    if rule_set is None:
        raise FrameworkError([f"{where}: {p}" for p in problems])
    return rule_set


# --------------------------------------------------------------------------- discovery


@lru_cache(maxsize=32)
def _cached_framework(path: str, mtime_ns: int, size: int) -> Framework:
    return load_framework(path)


@lru_cache(maxsize=32)
def _cached_rule_set(path: str, mtime_ns: int, size: int) -> RuleSet:
    return load_rule_set(path)


def _yaml_files(directory: Path) -> Iterator[Path]:
    return iter(sorted(p for p in directory.glob("*.yaml") if p.is_file()))


def framework_from_file(path: str | os.PathLike[str]) -> Framework:
    """Load a framework file, reusing the parsed result while the file is unchanged."""
    stat = os.stat(path)
    return _cached_framework(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


def published_frameworks(directory: Path = FRAMEWORKS_DIR) -> tuple[Framework, ...]:
    """A.1: return the published framework files, latest (year, version) first."""
    frameworks = [framework_from_file(p) for p in _yaml_files(directory)]
    published = [f for f in frameworks if f.published]
    return tuple(sorted(published, key=lambda f: (f.year, f.version, f.code), reverse=True))


def find_framework(code: str | None = None, directory: Path = FRAMEWORKS_DIR) -> Framework:
    """Return the latest published framework (with this code, if given); KeyError if none."""
    for framework in published_frameworks(directory):
        if code is None or framework.code == code:
            return framework
    raise KeyError(code or "")


def rule_sets_for(framework: Framework, directory: Path = RULESETS_DIR) -> tuple[RuleSet, ...]:
    """A.6: return the published rule sets for a framework, the local one first."""
    found = []
    for path in _yaml_files(directory):
        stat = path.stat()
        rule_set = _cached_rule_set(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        if rule_set.published and framework.code in rule_set.frameworks:
            found.append(rule_set)
    return tuple(sorted(found, key=lambda r: (r.scope != "local", r.code)))


def check_rule_set_for(rule_set: RuleSet, framework: Framework) -> tuple[str, ...]:
    """Return the rule-set problems that only show against a framework (unknown metrics)."""
    return tuple(
        f"{rule_set.code}.{name}.{rule.id}: ukuran '{rule.metric}' tidak ada di {framework.code}"
        for name, rules in rule_set.predicates.items()
        for rule in rules
        if rule.kind == "minimum" and rule.metric not in framework.metrics
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

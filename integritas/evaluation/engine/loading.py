"""Reading and checking the LKE worksheet from YAML (every problem reported, in Indonesian)."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .decimals import ONE, ZERO, to_decimal
from .framework import (
    _CODE,
    _IDENT,
    _ROMAN,
    ANSWER_TYPE_LABELS,
    FORMULA_NAMES,
    HALVES,
    HASIL_KINDS,
    PERCENT,
    TOTAL_WEIGHT,
    Area,
    Formula,
    Framework,
    FrameworkError,
    HasilComponent,
    HasilGroup,
    Option,
    PercentInput,
    Question,
    SubIndicator,
)

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

"""Survey instruments as data: load and validate the YAML files in ``instruments/``.

Pure Python (PyYAML, no Django). docs/zi-rules.md A.1/A.9: questionnaires, scales and weights are
versioned data; a published file is never edited, a changed questionnaire gets a new code.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, Final

import yaml

from integritas.surveys.indices import SKM_SCALE, SUPPORTED_SCALES

INSTRUMENTS_DIR: Final = Path(__file__).resolve().with_name("instruments")
BUNDLED_INSTRUMENTS: Final = ("skm-14-2017", "spak", "spkp")
KINDS: Final = ("skm", "spak", "spkp")

_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_CHOICE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_TOP_KEYS: Final = {"code", "kind", "title", "regulation", "scale", "answers", "items", "profile"}
_ITEM_KEYS: Final = {"code", "name", "text", "answers", "weight"}
_FIELD_KEYS: Final = {"code", "label", "choices", "choices_from"}
_CHOICES_FROM: Final = ("unit",)


class InstrumentError(ValueError):
    """An instrument file that does not follow the rules of its kind."""


@dataclass(frozen=True)
class Scale:
    """The answer scale: whole numbers from `minimum` to `maximum`."""

    minimum: int
    maximum: int

    @property
    def values(self) -> range:
        """Return the valid answers."""
        return range(self.minimum, self.maximum + 1)


@dataclass(frozen=True)
class Answer:
    """One answer option: its value on the scale and its text."""

    value: int
    text: str


@dataclass(frozen=True)
class Item:
    """One question (an SKM unsur or a SPAK/SPKP statement) with its answers and weight."""

    code: str
    name: str
    text: str
    answers: tuple[Answer, ...]
    weight: Fraction


@dataclass(frozen=True)
class Choice:
    """One option of a respondent profile field."""

    code: str
    label: str


@dataclass(frozen=True)
class ProfileField:
    """A respondent profile question; `choices_from="unit"` means the unit's own list."""

    code: str
    label: str
    choices: tuple[Choice, ...]
    choices_from: str | None = None


@dataclass(frozen=True)
class Instrument:
    """A questionnaire: its items in order, scale, weights and respondent profile."""

    code: str
    kind: str
    title: str
    regulation: str
    scale: Scale
    items: tuple[Item, ...]
    profile: tuple[ProfileField, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        """Return the item codes in questionnaire order."""
        return tuple(item.code for item in self.items)

    def weights(self) -> dict[str, Fraction]:
        """Return the weight of every item, keyed by code (they sum to 1)."""
        return {item.code: item.weight for item in self.items}

    def item(self, code: str) -> Item:
        """Return the item with this code."""
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)


def _fail(source: str, where: str, message: str) -> InstrumentError:
    return InstrumentError(f"{source}: {where}: {message}")


def _mapping(value: object, source: str, where: str, allowed: set[str]) -> dict[str, object]:
    if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
        raise _fail(source, where, "must be a mapping")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise _fail(source, where, f"unknown keys {unknown}")
    return value


def _text(data: dict[str, object], key: str, source: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, where, f"`{key}` must be a non-empty text")
    return " ".join(value.split())


def _weight(value: object, source: str, where: str) -> Fraction:
    # YAML has no fractions: "1/9" arrives as text; a float goes through its shortest repr.
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _fail(source, where, "`weight` must be a number or a fraction like 1/9")
    try:
        weight = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        raise _fail(source, where, f"`weight` {value!r} is not a number") from None
    if weight <= 0:
        raise _fail(source, where, "`weight` must be positive")
    return weight


def _answers(value: object, scale: Scale, source: str, where: str) -> tuple[Answer, ...]:
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise _fail(source, where, "`answers` must be a list of texts")
    if len(value) != len(scale.values):
        raise _fail(
            source, where, f"needs {len(scale.values)} answers for the scale, not {len(value)}"
        )
    return tuple(
        Answer(number, " ".join(text.split()))
        for number, text in zip(scale.values, value, strict=True)
    )


def _scale(value: object, kind: str, source: str) -> Scale:
    data = _mapping(value, source, "scale", {"min", "max"})
    minimum, maximum = data.get("min"), data.get("max")
    if minimum != 1 or isinstance(minimum, bool):
        raise _fail(source, "scale", "`min` must be 1")
    if maximum not in SUPPORTED_SCALES or isinstance(maximum, bool) or not isinstance(maximum, int):
        raise _fail(source, "scale", f"`max` must be one of {list(SUPPORTED_SCALES)}")
    if kind == "skm" and maximum != SKM_SCALE:
        raise _fail(source, "scale", f"an SKM instrument is answered on 1–{SKM_SCALE}")
    return Scale(1, maximum)


def _items(data: dict[str, object], scale: Scale, source: str) -> tuple[Item, ...]:
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise _fail(source, "items", "must be a non-empty list")
    shared = data.get("answers")
    shared_answers = None if shared is None else _answers(shared, scale, source, "answers")
    parsed: list[tuple[str, str, str, tuple[Answer, ...], Fraction | None]] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_items, start=1):
        where = f"item {number}"
        item = _mapping(raw, source, where, _ITEM_KEYS)
        code = _text(item, "code", source, where)
        if not _CODE.match(code):
            raise _fail(source, where, f"code {code!r} must be a letter then letters, digits or _")
        # Codes are CSV column names, matched without regard to case.
        if code.casefold() in seen:
            raise _fail(source, where, f"code {code!r} is used twice")
        seen.add(code.casefold())
        where = f"item {code}"
        if "answers" in item:
            answers = _answers(item["answers"], scale, source, where)
        elif shared_answers is not None:
            answers = shared_answers
        else:
            raise _fail(source, where, "has no `answers` and the instrument gives none")
        weight = _weight(item["weight"], source, where) if "weight" in item else None
        parsed.append(
            (
                code,
                _text(item, "name", source, where),
                _text(item, "text", source, where),
                answers,
                weight,
            )
        )
    given = [entry[4] for entry in parsed if entry[4] is not None]
    if given and len(given) != len(parsed):
        raise _fail(source, "items", "give a `weight` to every item or to none")
    if not given:
        weights = [Fraction(1, len(parsed))] * len(parsed)
    else:
        weights = [entry[4] for entry in parsed if entry[4] is not None]
        if sum(weights, Fraction(0)) != 1:
            raise _fail(source, "items", f"weights sum to {sum(weights, Fraction(0))}, not 1")
    return tuple(
        Item(code, name, text, answers, weight)
        for (code, name, text, answers, _), weight in zip(parsed, weights, strict=True)
    )


def _profile(value: object, source: str) -> tuple[ProfileField, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(source, "profile", "must be a list")
    fields: list[ProfileField] = []
    for number, raw in enumerate(value, start=1):
        where = f"profile field {number}"
        field = _mapping(raw, source, where, _FIELD_KEYS)
        code = _text(field, "code", source, where)
        if not _CODE.match(code) or code in {f.code for f in fields}:
            raise _fail(source, where, f"code {code!r} is not a valid unique code")
        where = f"profile field {code}"
        label = _text(field, "label", source, where)
        choices_from = field.get("choices_from")
        raw_choices = field.get("choices")
        if choices_from is not None:
            if choices_from not in _CHOICES_FROM or raw_choices is not None:
                raise _fail(
                    source,
                    where,
                    f"`choices_from` must be one of {list(_CHOICES_FROM)}, without `choices`",
                )
            fields.append(ProfileField(code, label, (), str(choices_from)))
            continue
        if not isinstance(raw_choices, list) or not raw_choices:
            raise _fail(source, where, "needs `choices` or `choices_from`")
        choices: list[Choice] = []
        for raw_choice in raw_choices:
            choice = _mapping(raw_choice, source, where, {"code", "label"})
            choice_code = _text(choice, "code", source, where)
            if not _CHOICE_CODE.match(choice_code) or choice_code in {c.code for c in choices}:
                raise _fail(
                    source, where, f"choice code {choice_code!r} is not a valid unique code"
                )
            choices.append(Choice(choice_code, _text(choice, "label", source, where)))
        fields.append(ProfileField(code, label, tuple(choices)))
    return tuple(fields)


def parse_instrument(data: object, *, source: str = "<data>") -> Instrument:
    """Validate already-parsed instrument data: unique codes, weights summing to 1, a valid scale."""
    top = _mapping(data, source, "instrument", _TOP_KEYS)
    code = _text(top, "code", source, "instrument")
    kind = _text(top, "kind", source, "instrument")
    if kind not in KINDS:
        raise _fail(source, "instrument", f"`kind` must be one of {list(KINDS)}")
    scale = _scale(top.get("scale"), kind, source)
    return Instrument(
        code=code,
        kind=kind,
        title=_text(top, "title", source, "instrument"),
        regulation=_text(top, "regulation", source, "instrument") if "regulation" in top else "",
        scale=scale,
        items=_items(top, scale, source),
        profile=_profile(top.get("profile"), source),
    )


def load_instrument(path: str | os.PathLike[str]) -> Instrument:
    """Read and validate one instrument YAML file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InstrumentError(f"{path.name}: cannot be read: {exc}") from exc
    return parse_instrument(data, source=path.name)


@cache
def bundled_instrument(code: str) -> Instrument:
    """Return one of the instruments shipped in ``instruments/`` by its code."""
    if code not in BUNDLED_INSTRUMENTS:
        raise KeyError(code)
    instrument = load_instrument(INSTRUMENTS_DIR / f"{code}.yaml")
    if instrument.code != code:
        raise InstrumentError(f"{code}.yaml declares code {instrument.code!r}")
    return instrument


def instrument_data(instrument: Instrument) -> dict[str, Any]:
    """Serialise an instrument to the data shape `parse_instrument` reads back (explicit weights)."""
    return {
        "code": instrument.code,
        "kind": instrument.kind,
        "title": instrument.title,
        "regulation": instrument.regulation,
        "scale": {"min": instrument.scale.minimum, "max": instrument.scale.maximum},
        "items": [
            {
                "code": item.code,
                "name": item.name,
                "text": item.text,
                "answers": [answer.text for answer in item.answers],
                "weight": str(item.weight),
            }
            for item in instrument.items
        ],
        "profile": [
            {"code": field.code, "label": field.label, "choices_from": field.choices_from}
            if field.choices_from
            else {
                "code": field.code,
                "label": field.label,
                "choices": [{"code": c.code, "label": c.label} for c in field.choices],
            }
            for field in instrument.profile
        ],
    }

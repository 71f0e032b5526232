"""The typed reader of a final assessment's frozen snapshot (Pasal 19 ayat 2).

`review_services.snapshot_data` writes the record once, as JSON; this module is the one place
that reads it back. Every other app (documents, predicates, portal) gets these frozen dataclasses,
with `Decimal` numbers and aware datetimes, and never walks the raw JSON. A snapshot that does
not have the shape written at finalisation raises `MalformedSnapshot`, naming the path.
"""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from django.utils.dateparse import parse_datetime

from integritas.evaluation import engine
from integritas.evaluation.models import AssessmentSnapshot


class MalformedSnapshot(ValueError):
    """The stored snapshot does not have the shape the finalisation writes."""


# --------------------------------------------------------------------------- the read model


@dataclass(frozen=True)
class SnapshotAssessment:
    id: int
    unit_id: int
    unit_code: str
    unit_name: str
    year: int
    revision: int
    framework_code: str
    framework_version: str
    framework_sha256: str


@dataclass(frozen=True)
class SnapshotArea:
    code: str
    pemenuhan: Decimal | None
    reform: Decimal | None
    total: Decimal | None
    weight: Decimal | None


@dataclass(frozen=True)
class SnapshotComponent:
    code: str
    value: Decimal | None
    points: Decimal | None


@dataclass(frozen=True)
class SnapshotScore:
    """One side's score as frozen: totals, each area, each hasil component, completeness."""

    total: Decimal | None
    pengungkit: Decimal | None
    hasil: Decimal | None
    areas: Mapping[str, SnapshotArea]
    components: Mapping[str, SnapshotComponent]
    answered: int
    questions: int

    def area(self, code: str) -> SnapshotArea:
        try:
            return self.areas[code]
        except KeyError:
            raise MalformedSnapshot(f"scores: no area {code!r}") from None

    def component(self, code: str) -> SnapshotComponent:
        try:
            return self.components[code]
        except KeyError:
            raise MalformedSnapshot(f"scores: no hasil component {code!r}") from None


@dataclass(frozen=True)
class SnapshotScores:
    """The unit's own score and the TPI's (the final one; the unit's if nothing was reviewed)."""

    own: SnapshotScore
    tpi: SnapshotScore


@dataclass(frozen=True)
class SnapshotSide:
    """One side's answer to a question: option or percentage (and Jumlah inputs), value, note."""

    option: str
    percent: Decimal | None
    inputs: Mapping[str, Decimal]
    value: Decimal | None
    note: str
    by: int | None = None  # the TPI side only: who scored it, and when
    at: datetime | None = None


@dataclass(frozen=True)
class SnapshotAnswer:
    code: str
    area: str
    sub_indicator: str
    sub_weight: Decimal | None
    own: SnapshotSide
    tpi: SnapshotSide


@dataclass(frozen=True)
class SnapshotEvidence:
    """An evidence document linked to an item, with the revision (and hash) of the time."""

    document: int
    title: str
    revision: int
    number: int
    sha256: str
    name: str
    size: int


@dataclass(frozen=True)
class SnapshotFailure:
    rule: str
    value: Decimal | None
    minimum: Decimal | None
    message: str
    clause: str


@dataclass(frozen=True)
class SnapshotPredicate:
    name: str
    eligible: bool
    failures: tuple[SnapshotFailure, ...]
    not_evaluated: tuple[str, ...]


@dataclass(frozen=True)
class SnapshotVerdict:
    """A.6: one rule set's verdict on the final score, per predicate."""

    rule_set: str
    predicates: Mapping[str, SnapshotPredicate]

    def known_predicates(self) -> tuple[SnapshotPredicate, ...]:
        """The predicates the engine knows, in its order (WBK before WBBM)."""
        return tuple(
            self.predicates[name] for name in engine.framework.PREDICATES if name in self.predicates
        )


@dataclass(frozen=True)
class SnapshotHasil:
    ipak_index: Decimal | None
    ipak_source: str
    ipkp_index: Decimal | None
    ipkp_source: str
    capaian_kinerja: str
    tlhp_percent: Decimal | None


@dataclass(frozen=True)
class SnapshotReviewer:
    user: int | None
    name: str
    ketua: bool


@dataclass(frozen=True)
class FinalSnapshot:
    """Everything a final assessment froze, read once from its JSON."""

    sha256: str
    assessment: SnapshotAssessment
    option_values: Mapping[str, Mapping[str, Decimal | None]]
    answers: Mapping[str, SnapshotAnswer]
    hasil: SnapshotHasil
    evidence: Mapping[str, tuple[SnapshotEvidence, ...]]
    scores: SnapshotScores
    verdicts: tuple[SnapshotVerdict, ...]  # in the stored order
    rule_sets: tuple[tuple[str, str], ...]  # (code, version)
    reviewers: tuple[SnapshotReviewer, ...]
    submitted_by: int | None
    submitted_at: datetime | None
    finalised_by: int | None
    finalised_name: str
    finalised_at: datetime | None

    def answer(self, code: str) -> SnapshotAnswer:
        try:
            return self.answers[code]
        except KeyError:
            raise MalformedSnapshot(f"answers: no question {code!r}") from None

    def evidence_for(self, code: str) -> tuple[SnapshotEvidence, ...]:
        return self.evidence.get(code, ())


@dataclass(frozen=True)
class SnapshotTotals:
    """The final totals only (the TPI's), for lists of many units."""

    total: Decimal | None
    pengungkit: Decimal | None
    hasil: Decimal | None


# --------------------------------------------------------------------------- parsing


def _at(path: str, key: str | int) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


def _get(node: Any, key: str, path: str, *, required: bool = True) -> Any:
    """The value at ``key`` of an object; missing raises unless it is optional (then None)."""
    if not isinstance(node, Mapping):
        raise MalformedSnapshot(f"{path or 'snapshot'}: expected an object")
    if required and key not in node:
        raise MalformedSnapshot(f"{_at(path, key)}: missing")
    return node.get(key)


def _object(node: Any, key: str, path: str) -> Mapping[str, Any]:
    value = _get(node, key, path)
    if not isinstance(value, Mapping):
        raise MalformedSnapshot(f"{_at(path, key)}: expected an object")
    return value


def _list(node: Any, key: str, path: str, *, required: bool = True) -> list[Any]:
    value = _get(node, key, path, required=required)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise MalformedSnapshot(f"{_at(path, key)}: expected a list")
    return value


def _decimal(value: Any, path: str) -> Decimal | None:
    if value is None or value == "":
        return None
    number = None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        with suppress(InvalidOperation):
            number = Decimal(str(value))
    if number is None or not number.is_finite():
        raise MalformedSnapshot(f"{path}: expected a number, got {value!r}")
    return number


def _number(node: Any, key: str, path: str) -> Decimal | None:
    return _decimal(_get(node, key, path), _at(path, key))


def _text(node: Any, key: str, path: str, *, required: bool = True) -> str:
    value = _get(node, key, path, required=required)
    if value is not None and not isinstance(value, str):
        raise MalformedSnapshot(f"{_at(path, key)}: expected text, got {value!r}")
    return value or ""


def _whole(node: Any, key: str, path: str, *, required: bool = True) -> int | None:
    value = _get(node, key, path, required=required)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedSnapshot(f"{_at(path, key)}: expected a whole number, got {value!r}")
    return value


def _int(node: Any, key: str, path: str) -> int:
    return _whole(node, key, path) or 0  # required: never None here


def _datetime(node: Any, key: str, path: str, *, required: bool = True) -> datetime | None:
    value = _get(node, key, path, required=required)
    if value in (None, ""):
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise MalformedSnapshot(f"{_at(path, key)}: expected a date and time, got {value!r}")
    return parsed


def _items(node: Any, key: str, path: str) -> list[tuple[str, Any, str]]:
    """The (key, value, path) of each entry of an object, in the stored order."""
    return [(str(k), v, _at(_at(path, key), k)) for k, v in _object(node, key, path).items()]


def _frozen(items: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(items)


def _score(node: Any, path: str) -> SnapshotScore:
    completeness = _list(node, "completeness", path)
    if len(completeness) != 2 or not all(type(n) is int for n in completeness):
        raise MalformedSnapshot(f"{path}.completeness: expected [answered, questions]")
    areas = {
        code: SnapshotArea(
            code, *(_number(a, k, at) for k in ("pemenuhan", "reform", "total", "weight"))
        )
        for code, a, at in _items(node, "areas", path)
    }
    components = {
        code: SnapshotComponent(code, _number(c, "value", at), _number(c, "points", at))
        for code, c, at in _items(node, "hasil_components", path)
    }
    return SnapshotScore(
        total=_number(node, "total", path),
        pengungkit=_number(node, "pengungkit", path),
        hasil=_number(node, "hasil", path),
        areas=_frozen(areas),
        components=_frozen(components),
        answered=completeness[0],
        questions=completeness[1],
    )


def _side(node: Any, path: str, *, tpi: bool) -> SnapshotSide:
    inputs = _get(node, "inputs", path) or {}
    if not isinstance(inputs, Mapping):
        raise MalformedSnapshot(f"{path}.inputs: expected an object")
    parsed = {str(k): _decimal(v, _at(_at(path, "inputs"), k)) for k, v in inputs.items()}
    return SnapshotSide(
        option=_text(node, "option", path),
        percent=_number(node, "percent", path),
        inputs=_frozen({k: v for k, v in parsed.items() if v is not None}),
        value=_number(node, "value", path),
        note=_text(node, "note", path),
        by=_whole(node, "by", path, required=False) if tpi else None,
        at=_datetime(node, "at", path, required=False) if tpi else None,
    )


def _answer(code: str, node: Any, path: str) -> SnapshotAnswer:
    return SnapshotAnswer(
        code=code,
        area=_text(node, "area", path),
        sub_indicator=_text(node, "sub_indicator", path),
        sub_weight=_number(node, "sub_weight", path),
        own=_side(_get(node, "self", path), _at(path, "self"), tpi=False),
        tpi=_side(_get(node, "tpi", path), _at(path, "tpi"), tpi=True),
    )


def _evidence(items: list[Any], path: str) -> tuple[SnapshotEvidence, ...]:
    found = []
    for index, item in enumerate(items):
        at = _at(path, index)
        found.append(
            SnapshotEvidence(
                document=_int(item, "document", at),
                title=_text(item, "title", at),
                revision=_int(item, "revision", at),
                number=_int(item, "number", at),
                sha256=_text(item, "sha256", at),
                name=_text(item, "name", at),
                size=_int(item, "size", at),
            )
        )
    return tuple(found)


def _predicate(name: str, node: Any, path: str) -> SnapshotPredicate:
    failures = []
    for index, item in enumerate(_list(node, "failures", path, required=False)):
        at = _at(_at(path, "failures"), index)
        failures.append(
            SnapshotFailure(
                rule=_text(item, "rule", at, required=False),
                value=_decimal(_get(item, "value", at, required=False), _at(at, "value")),
                minimum=_decimal(_get(item, "minimum", at, required=False), _at(at, "minimum")),
                message=_text(item, "message", at),
                clause=_text(item, "clause", at, required=False),
            )
        )
    not_evaluated = _list(node, "not_evaluated", path, required=False)
    if not all(isinstance(n, str) for n in not_evaluated):
        raise MalformedSnapshot(f"{path}.not_evaluated: expected a list of texts")
    return SnapshotPredicate(
        name=name,
        eligible=bool(_get(node, "eligible", path, required=False)),
        failures=tuple(failures),
        not_evaluated=tuple(not_evaluated),
    )


def _assessment(node: Any) -> SnapshotAssessment:
    unit = _object(node, "unit", "assessment")
    framework = _object(node, "framework", "assessment")
    return SnapshotAssessment(
        id=_int(node, "id", "assessment"),
        unit_id=_int(unit, "id", "assessment.unit"),
        unit_code=_text(unit, "code", "assessment.unit"),
        unit_name=_text(unit, "name", "assessment.unit"),
        year=_int(node, "year", "assessment"),
        revision=_int(node, "revision", "assessment"),
        framework_code=_text(framework, "code", "assessment.framework"),
        framework_version=str(_get(framework, "version", "assessment.framework")),
        framework_sha256=_text(framework, "sha256", "assessment.framework"),
    )


def parse_snapshot(data: Any, *, sha256: str = "") -> FinalSnapshot:
    """Read the JSON a finalisation froze into its typed form (MalformedSnapshot if it is not)."""
    hasil = _object(data, "hasil", "")
    scores = _object(data, "scores", "")
    submitted = _object(data, "submitted", "")
    finalised = _object(data, "finalised", "")
    option_values = _object(data, "option_values", "")
    evidence = _object(data, "evidence", "")
    verdicts = _object(data, "verdicts", "")
    rule_sets = [(r, _at("rule_sets", i)) for i, r in enumerate(_list(data, "rule_sets", ""))]
    reviewers = [
        (r, _at("reviewers", i)) for i, r in enumerate(_list(data, "reviewers", "", required=False))
    ]
    return FinalSnapshot(
        sha256=sha256,
        assessment=_assessment(_object(data, "assessment", "")),
        option_values=_frozen(
            {
                kind: _frozen(
                    {
                        k: _decimal(v, at)
                        for k, v, at in _items(option_values, kind, "option_values")
                    }
                )
                for kind in option_values
            }
        ),
        answers=_frozen(
            {code: _answer(code, a, at) for code, a, at in _items(data, "answers", "")}
        ),
        hasil=SnapshotHasil(
            ipak_index=_number(hasil, "ipak_index", "hasil"),
            ipak_source=_text(hasil, "ipak_source", "hasil", required=False),
            ipkp_index=_number(hasil, "ipkp_index", "hasil"),
            ipkp_source=_text(hasil, "ipkp_source", "hasil", required=False),
            capaian_kinerja=_text(hasil, "capaian_kinerja", "hasil"),
            tlhp_percent=_number(hasil, "tlhp_percent", "hasil"),
        ),
        evidence=_frozen(
            {
                code: _evidence(_list(evidence, code, "evidence"), _at("evidence", code))
                for code in evidence
            }
        ),
        scores=SnapshotScores(
            own=_score(_object(scores, "self", "scores"), "scores.self"),
            tpi=_score(_object(scores, "tpi", "scores"), "scores.tpi"),
        ),
        verdicts=tuple(
            SnapshotVerdict(
                code,
                _frozen(
                    {n: _predicate(n, p, at) for n, p, at in _items(verdicts, code, "verdicts")}
                ),
            )
            for code in verdicts
        ),
        rule_sets=tuple((_text(r, "code", at), str(_get(r, "version", at))) for r, at in rule_sets),
        reviewers=tuple(
            SnapshotReviewer(
                user=_whole(r, "user", at, required=False),
                name=_text(r, "name", at),
                ketua=bool(_get(r, "ketua", at, required=False)),
            )
            for r, at in reviewers
        ),
        submitted_by=_whole(submitted, "by", "submitted", required=False),
        submitted_at=_datetime(submitted, "at", "submitted", required=False),
        finalised_by=_whole(finalised, "by", "finalised", required=False),
        finalised_name=_text(finalised, "name", "finalised"),
        finalised_at=_datetime(finalised, "at", "finalised"),
    )


def read_snapshot(snapshot: AssessmentSnapshot) -> FinalSnapshot:
    """The typed form of a stored snapshot (its JSON parsed once, here)."""
    try:
        return parse_snapshot(snapshot.data, sha256=snapshot.sha256)
    except MalformedSnapshot as exc:
        raise MalformedSnapshot(f"snapshot of assessment {snapshot.assessment_id}: {exc}") from None


def read_totals(snapshot: AssessmentSnapshot) -> SnapshotTotals:
    """Only the final (TPI) totals of a stored snapshot; the unit's own if it has no TPI side."""
    try:
        scores = _object(snapshot.data, "scores", "")
        side = "tpi" if scores.get("tpi") else "self"
        node, path = _object(scores, side, "scores"), f"scores.{side}"
        return SnapshotTotals(
            total=_number(node, "total", path),
            pengungkit=_number(node, "pengungkit", path),
            hasil=_number(node, "hasil", path),
        )
    except MalformedSnapshot as exc:
        raise MalformedSnapshot(f"snapshot of assessment {snapshot.assessment_id}: {exc}") from None

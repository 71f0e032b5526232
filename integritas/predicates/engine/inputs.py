"""Plain-data input of the prerequisite checker and its validation (every problem, one per line)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .grades import GRADES, INSTITUTION_KINDS, LEVELS, OPINIONS, SPIP_LEVELS

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidInput(Exception):
    """The input cannot be checked; `problems` lists every reason, in input order."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class InstitutionFacts:
    """Instansi-level facts of one year (Pasal 14, tingkat instansi pemerintah); None = not recorded."""

    kind: str | None = None
    opini_bpk: str | None = None
    sakip: str | None = None
    indeks_rb: str | None = None
    spip_level: int | None = None


@dataclass(frozen=True)
class UnitFacts:
    """Unit-level facts of one year (Pasal 14, tingkat unit kerja); None = not recorded."""

    stranas_pk: bool = False
    core_service: bool | None = None
    significant_impact: bool | None = None
    tlhp_percent: Decimal | None = None
    lhkpn_percent: Decimal | None = None
    lhkasn_percent: Decimal | None = None
    building_since: date | None = None
    sakip_internal: str | None = None


@dataclass(frozen=True)
class PredicateRecord:
    """A predicate of the unit in the register: granted on a date, maybe revoked later."""

    level: str
    granted_on: date
    revoked_on: date | None = None

    def standing_on(self, day: date) -> bool:
        """Held on `day`: granted on or before it and not revoked by then."""
        return self.granted_on <= day and (self.revoked_on is None or self.revoked_on > day)


@dataclass(frozen=True)
class CheckInput:
    level: str
    as_of: date
    institution: InstitutionFacts = field(default_factory=InstitutionFacts)
    unit: UnitFacts = field(default_factory=UnitFacts)
    predicates: tuple[PredicateRecord, ...] = ()


TOP_KEYS = ("level", "as_of", "institution", "unit", "predicates")
INSTITUTION_KEYS = ("kind", "opini_bpk", "sakip", "indeks_rb", "spip_level")
UNIT_KEYS = (
    "stranas_pk", "core_service", "significant_impact", "tlhp_percent", "lhkpn_percent",
    "lhkasn_percent", "building_since", "sakip_internal",
)  # fmt: skip
PREDICATE_KEYS = ("level", "granted_on", "revoked_on")


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, Decimal):
        return format(value, "f") if -30 < value.adjusted() < 30 else str(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)[:80]
    return str(value)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def mapping(
        self, data: Mapping[str, Any], key: str, keys: tuple[str, ...], path: str
    ) -> Mapping[str, Any]:
        value = data.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.fail(path, f"harus berupa objek JSON, bukan {_show(value)}")
            return {}
        self.unknown(value, keys, path)
        return value

    def unknown(self, data: Mapping[str, Any], keys: tuple[str, ...], path: str) -> None:
        for key in data:
            if key not in keys:
                prefix = f"{path}." if path else ""
                self.fail(f"{prefix}{key}", f"kunci tidak dikenal (boleh: {', '.join(keys)})")

    def choice(self, value: object, allowed: tuple[str, ...], path: str, what: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, str) and value in allowed:
            return value
        self.fail(path, f"{what} {_show(value)} tidak dikenal (boleh: {', '.join(allowed)})")
        return None

    def day(self, value: object, path: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(path, f"tanggal {_show(value)} tidak sah (format YYYY-MM-DD)")
        return None

    def flag(self, value: object, path: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        self.fail(path, f"harus true atau false, bukan {_show(value)}")
        return None

    def percent(self, value: object, path: str) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.fail(path, f"harus berupa angka 0-100, bukan {_show(value)}")
            return None
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite() or not 0 <= number <= 100:
            self.fail(path, f"{_show(value)} di luar rentang 0-100")
            return None
        return number

    def spip(self, value: object, path: str) -> int | None:
        if value is None:
            return None
        if not isinstance(value, bool) and isinstance(value, int | Decimal | float):
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if (
                number.is_finite()
                and number == number.to_integral_value()
                and int(number) in SPIP_LEVELS
            ):
                return int(number)
        self.fail(path, f"level SPIP {_show(value)} tidak sah (boleh: 1, 2, 3, 4, 5)")
        return None


def parse_check_input(data: object) -> CheckInput:
    """Check one decoded JSON value against the `predicates check` contract; raise InvalidInput."""
    if not isinstance(data, Mapping):
        raise InvalidInput([f"masukan harus berupa satu objek JSON, bukan {_show(data)}"])
    r = _Reader()
    r.unknown(data, TOP_KEYS, "")
    level = data.get("level")
    if level is None:
        r.fail("level", "wajib diisi (wbk atau wbbm)")
    level = r.choice(level, LEVELS, "level", "tingkat")
    if data.get("as_of") is None:
        r.fail("as_of", "wajib diisi (tanggal YYYY-MM-DD)")
    as_of = r.day(data.get("as_of"), "as_of")

    inst = r.mapping(data, "institution", INSTITUTION_KEYS, "institution")
    institution = InstitutionFacts(
        kind=r.choice(inst.get("kind"), INSTITUTION_KINDS, "institution.kind", "jenis instansi"),
        opini_bpk=r.choice(inst.get("opini_bpk"), OPINIONS, "institution.opini_bpk", "opini"),
        sakip=r.choice(inst.get("sakip"), GRADES, "institution.sakip", "predikat"),
        indeks_rb=r.choice(inst.get("indeks_rb"), GRADES, "institution.indeks_rb", "nilai"),
        spip_level=r.spip(inst.get("spip_level"), "institution.spip_level"),
    )
    raw_unit = r.mapping(data, "unit", UNIT_KEYS, "unit")
    stranas = r.flag(raw_unit.get("stranas_pk"), "unit.stranas_pk")
    unit = UnitFacts(
        stranas_pk=bool(stranas),
        core_service=r.flag(raw_unit.get("core_service"), "unit.core_service"),
        significant_impact=r.flag(raw_unit.get("significant_impact"), "unit.significant_impact"),
        tlhp_percent=r.percent(raw_unit.get("tlhp_percent"), "unit.tlhp_percent"),
        lhkpn_percent=r.percent(raw_unit.get("lhkpn_percent"), "unit.lhkpn_percent"),
        lhkasn_percent=r.percent(raw_unit.get("lhkasn_percent"), "unit.lhkasn_percent"),
        building_since=r.day(raw_unit.get("building_since"), "unit.building_since"),
        sakip_internal=r.choice(
            raw_unit.get("sakip_internal"), GRADES, "unit.sakip_internal", "predikat"
        ),
    )
    predicates = _predicates(r, data.get("predicates"))
    if r.problems or level is None or as_of is None:
        raise InvalidInput(r.problems)
    return CheckInput(level, as_of, institution, unit, predicates)


def _predicates(r: _Reader, value: object) -> tuple[PredicateRecord, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        r.fail("predicates", f"harus berupa daftar JSON, bukan {_show(value)}")
        return ()
    records: list[PredicateRecord] = []
    for index, item in enumerate(value):
        path = f"predicates[{index}]"
        if not isinstance(item, Mapping):
            r.fail(path, f"harus berupa objek JSON, bukan {_show(item)}")
            continue
        r.unknown(item, PREDICATE_KEYS, path)
        if item.get("level") is None:
            r.fail(f"{path}.level", "wajib diisi (wbk atau wbbm)")
        level = r.choice(item.get("level"), LEVELS, f"{path}.level", "tingkat")
        if item.get("granted_on") is None:
            r.fail(f"{path}.granted_on", "wajib diisi (tanggal YYYY-MM-DD)")
        granted = r.day(item.get("granted_on"), f"{path}.granted_on")
        revoked = r.day(item.get("revoked_on"), f"{path}.revoked_on")
        if granted is not None and revoked is not None and revoked < granted:
            r.fail(f"{path}.revoked_on", "tanggal pencabutan sebelum tanggal penetapan")
        if level is not None and granted is not None:
            records.append(PredicateRecord(level, granted, revoked))
    return tuple(records)

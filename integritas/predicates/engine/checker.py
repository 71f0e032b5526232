"""The prerequisite checker: may a unit be proposed for Menuju WBK/WBBM on a date?

Perwali Kota Kupang 23/2025 Pasal 14 (the prerequisites, as PermenPANRB 5/2024 Tabel 5 states them,
with SAKIP instansi minimal "BB" for WBBM), the Stranas-PK affirmation of 5/2024 (the unit may be
proposed while still meeting Tabel 5), Pasal 17 ayat 11 (no proposal within two years of a
revocation) and the WBBM rule that the unit already holds a standing Menuju WBK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .dates import add_years, format_date_id
from .grades import (
    BUILDING_YEARS,
    INDEKS_RB_MIN,
    KIND_NAMES,
    LEVEL_NAMES,
    PERCENT_REQUIRED,
    REVOCATION_BAR_YEARS,
    SAKIP_INSTANSI_MIN,
    SAKIP_INTERNAL_MIN,
    SPIP_MIN,
    grade_at_least,
)
from .inputs import CheckInput

# Rule codes in the order they are checked and reported.
TABEL5_RULES = (
    "opini_bpk", "sakip_instansi", "indeks_rb", "spip", "core_service", "significant_impact",
    "tlhp", "lhkpn", "lhkasn", "building_period", "sakip_internal",
)  # fmt: skip
STANDING_RULES = ("standing_wbk", "already_holds", "revocation_bar")
RULES = TABEL5_RULES + STANDING_RULES
DATE_RULES = ("building_period", "revocation_bar")
AFFIRMATION_NOTE = "boleh diusulkan; syarat masih dalam pemenuhan"
NOT_RECORDED = "belum tercatat"


@dataclass(frozen=True)
class Failure:
    rule: str
    blocking: bool
    message: str
    clears_on: date | None = None  # a date rule: the first day it is met


@dataclass(frozen=True)
class CheckResult:
    level: str
    eligible: bool
    affirmation: bool
    failures: tuple[Failure, ...]
    proposable_from: date | None

    def failing(self, rule: str) -> Failure | None:
        return next((f for f in self.failures if f.rule == rule), None)


def format_percent(value: Decimal) -> str:
    """98,00; a value just under 100 is never shown as 100,00."""
    shown = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if shown != value and shown == PERCENT_REQUIRED:
        shown = value.normalize()
    return f"{shown:f}".replace(".", ",")


def _percent(label: str, value: Decimal | None) -> str | None:
    if value is None:
        return f"{label} {NOT_RECORDED} — harus 100 %"
    if value < PERCENT_REQUIRED:
        return f"{label} {format_percent(value)} % — harus 100 %"
    return None


def _grade(label: str, value: str | None, minimum: str) -> str | None:
    if value is None:
        return f"{label} {NOT_RECORDED} — minimal {minimum}"
    if not grade_at_least(value, minimum):
        return f"{label} {value} — minimal {minimum}"
    return None


def _tabel5(data: CheckInput) -> list[tuple[str, str, date | None]]:
    """(rule, message, clears_on) for every Tabel 5 prerequisite that is not met."""
    inst, unit, level = data.institution, data.unit, data.level
    found: list[tuple[str, str | None, date | None]] = []
    if inst.opini_bpk is None:
        found.append(("opini_bpk", f"Opini BPK {NOT_RECORDED} — harus WTP", None))
    elif inst.opini_bpk != "WTP":
        found.append(("opini_bpk", f"Opini BPK {inst.opini_bpk} — harus WTP", None))
    found.append(
        (
            "sakip_instansi",
            _grade("Predikat SAKIP instansi", inst.sakip, SAKIP_INSTANSI_MIN[level]),
            None,
        )
    )
    if inst.kind is None:
        found.append(
            (
                "indeks_rb",
                f"Jenis instansi {NOT_RECORDED}; syarat Indeks RB tidak dapat ditentukan",
                None,
            )
        )
    else:
        minimum = INDEKS_RB_MIN[(inst.kind, level)]
        message = _grade("Indeks RB", inst.indeks_rb, minimum)
        if message:
            message = f"{message} untuk {KIND_NAMES[inst.kind]}"
        found.append(("indeks_rb", message, None))
    if inst.spip_level is None:
        found.append(
            ("spip", f"Level maturitas SPIP {NOT_RECORDED} — minimal level {SPIP_MIN}", None)
        )
    elif inst.spip_level < SPIP_MIN:
        found.append(
            ("spip", f"Level maturitas SPIP {inst.spip_level} — minimal level {SPIP_MIN}", None)
        )
    if unit.core_service is not True:
        state = NOT_RECORDED if unit.core_service is None else "tidak"
        found.append(
            ("core_service", f"Unit merupakan core layanan instansi: {state} — harus ya", None)
        )
    if unit.significant_impact is not True:
        state = NOT_RECORDED if unit.significant_impact is None else "tidak"
        found.append(
            (
                "significant_impact",
                f"Dampak signifikan terhadap persepsi masyarakat: {state} — harus ya",
                None,
            )
        )
    found.append(("tlhp", _percent("TLHP", unit.tlhp_percent), None))
    found.append(("lhkpn", _percent("Kepatuhan LHKPN", unit.lhkpn_percent), None))
    found.append(("lhkasn", _percent("Kepatuhan LHKASN", unit.lhkasn_percent), None))
    name = LEVEL_NAMES[level]
    if unit.building_since is None:
        found.append(
            (
                "building_period",
                f"Tanggal mulai pembangunan ZI {name} {NOT_RECORDED} — minimal 1 tahun",
                None,
            )
        )
    else:
        clears = add_years(unit.building_since, BUILDING_YEARS)
        if data.as_of < clears:
            found.append(
                (
                    "building_period",
                    f"Pembangunan ZI {name} sejak {format_date_id(unit.building_since)} — minimal 1 tahun, "
                    f"terpenuhi pada {format_date_id(clears)}",
                    clears,
                )
            )
    found.append(
        (
            "sakip_internal",
            _grade(
                "Predikat SAKIP evaluasi internal", unit.sakip_internal, SAKIP_INTERNAL_MIN[level]
            ),
            None,
        )
    )
    return [(rule, message, clears) for rule, message, clears in found if message]


def _standing(data: CheckInput) -> list[Failure]:
    as_of, level = data.as_of, data.level
    held = [p for p in data.predicates if p.standing_on(as_of)]
    failures: list[Failure] = []
    if level == "wbbm" and not any(p.level == "wbk" for p in held):
        failures.append(
            Failure(
                "standing_wbk",
                True,
                f"Belum berpredikat Menuju WBK yang berlaku pada {format_date_id(as_of)} — syarat usulan WBBM",
            )
        )
    holds = [p for p in held if p.level == level or (level == "wbk" and p.level == "wbbm")]
    if holds:
        current = max(holds, key=lambda p: (p.level == "wbbm", p.granted_on))
        failures.append(
            Failure(
                "already_holds",
                True,
                f"Unit sudah berpredikat {LEVEL_NAMES[current.level]} sejak {format_date_id(current.granted_on)}",
            )
        )
    bars = [
        (p.revoked_on, add_years(p.revoked_on, REVOCATION_BAR_YEARS))
        for p in data.predicates
        if p.revoked_on is not None and p.revoked_on <= as_of
    ]
    barred = [(revoked, clears) for revoked, clears in bars if as_of < clears]
    if barred:
        revoked, clears = max(barred, key=lambda pair: pair[1])
        failures.append(
            Failure(
                "revocation_bar",
                True,
                f"Predikat dicabut pada {format_date_id(revoked)}; tidak dapat diusulkan selama 2 tahun "
                f"— dapat diusulkan mulai {format_date_id(clears)}",
                clears,
            )
        )
    return failures


def check_prerequisites(data: CheckInput) -> CheckResult:
    """Check every prerequisite of `data.level` for the unit on `data.as_of`.

    The eleven Tabel 5 rules block, except for a Stranas-PK unit: then they are reported as not
    blocking and the result is an affirmation. The register rules always block. `proposable_from`
    is the latest day on which a blocking date rule is met, when one blocks.
    """
    affirm = data.unit.stranas_pk
    failures: list[Failure] = []
    for rule, message, clears in _tabel5(data):
        if affirm:
            failures.append(Failure(rule, False, f"{message} ({AFFIRMATION_NOTE})", clears))
        else:
            failures.append(Failure(rule, True, message, clears))
    failures.extend(_standing(data))
    clears_dates = [
        f.clears_on for f in failures if f.blocking and f.rule in DATE_RULES and f.clears_on
    ]
    return CheckResult(
        level=data.level,
        eligible=not any(f.blocking for f in failures),
        affirmation=any(not f.blocking for f in failures),
        failures=tuple(failures),
        proposable_from=max(clears_dates) if clears_dates else None,
    )


def result_json(result: CheckResult) -> dict[str, object]:
    """The `predicates check` output contract."""
    return {
        "level": result.level,
        "eligible": result.eligible,
        "affirmation": result.affirmation,
        "failures": [
            {"rule": f.rule, "blocking": f.blocking, "message": f.message} for f in result.failures
        ],
        "proposable_from": None
        if result.proposable_from is None
        else result.proposable_from.isoformat(),
    }

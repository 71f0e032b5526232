"""When a public answer is held for review: one policy per wave, with its numbers shown.

Pasal 11 ayat (10) of the Perwali measures the hasil component through an external survey run
by the unit itself, so every answer that is honestly given must count and only the doubtful
ones wait for a person. The rules below are data, not code: each wave keeps in
`SurveyWave.hold_policy` only the numbers it changed; every other number comes from the defaults
here, derived from the wave's own questionnaire and access mode.

Defaults and why:

* **Minimum time** = reading time per question × number of questions, with a floor. A reader
  who answers a nine-question form honestly needs 13–15 seconds; 0,8 s per question (7 s for nine
  questions, never under 5 s) holds only what no one could have read.
* **Same address**: a public office Wi-Fi or a counter tablet shares one address. With
  single-use codes each answer already costs a ticket, so up to 30 answers an hour are normal; an
  open link has no such proof and allows 10 an hour from one address (the link mode stays
  labelled weak). A kiosk unlocked by staff has no address rule but its own hourly ceiling.
* **Identical patterns**: the same answers from the same address 3 times within an hour (a
  ballot copied over and over), or from anywhere 10 times within an hour.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_TENTHS_PER_QUESTION = 8
DEFAULT_FLOOR_SECONDS = 5
DEFAULT_ADDRESS_LIMIT = {"code": 30, "link": 10}  # by SurveyWave.AccessMode
DEFAULT_ADDRESS_WINDOW_MINUTES = 60
DEFAULT_PATTERN_SAME_ADDRESS = 3
DEFAULT_PATTERN_ANY_ADDRESS = 10
DEFAULT_PATTERN_WINDOW_MINUTES = 60

LIMITS: dict[str, tuple[int, int]] = {
    "tenths_per_question": (0, 600),
    "floor_seconds": (0, 3600),
    "address_limit": (1, 10_000),
    "address_window_minutes": (1, 24 * 60),
    "pattern_same_address": (2, 10_000),
    "pattern_any_address": (2, 100_000),
    "pattern_window_minutes": (1, 24 * 60),
}
"""Accepted range of every stored number (a policy that holds nothing or everything is refused)."""


@dataclass(frozen=True)
class HoldPolicy:
    """The numbers of one wave's hold rules; `questions` comes from the wave's instrument."""

    questions: int
    tenths_per_question: int = DEFAULT_TENTHS_PER_QUESTION
    floor_seconds: int = DEFAULT_FLOOR_SECONDS
    address_limit: int = DEFAULT_ADDRESS_LIMIT["link"]
    address_window_minutes: int = DEFAULT_ADDRESS_WINDOW_MINUTES
    pattern_same_address: int = DEFAULT_PATTERN_SAME_ADDRESS
    pattern_any_address: int = DEFAULT_PATTERN_ANY_ADDRESS
    pattern_window_minutes: int = DEFAULT_PATTERN_WINDOW_MINUTES

    @property
    def min_seconds(self) -> int:
        """Reading time × questions (whole seconds, rounded down), never under the floor."""
        return max(self.floor_seconds, self.tenths_per_question * self.questions // 10)

    @property
    def seconds_per_question(self) -> str:
        """The reading time as Indonesians write it (0,8)."""
        whole, tenth = divmod(self.tenths_per_question, 10)
        return f"{whole},{tenth}" if tenth else str(whole)

    def stored(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if k != "questions"}


def default_policy(*, questions: int, access_mode: str) -> HoldPolicy:
    return HoldPolicy(
        questions=questions,
        address_limit=DEFAULT_ADDRESS_LIMIT.get(access_mode, DEFAULT_ADDRESS_LIMIT["link"]),
    )


def clean_overrides(data: Mapping[str, Any]) -> dict[str, int]:
    """The stored overrides, validated: known names, whole numbers within LIMITS."""
    clean: dict[str, int] = {}
    known = {f.name for f in fields(HoldPolicy)} - {"questions"}
    errors = []
    for name, value in data.items():
        if name not in known:
            errors.append(_("Aturan %(name)s tidak dikenal.") % {"name": name})
            continue
        low, high = LIMITS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors.append(
                _("%(name)s harus bilangan bulat %(low)d–%(high)d.")
                % {"name": LABELS.get(name, name), "low": low, "high": high}
            )
            continue
        clean[name] = value
    if errors:
        raise ValidationError(errors)
    return clean


def policy_for(wave: Any) -> HoldPolicy:
    """The wave's policy: its stored overrides on top of the defaults for its instrument."""
    base = default_policy(questions=len(wave.item_codes), access_mode=wave.access_mode)
    overrides = wave.hold_policy if isinstance(wave.hold_policy, dict) else {}
    # Only numbers the services would accept; anything else stored by hand is ignored.
    valid = {
        name: value
        for name, value in overrides.items()
        if name in LIMITS
        and isinstance(value, int)
        and not isinstance(value, bool)
        and LIMITS[name][0] <= value <= LIMITS[name][1]
    }
    return replace(base, **valid)


LABELS = {
    "tenths_per_question": "Waktu baca per pertanyaan (persepuluh detik)",
    "floor_seconds": "Waktu minimum (detik)",
    "address_limit": "Jawaban per alamat",
    "address_window_minutes": "Rentang alamat (menit)",
    "pattern_same_address": "Pola sama dari alamat yang sama",
    "pattern_any_address": "Pola sama dari alamat mana pun",
    "pattern_window_minutes": "Rentang pola (menit)",
}


def rules_text(policy: HoldPolicy, *, kiosk_limit: int | None = None) -> list[str]:
    """Each rule of the policy in one plain sentence, with its numbers (for the reviewer)."""
    lines = [
        _(
            "Diisi terlalu cepat: kurang dari %(min)d detik untuk %(n)d pertanyaan "
            "(%(per)s detik per pertanyaan, paling sedikit %(floor)d detik)."
        )
        % {
            "min": policy.min_seconds,
            "n": policy.questions,
            "per": policy.seconds_per_question,
            "floor": policy.floor_seconds,
        },
        _("Alamat yang sama: lebih dari %(n)d jawaban dalam %(m)d menit.")
        % {"n": policy.address_limit, "m": policy.address_window_minutes},
        _(
            "Pola jawaban identik: %(same)d kali dari alamat yang sama atau %(any)d kali dari "
            "alamat mana pun dalam %(m)d menit."
        )
        % {
            "same": policy.pattern_same_address,
            "any": policy.pattern_any_address,
            "m": policy.pattern_window_minutes,
        },
    ]
    if kiosk_limit is not None:
        lines.append(_("Kios loket: lebih dari %(n)d jawaban dalam 60 menit.") % {"n": kiosk_limit})
    return lines


def explain_reason(code: str, detail: Mapping[str, Any] | None) -> str:
    """One held reason with the numbers measured when it was held."""
    from integritas.surveys.models import Response

    label = str(dict(Response.Reason.choices).get(code, code))
    if not detail:
        return label
    try:
        if code == Response.Reason.FAST:
            return _(
                "Ditahan karena diisi dalam %(seconds)d detik; batas untuk %(n)d pertanyaan: "
                "%(limit)d detik."
            ) % {"seconds": detail["seconds"], "n": detail["questions"], "limit": detail["limit"]}
        if code == Response.Reason.BURST:
            return _(
                "Ditahan karena jawaban ke-%(count)d dari alamat yang sama dalam %(m)d menit; "
                "batas: %(limit)d jawaban."
            ) % {"count": detail["count"], "m": detail["minutes"], "limit": detail["limit"]}
        if code == Response.Reason.PATTERN:
            if detail.get("same_address"):
                return _(
                    "Ditahan karena pola jawaban yang sama ke-%(count)d dari alamat yang sama "
                    "dalam %(m)d menit; batas: %(limit)d kali."
                ) % {"count": detail["count"], "m": detail["minutes"], "limit": detail["limit"]}
            return _(
                "Ditahan karena pola jawaban yang sama ke-%(count)d dalam %(m)d menit; "
                "batas: %(limit)d kali."
            ) % {"count": detail["count"], "m": detail["minutes"], "limit": detail["limit"]}
        if code == Response.Reason.KIOSK:
            return _(
                "Ditahan karena jawaban ke-%(count)d dari kios ini dalam 60 menit; "
                "batas kios: %(limit)d jawaban."
            ) % {"count": detail["count"], "limit": detail["limit"]}
    except (KeyError, TypeError, ValueError):
        return label
    return label

"""The eight components of a ZI work plan with their weights (Pasal 11 ayat 6–8); pure Python."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

PENGUNGKIT = "pengungkit"
HASIL = "hasil"


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    group: str
    weight: Decimal
    clause: str


COMPONENTS: tuple[Component, ...] = (
    Component("MP", "Manajemen Perubahan", PENGUNGKIT, Decimal("8.00"), "Pasal 11 ayat (7) huruf a"),
    Component("TT", "Penataan Tatalaksana", PENGUNGKIT, Decimal("7.00"), "Pasal 11 ayat (7) huruf b"),
    Component("SDM", "Penataan Manajemen Sumber Daya Manusia", PENGUNGKIT, Decimal("10.00"),
              "Pasal 11 ayat (7) huruf c"),
    Component("AK", "Penguatan Akuntabilitas Kinerja", PENGUNGKIT, Decimal("10.00"),
              "Pasal 11 ayat (7) huruf d"),
    Component("PW", "Penguatan Pengawasan", PENGUNGKIT, Decimal("15.00"), "Pasal 11 ayat (7) huruf e"),
    Component("PP", "Peningkatan Kualitas Pelayanan Publik", PENGUNGKIT, Decimal("10.00"),
              "Pasal 11 ayat (7) huruf f"),
    Component("bersih", "Terwujudnya Pemerintahan yang Bersih dan Bebas KKN", HASIL,
              Decimal("22.50"), "Pasal 11 ayat (8) huruf a"),
    Component("pelayanan", "Terwujudnya Peningkatan Kualitas Pelayanan Publik kepada Masyarakat",
              HASIL, Decimal("17.50"), "Pasal 11 ayat (8) huruf b"),
)  # fmt: skip

BY_CODE = {c.code: c for c in COMPONENTS}
GROUP_LABELS = {PENGUNGKIT: "A. PENGUNGKIT", HASIL: "B. HASIL"}
GROUP_WEIGHTS = {PENGUNGKIT: Decimal(60), HASIL: Decimal(40)}


def group_weight(group: str) -> Decimal:
    """Pasal 11 ayat (6): pengungkit 60 %, hasil 40 %; the component weights sum to them."""
    return sum((c.weight for c in COMPONENTS if c.group == group), Decimal(0))


def find(text: str) -> Component | None:
    """Return the component named by a code, a name, or "CODE – name" (case-insensitive)."""
    cleaned = " ".join(text.split()).strip()
    if not cleaned:
        return None
    lowered = cleaned.lower()
    for component in COMPONENTS:
        if lowered in (component.code.lower(), component.name.lower()):
            return component
    for separator in ("–", "-", ":", "."):
        head = lowered.split(separator, 1)[0].strip()
        for component in COMPONENTS:
            if head == component.code.lower():
                return component
    return None

"""The grade scales of the prerequisites (Pasal 14; PermenPANRB 5/2024 Tabel 5)."""

from __future__ import annotations

LEVELS = ("wbk", "wbbm")
LEVEL_NAMES = {"wbk": "Menuju WBK", "wbbm": "Menuju WBBM"}
INSTITUTION_KINDS = ("pemda", "kl")
KIND_NAMES = {"pemda": "pemerintah daerah", "kl": "kementerian/lembaga"}

# Opini BPK, best first.
OPINIONS = ("WTP", "WDP", "TW", "TMP")
# Predikat SAKIP and Indeks RB, best first.
GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")
SPIP_LEVELS = (1, 2, 3, 4, 5)


def grade_at_least(grade: str, minimum: str) -> bool:
    """True when `grade` is `minimum` or better on the AA..D scale."""
    return GRADES.index(grade) <= GRADES.index(minimum)


# Minimums of Tabel 5 per level: SAKIP instansi, Indeks RB per kind, SAKIP internal.
SAKIP_INSTANSI_MIN = {"wbk": "B", "wbbm": "BB"}
INDEKS_RB_MIN = {
    ("pemda", "wbk"): "CC",
    ("pemda", "wbbm"): "B",
    ("kl", "wbk"): "B",
    ("kl", "wbbm"): "BB",
}
SAKIP_INTERNAL_MIN = {"wbk": "B", "wbbm": "BB"}
SPIP_MIN = 3
PERCENT_REQUIRED = 100
BUILDING_YEARS = 1
REVOCATION_BAR_YEARS = 2

"""Indonesian display formats for numbers and dates."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def round2(value: Decimal | float | int | None) -> Decimal | None:
    """Round half up to two decimals, as the LKE worksheet displays a value."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def angka(value: Decimal | float | int | None, places: int = 2) -> str:
    """Format a number the Indonesian way: 1.234,56."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-places)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, frac = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{frac}" if places else f"{sign}{text}"


def tanggal(value: date | None) -> str:
    """Format a date as an Indonesian letter does: 28 Juli 2025."""
    if value is None:
        return "–"
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"

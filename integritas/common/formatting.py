"""Indonesian display formats for numbers and dates."""

from datetime import date, datetime
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


# Indonesia's three time zones, by their offset from UTC in hours.
ZONA_WAKTU = {7: "WIB", 8: "WITA", 9: "WIT"}


def waktu(value: datetime | None) -> str:
    """Format a moment the one way the product shows it: 2 Desember 2026 11.42 WITA.

    An aware value is shown in the local time zone (Kupang is WITA); a naive one is taken as local.
    """
    if value is None:
        return "–"
    from django.utils import timezone

    value = timezone.localtime(value) if timezone.is_aware(value) else timezone.make_aware(value)
    offset = value.utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 0
    zone = ZONA_WAKTU.get(hours, f"UTC{hours:+d}")
    return f"{tanggal(value.date())} {value.hour:02d}.{value.minute:02d} {zone}"

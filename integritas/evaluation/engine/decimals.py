"""Exact numbers for the engine: conversion, worksheet rounding and Indonesian display."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def to_decimal(value: object) -> Decimal | None:
    """Return value as an exact Decimal, or None if it is not a finite number (bools are not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))  # 0.67 stays 0.67, not its binary expansion
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def round2(value: Decimal) -> Decimal:
    """A.6: round half up to 2 decimals, as the worksheet shows a value."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def format_id(value: Decimal) -> str:
    """Show a value as the worksheet does, with a decimal comma: 13,10."""
    return f"{round2(value):f}".replace(".", ",")


def clamp01(value: Decimal) -> Decimal:
    """A.3: a computed percentage counts within [0, 1]."""
    return min(max(value, ZERO), ONE)

"""Read and show numbers the Indonesian way, never changing a value silently.

Indonesian writing uses a dot to group thousands and a comma for decimals
(``1.234.567,89``); people also type a plain decimal point (``87.5``). The reading
rules, in order:

1. Spaces around the number are ignored; a leading ``-`` (or ``−``) or ``+`` is the sign.
   Only ASCII digits, ``.``, ``,`` and spaces between digit groups are accepted — no
   exponents (``1e5``), no superscripts (``²``), no other scripts' digits (``٣``).
2. A comma is always the decimal separator (``87,5`` = 87,5). More than one comma
   (``1,234,567``) or a comma before a dot (``1,250.5``) is English writing and is refused
   with the Indonesian way to write it.
3. Dots (or spaces) before a comma, several dots, and any dot in a field of whole numbers
   group thousands: the first group has one to three digits (not starting with 0), every
   next group exactly three (``15.000.000``, ``1 250``).
4. In a field that allows decimals (other than money, where rule 3 holds), a *single* dot without a comma is a decimal point
   (``87.5``) — except when exactly three digits follow it and the part before it could
   start a thousands group (``1.250``): that could be 1250 or 1,25, so it is refused with
   both readings. ``0.125`` is unambiguous (0,125).
5. Too many decimals are refused, never rounded; trailing zeros are not decimals that
   change the value (``87,50`` with one decimal allowed is 87,5).

`parse_number` raises `NumberError` whose ``message`` says, in Indonesian, how the text
was read. `format_number` writes the reverse: grouped thousands, comma decimals, no
trailing zeros and no rounding.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

MAX_LENGTH = 40  # characters; a longer text is refused before any arithmetic
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_ALLOWED = re.compile(r"[0-9.,]+")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(\.[0-9]{3})+")


class NumberError(ValueError):
    """A text that is not a number of the requested kind; ``message`` is for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _grouped(whole: str) -> bool:
    return bool(_GROUPED.fullmatch(whole))


def parse_number(
    text: object, *, decimals: int = 2, integer: bool = False, dot_groups: bool = False
) -> Decimal:
    """Read an Indonesian (or plain) number; see the module docstring for the rules.

    ``integer=True`` (or ``decimals=0``) asks for a whole number; ``decimals`` is the
    largest number of significant decimals accepted otherwise. ``dot_groups=True`` (money:
    Rp 12.500.000,50) reads every dot as a thousands separator, as in whole-number fields.
    """
    raw = str(text if text is not None else "")
    shown = raw.strip()
    if not shown:
        raise NumberError(_("Isi angka."))
    if len(shown) > MAX_LENGTH:
        raise NumberError(
            _("Angka terlalu panjang (paling banyak %(n)d karakter).") % {"n": MAX_LENGTH}
        )
    whole_only = integer or decimals == 0
    body = shown
    negative = False
    if body[0] in "+-\u2212":
        negative = body[0] != "+"
        body = body[1:].strip()
    unreadable = _("«%(text)s» bukan angka. Tulis angka seperti 1.250, 15.000.000 atau 87,5.") % {
        "text": shown
    }
    spaced = bool(_SPACES.search(body))
    if spaced:
        if "." in body:
            raise NumberError(unreadable)
        body = _SPACES.sub(".", body)
    if not body or not _ALLOWED.fullmatch(body):
        raise NumberError(unreadable)
    if body.count(",") > 1 or ("," in body and "." in body and body.index(",") < body.rindex(".")):
        raise NumberError(
            _(
                "«%(text)s» ditulis dengan cara Inggris. Dalam bahasa Indonesia titik "
                "memisahkan ribuan dan koma memisahkan desimal, mis. 1.250,5."
            )
            % {"text": shown}
        )
    whole, comma, fraction = body.partition(",")
    if not whole or (comma and not fraction):
        raise NumberError(unreadable)
    if "." in whole:
        single_dot_decimal = (
            not comma and not spaced and not whole_only and not dot_groups
        ) and whole.count(".") == 1
        if single_dot_decimal:
            left, _dot, right = whole.partition(".")
            if not left or not right:
                raise NumberError(unreadable)
            if len(right) == 3 and _grouped(whole):
                raise NumberError(
                    _(
                        "«%(text)s» dapat berarti %(thousands)s (titik pemisah ribuan) atau "
                        "%(decimal)s (titik desimal); tulis %(plain)s untuk bilangan bulat "
                        "atau %(decimal)s untuk desimal."
                    )
                    % {
                        "text": shown,
                        "thousands": whole,
                        "plain": left + right,
                        "decimal": format_number(Decimal(f"{left}.{right}")),
                    }
                )
            whole, fraction = left, right
        elif _grouped(whole):
            whole = whole.replace(".", "")
        elif whole_only and not dot_groups and whole.count(".") == 1 and not comma and not spaced:
            raise NumberError(
                _("«%(text)s» bukan bilangan bulat; isi tanpa desimal.") % {"text": shown}
            )
        else:
            raise NumberError(
                _(
                    "«%(text)s» tidak dapat dibaca: titik memisahkan ribuan per tiga angka "
                    "(1.250.000), koma memisahkan desimal (87,5)."
                )
                % {"text": shown}
            )
    significant = len(fraction.rstrip("0"))
    if whole_only and significant:
        raise NumberError(
            _("«%(text)s» bukan bilangan bulat; isi tanpa desimal.") % {"text": shown}
        )
    if significant > decimals:
        raise NumberError(
            _(
                "«%(text)s» punya %(n)d angka di belakang koma; paling banyak %(max)d "
                "(nilai tidak dibulatkan otomatis)."
            )
            % {"text": shown, "n": significant, "max": decimals}
        )
    digits = whole.lstrip("0") or "0"
    if significant:
        digits = f"{digits}.{fraction[:significant]}"
    value = Decimal(digits)
    return -value if negative and value else value


def format_number(value: Decimal | int | float | str | None, *, group: bool = True) -> str:
    """Write a number the Indonesian way (15.000.000, 87,5), trailing zeros dropped, unrounded."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if not number.is_finite():
        return str(value)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _dot, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    whole = whole.lstrip("0") or "0"
    if group:
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        whole = ".".join(groups)
    if sign and whole == "0" and not fraction:
        sign = ""
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


def format_input(value: Decimal | int | float | str | None, *, integer: bool = False) -> str:
    """Write a stored value into a form input so that `parse_number` reads it back unchanged.

    Whole numbers are grouped (1.250); in a field that allows decimals a whole number with
    a single thousands dot would be ambiguous there, so it is written ungrouped (1250).
    """
    text = format_number(value)
    if integer or "," in text or text.count(".") != 1:
        return text
    return format_number(value, group=False)


_QUERY_INT = re.compile(r"[0-9]{1,18}")


def query_int(
    params: Any,
    name: str,
    *,
    default: int | None = None,
    min_value: int | None = None,
    max_value: int | None = None,
) -> int | None:
    """Read a whole-number parameter of a query string (``?tahun=2025``, ``?unit=12``).

    Only ASCII digits count (``str.isdigit`` also takes ``²`` and ``٣``, which `int` then
    refuses); a missing, malformed, too long or out-of-range value gives ``default``, so a
    typed address never ends in an error page.
    """
    raw = params.get(name, "") if params is not None else ""
    if not isinstance(raw, str):
        return default
    raw = raw.strip()
    if not _QUERY_INT.fullmatch(raw):
        return default
    value = int(raw)
    if (min_value is not None and value < min_value) or (
        max_value is not None and value > max_value
    ):
        return default
    return value

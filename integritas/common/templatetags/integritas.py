import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import timezone
from django.utils.safestring import SafeData, mark_safe

from integritas.common.formatting import angka as _angka
from integritas.common.formatting import tanggal as _tanggal
from integritas.common.formatting import waktu as _waktu
from integritas.common.numbers import format_input, format_number

register = template.Library()


@register.filter
def angka(value, places=2):
    """Indonesian number with a fixed number of decimals."""
    return _angka(value, int(places))


@register.filter
def bilangan(value, places=None):
    """Indonesian number as stored or entered: 15.000.000, 87,5 — never rounded to fewer digits.

    A computed value (a mean) may be given the most decimals it shows: ``mean|bilangan:2``
    rounds half up to two decimals and still drops trailing zeros (88,75; 87,5).
    """
    if value is None or value == "":
        return "–"
    if places not in (None, ""):
        value = _round(value, int(places))
    return format_number(value)


@register.filter
def isian(value):
    """A stored number written into a text input so that it reads back unchanged (87,5)."""
    return "" if value is None or value == "" else format_input(value)


@register.filter
def isian_bulat(value):
    """A stored whole number written into a text input (1.250)."""
    return "" if value is None or value == "" else format_input(value, integer=True)


def _round(value, places: int):
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@register.filter
def tanggal(value):
    """Indonesian long date (a moment is first put in the local time zone)."""
    if isinstance(value, datetime):
        value = _localdate(value)
    return _tanggal(value)


@register.filter
def waktu(value):
    """The product's one date-time format: 2 Desember 2026 11.42 WITA."""
    if value in (None, ""):
        return "–"
    return _waktu(value)


def _localdate(value: datetime) -> date:
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict from a template."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def querystring_replace(context, **kwargs):
    """Return the current query string with some parameters replaced."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


_INLINE_BLOCK = re.compile(r"<(style|script)\b(?![^>]*\bnonce=)")


@register.filter
def with_nonce(markup, nonce):
    """Let the inline style blocks of trusted server-made markup (SVG charts) pass the page's CSP."""
    if not markup or not isinstance(markup, SafeData):
        return markup  # user text stays escaped by the template
    return mark_safe(_INLINE_BLOCK.sub(lambda m: f'<{m.group(1)} nonce="{nonce}"', str(markup)))  # noqa: S308


@register.filter
def nama_bulan(month):
    """3 → "Maret": a month named in words, never by its B03 column code."""
    from integritas.common.formatting import BULAN

    try:
        return BULAN[int(month) - 1]
    except (TypeError, ValueError, IndexError):
        return month

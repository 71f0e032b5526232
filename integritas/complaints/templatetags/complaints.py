from django import template

from integritas.common.formatting import angka

register = template.Library()


@register.filter
def persen(value, places=0):
    """A share in [0, 1] as an Indonesian percentage: 0.755 -> "76 %"."""
    if value is None:
        return "—"
    return f"{angka(value * 100, int(places))} %"

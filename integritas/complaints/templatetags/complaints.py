from django import template

from integritas.common.formatting import angka

register = template.Library()


@register.filter
def persen(value, places=0):
    """A share in [0, 1] as an Indonesian percentage: 0.755 -> "76 %"."""
    if value is None:
        return "—"
    return f"{angka(value * 100, int(places))} %"


@register.inclusion_tag("complaints/_nav.html", takes_context=True)
def complaints_nav(context, tab):
    """The register's tabs, showing only what the user may open."""
    from integritas.accounts.access import can_administer
    from integritas.complaints import access

    user = context["request"].user
    return {
        "tab": tab,
        "can_record": access.can_record(user),
        "is_admin": can_administer(user),
        "handles": access.handles_register(user),
    }

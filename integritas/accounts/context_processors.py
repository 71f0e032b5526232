"""The navigation shown to a user depends on his or her roles."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from integritas.accounts import access

# (label, url name, who sees it). URL names that do not exist (yet) are skipped.
NAV = [
    (_("Beranda"), "portal:home", lambda u: True),
    (_("Unit Kerja"), "organization:unit_list", lambda u: True),
    (_("Pegawai"), "organization:employee_list", access.can_read_city),
    (_("Tim"), "organization:team_list", lambda u: True),
    (_("Komitmen"), "commitment:overview", lambda u: True),
    (_("Rencana & Laporan"), "planning:overview", lambda u: True),
    (_("Penilaian LKE"), "evaluation:assessment_list", lambda u: True),
    (_("Dasbor"), "portal:city_dashboard", access.can_read_city),
    (_("Perbandingan Unit"), "evaluation:city_comparison", access.can_read_city),
    (_("Survei"), "surveys:wave_list", lambda u: True),
    (_("Predikat WBK/WBBM"), "predicates:overview", lambda u: True),
    (
        _("Pengaduan"),
        "complaints:home",
        lambda u: access.can_read_city(u) or bool(access.grants_for(u).unit_roles),
    ),
    (_("Pemberitahuan"), "portal:notification_list", lambda u: True),
    (_("Pengguna"), "accounts:user_list", access.can_administer),
    (_("Log Audit"), "portal:audit_log", access.can_administer),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    for label, name, visible in NAV:
        if not visible(user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append(
            {"label": label, "url": url, "active": request.path.startswith(url) and url != "/"}
        )
    grants = access.grants_for(user)
    return {"nav_items": items, "grants": grants, "role_labels": _role_labels(user)}


def _role_labels(user):
    from integritas.accounts.models import Role

    labels = []
    for assignment in user.roles.select_related("unit"):
        label = Role(assignment.role).label
        labels.append(f"{label} — {assignment.unit.code}" if assignment.unit_id else str(label))
    return labels

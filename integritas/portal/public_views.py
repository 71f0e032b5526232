"""The public transparency portal under /publik/ (Pasal 7 ayat 2): no login, no script, no secrets.

Each page reads the owning app's public read model (`<app>/public.py`), which holds only what
may be published: no evidence, no complaint contents, no draft scores, no NIP.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

from integritas.commitment import public as commitment_public
from integritas.planning import public as planning_public
from integritas.portal import attention
from integritas.surveys import public as survey_public

# Sections a higher app adds to a unit's public page: f(unit_id) -> list[PublicSection]
# (the predicates app adds the unit's current predicate with its decree here).
PUBLIC_UNIT_PROVIDERS: list = []

# The complaints app's public pages, linked only once they exist (by URL name, else by path).
COMPLAINT_FILE = (("complaints_public:intake",), "/pengaduan/")
COMPLAINT_TRACK = (("complaints_public:track",), "/pengaduan/lacak/")

NAV = (
    (_("Beranda"), "portal:public_home"),
    (_("Unit ZI"), "portal:public_units"),
    (_("Survei"), "portal:public_survey_guide"),
    (_("Pengaduan"), "portal:public_complaint_guide"),
)


def safe_url(names: tuple[str, ...], path: str) -> str:
    """The URL of a page that may not be installed yet, or "" (never a link to a 404)."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    try:
        resolve(path)
    except Resolver404:
        return ""
    return path


def _page(request, template: str, context: dict):
    current = request.resolver_match.view_name if request.resolver_match else ""
    context["public_nav"] = [(label, reverse(name), name == current) for label, name in NAV]
    return render(request, template, context)


@login_not_required
def public_home(request):
    """The public transparency page (Pasal 7 ayat 2, Pasal 12 ayat 5)."""
    return _page(
        request,
        "portal/public_home.html",
        {
            "sections": attention.public_sections(),
            "zone_count": len(commitment_public.zones()),
        },
    )


@login_not_required
def public_units(request):
    """The units building a zona integritas, with their declaration date (Pasal 7)."""
    return _page(
        request,
        "portal/public/units.html",
        {"zones": commitment_public.zones(), "city": commitment_public.city_zone()},
    )


@login_not_required
def public_unit(request, pk: int):
    """One declared unit: its charter, survey results over the years, innovations."""
    zone = commitment_public.zone_for(pk)
    if zone is None:
        raise Http404
    extra = [section for provider in PUBLIC_UNIT_PROVIDERS for section in provider(pk)]
    return _page(
        request,
        "portal/public/unit.html",
        {
            "zone": zone,
            "surveys": survey_public.unit_results(pk),
            "innovations": planning_public.innovations(pk),
            "extra_sections": extra,
        },
    )


@login_not_required
def public_survey_guide(request):
    """How to answer a survey, and the surveys open to anyone now (Pasal 9 angka 3)."""
    return _page(
        request,
        "portal/public/survey_guide.html",
        {"open_surveys": survey_public.open_surveys()},
    )


@login_not_required
def public_complaint_guide(request):
    """How to file and follow a complaint (Pasal 17 ayat 8–10)."""
    return _page(
        request,
        "portal/public/complaint_guide.html",
        {"file_url": safe_url(*COMPLAINT_FILE), "track_url": safe_url(*COMPLAINT_TRACK)},
    )

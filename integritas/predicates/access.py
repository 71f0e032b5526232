"""Who may see and do what with prerequisites, recommendations and predicates.

Built on the grants of `integritas.accounts.access`:
- the administrator (Bagian Organisasi) records facts, the wajib-lapor register, decisions taken on
  paper, TPN results and revocations;
- a TPI member recommends (Pasal 16 ayat 1) and monitors (Pasal 17 ayat 3–5) — never for the unit
  he or she works in or holds a role in, nor any unit above or below it;
- pimpinan (Wali Kota/Sekda) decides on each proposal (Pasal 16 ayat 2);
- everyone who reads all units (admin, pimpinan, TPI, Tim Pendamping) reads everything here;
- a unit's people read only their own unit's facts, recommendations and predicates;
- the public sees only standing predicates (the public page).
"Not yours" and "does not exist" both answer 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from integritas.accounts.access import can_head_unit, can_read_unit, grants_for
from integritas.accounts.models import Role
from integritas.organization.models import Unit
from integritas.predicates.models import Predicate, Recommendation, UnitFacts


def _ancestors(unit_id: int) -> set[int]:
    found: set[int] = set()
    current = Unit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    while current is not None and current not in found:
        found.add(current)
        current = Unit.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return found


def _descendants(unit_id: int) -> set[int]:
    found: set[int] = set()
    frontier = {unit_id}
    while frontier:
        children = (
            set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= children
        frontier = children
    return found


def related_unit_ids(unit_id: int) -> set[int]:
    """The unit, every unit above it and every unit below it."""
    return {unit_id} | _ancestors(unit_id) | _descendants(unit_id)


def _own_unit_ids(user: Any) -> set[int]:
    grants = grants_for(user)
    ids = set(grants.unit_roles)
    if grants.own_unit_id:
        ids.add(grants.own_unit_id)
    return ids


def is_tpi(user: Any) -> bool:
    return Role.TPI in grants_for(user).city_roles


def can_assess_unit(user: Any, unit_id: int) -> bool:
    """A TPI member who has no tie to the unit, its ancestors or its descendants."""
    if not is_tpi(user):
        return False
    return not (_own_unit_ids(user) & related_unit_ids(unit_id))


def can_decide(user: Any) -> bool:
    """Pasal 16 ayat 2: the Wali Kota (pimpinan) approves or declines a proposal."""
    return Role.PIMPINAN in grants_for(user).city_roles


def can_follow_up(user: Any, unit_id: int) -> bool:
    """Pasal 19–20: the follow-up of a recommendation is recorded by the administrator, an
    independent TPI member or the unit's head."""
    return can_administer(user) or can_assess_unit(user, unit_id) or can_head_unit(user, unit_id)


def can_administer(user: Any) -> bool:
    return grants_for(user).is_admin


def can_read_all(user: Any) -> bool:
    return grants_for(user).reads_all


def can_see_predicates(user: Any) -> bool:
    """Reaches the predicates pages at all (the city readers and anyone with a unit)."""
    return can_read_all(user) or bool(_own_unit_ids(user))


def readable_unit_ids(user: Any) -> set[int] | None:
    """None = every unit."""
    if can_read_all(user):
        return None
    return _own_unit_ids(user)


def _scoped(queryset: QuerySet, user: Any) -> QuerySet:
    ids = readable_unit_ids(user)
    return queryset if ids is None else queryset.filter(unit_id__in=ids)


def recommendations_for_user(user: Any) -> QuerySet[Recommendation]:
    return _scoped(Recommendation.objects.select_related("unit", "assessment"), user)


def predicates_for_user(user: Any) -> QuerySet[Predicate]:
    return _scoped(Predicate.objects.select_related("unit"), user)


def get_recommendation_for_user(user: Any, pk: int, *, write: bool = False) -> Recommendation:
    """Read: whoever reads the unit. Write: the administrator, pimpinan or an independent TPI member."""
    try:
        item = Recommendation.objects.select_related("unit", "assessment").get(pk=pk)
    except Recommendation.DoesNotExist:
        raise Http404 from None
    allowed = (
        (can_administer(user) or can_decide(user) or can_assess_unit(user, item.unit_id))
        if write
        else can_read_unit(user, item.unit_id)
    )
    if not allowed:
        raise Http404
    return item


def get_predicate_for_user(user: Any, pk: int, *, write: bool = False) -> Predicate:
    """Read: whoever reads the unit. Write: the administrator or an independent TPI member."""
    try:
        item = Predicate.objects.select_related("unit").get(pk=pk)
    except Predicate.DoesNotExist:
        raise Http404 from None
    allowed = (
        (can_administer(user) or can_assess_unit(user, item.unit_id))
        if write
        else can_read_unit(user, item.unit_id)
    )
    if not allowed:
        raise Http404
    return item


def get_unit_facts_for_user(
    user: Any, unit_id: int, year: int, *, write: bool = False
) -> UnitFacts:
    """The unit's facts of a year (a new unsaved row when none is recorded yet).

    Read: whoever reads the unit. Write: the administrator or an independent TPI member.
    """
    allowed = (
        (can_administer(user) or can_assess_unit(user, unit_id))
        if write
        else can_read_unit(user, unit_id)
    )
    if not allowed:
        raise Http404
    try:
        unit = Unit.objects.get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None
    return UnitFacts.objects.filter(unit=unit, year=year).first() or UnitFacts(unit=unit, year=year)

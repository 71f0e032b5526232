"""Survey-specific access rules, built on the one access module (accounts/access.py).

Pasal 11 ayat (10) of the Perwali makes the SPAK and SPKP results the unit's own LKE hasil
component, evaluated by the TPI (Pasal 15 and Pasal 18). A unit must therefore not decide which
of its own doubtful answers count, nor type in paper questionnaires for such a wave: that is done
by a TPI member or a city administrator who works outside the unit (its parents and sub-units
included). An SKM wave (PermenPANRB 14/2017) does not feed the LKE and stays the unit's own.
"""

from __future__ import annotations

from typing import Any

from integritas.accounts import access
from integritas.organization.models import Unit
from integritas.surveys.models import SurveyWave

LKE_KINDS = frozenset({SurveyWave.Kind.SPAK, SurveyWave.Kind.SPKP})


def feeds_lke(wave: SurveyWave) -> bool:
    """True for a wave whose index becomes the unit's LKE hasil input (SPAK → IPAK, SPKP → IPKP)."""
    return wave.kind in LKE_KINDS


def _unit_family(unit_id: int) -> set[int]:
    """The unit, its parents up to the top and every unit below it."""
    family = {unit_id}
    parent = Unit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    while parent is not None and parent not in family:
        family.add(parent)
        parent = Unit.objects.filter(pk=parent).values_list("parent_id", flat=True).first()
    frontier = {unit_id}
    while frontier:
        frontier = (
            set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - family
        )
        family |= frontier
    return family


def works_outside(user: Any, unit_id: int) -> bool:
    """Neither employed in nor holding a role in the unit, its parents or its sub-units."""
    grants = access.grants_for(user)
    family = _unit_family(unit_id)
    if grants.own_unit_id in family:
        return False
    return not any(grants.roles_in(member) for member in family)


def can_decide_responses(user: Any, wave: SurveyWave) -> bool:
    """Who accepts or rejects held answers and types in paper sheets of this wave."""
    if not feeds_lke(wave):
        return access.can_write_unit(user, wave.unit_id)
    if not (access.is_tpi(user) or access.can_administer(user)):
        return False
    return works_outside(user, wave.unit_id)


def can_see_review_queue(user: Any, wave: SurveyWave) -> bool:
    """The unit sees its held answers (read only for an LKE wave); the deciders see and act."""
    return access.can_write_unit(user, wave.unit_id) or can_decide_responses(user, wave)


def can_run_kiosk(user: Any, wave: SurveyWave) -> bool:
    """The unit's Tim Kerja (or head) or an administrator unlocks a counter tablet."""
    return access.can_write_unit(user, wave.unit_id)


def can_set_policy(user: Any, wave: SurveyWave) -> bool:
    """Loosening the hold rules of an LKE wave is the deciders' call, like the review itself."""
    return can_decide_responses(user, wave)

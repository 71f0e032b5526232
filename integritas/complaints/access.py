"""Who may see and act on a complaint (Pasal 17 ayat 8), built on the grants of accounts.access.

- The administrator reads and handles every case.
- A TPI member handles the cases routed to the TPI, never a case about the unit he or she
  works in (the same rule as a TPI review).
- A unit's complaint officer and its head handle the cases routed to the unit; for a TPI case
  they see it once the TPI asks the unit for clarification, to record the unit's answer.
  They never see a whistle-blowing report, nor the complainant's identity unless allowed.
- Pimpinan see counts, never contents. Everyone else: 404, as for a case that does not exist.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from integritas.accounts import access
from integritas.accounts.models import Role
from integritas.complaints.models import Complaint, ComplaintOfficer

UNIT_VISIBLE_TPI_STATUSES = (
    Complaint.Status.CLARIFICATION,
    Complaint.Status.MONITORING,
    Complaint.Status.CLOSED,
)


def officer_unit_ids(user) -> set[int]:
    """Units where the user is the named complaint officer or the head."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_complaint_units", None)
    if cached is not None:
        return cached
    grants = access.grants_for(user)
    ids = {uid for uid, roles in grants.unit_roles.items() if Role.UNIT_HEAD in roles}
    ids |= set(ComplaintOfficer.objects.filter(user=user).values_list("unit_id", flat=True))
    user._complaint_units = ids
    return ids


def is_tpi(user) -> bool:
    return access.is_tpi(user)


def is_tpi_handler(user, unit_id: int) -> bool:
    """A TPI member may handle a TPI case about any unit except his or her own."""
    return access.can_review_unit(user, unit_id)


def handles_register(user) -> bool:
    """May open the register of cases at all (some cases may still be hidden)."""
    grants = access.grants_for(user)
    return grants.is_admin or access.is_tpi(user) or bool(officer_unit_ids(user))


def can_see_figures(user) -> bool:
    """Counts per unit: handlers and pimpinan (never contents for pimpinan)."""
    return handles_register(user) or access.can_read_city(user)


def can_record(user) -> bool:
    """Enter a complaint from another channel: the administrator or a unit complaint officer."""
    return access.can_administer(user) or bool(officer_unit_ids(user))


def can_record_for_unit(user, unit_id: int) -> bool:
    return access.can_administer(user) or unit_id in officer_unit_ids(user)


def _unit_side(user, complaint: Complaint) -> bool:
    if complaint.whistleblowing or complaint.unit_id not in officer_unit_ids(user):
        return False
    if complaint.route == Complaint.Route.UNIT:
        return True
    return complaint.status in UNIT_VISIBLE_TPI_STATUSES


def can_read(user, complaint: Complaint) -> bool:
    if access.can_administer(user):
        return True
    if complaint.route == Complaint.Route.TPI and is_tpi_handler(user, complaint.unit_id):
        return True
    return _unit_side(user, complaint)


def is_handler(user, complaint: Complaint) -> bool:
    """Moves the case through its steps and answers the complainant."""
    if access.can_administer(user):
        return True
    if complaint.route == Complaint.Route.TPI:
        return is_tpi_handler(user, complaint.unit_id)
    return _unit_side(user, complaint)


def is_unit_side(user, complaint: Complaint) -> bool:
    """Answers a clarification request on behalf of the unit concerned."""
    return access.can_administer(user) or _unit_side(user, complaint)


def sees_identity(user, complaint: Complaint) -> bool:
    """The complainant's name and contact: the TPI and admin; the unit only with consent."""
    if access.can_administer(user):
        return True
    if complaint.route == Complaint.Route.TPI and is_tpi_handler(user, complaint.unit_id):
        return True
    return complaint.identity_shared and _unit_side(user, complaint)


def complaints_for_user(user) -> QuerySet[Complaint]:
    """The cases whose contents the user may read."""
    base = Complaint.objects.select_related("unit")
    if access.can_administer(user):
        return base
    condition = Q(pk__in=[])
    if access.is_tpi(user):
        grants = access.grants_for(user)
        own = set(grants.unit_roles)
        if grants.own_unit_id:
            own.add(grants.own_unit_id)
        condition |= Q(route=Complaint.Route.TPI) & ~Q(unit_id__in=own)
    units = officer_unit_ids(user)
    if units:
        condition |= Q(unit_id__in=units, whistleblowing=False) & (
            Q(route=Complaint.Route.UNIT) | Q(status__in=UNIT_VISIBLE_TPI_STATUSES)
        )
    return base.filter(condition)


def get_complaint_for_user(user, pk: int, *, write: bool = False) -> Complaint:
    """The case if the user may read it (or, with write, act on it as handler or unit); else 404."""
    try:
        complaint = Complaint.objects.select_related("unit").get(pk=pk)
    except Complaint.DoesNotExist:
        raise Http404 from None
    allowed = (
        (is_handler(user, complaint) or is_unit_side(user, complaint))
        if write
        else can_read(user, complaint)
    )
    if not allowed:
        raise Http404
    return complaint

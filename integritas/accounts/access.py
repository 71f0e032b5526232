"""Every access decision of Integritas is made here.

Rules:
- Administrators (Bagian Organisasi) read and write everything.
- Pimpinan (Wali Kota, Sekda) read everything and write nothing.
- TPI and Tim Pendamping members read every unit; they act on units only through their own
  workflows (review, mentoring). A TPI member never reviews the unit he or she works in.
- A unit head and the unit's Tim Kerja read and write their unit (and its sub-units when the
  assignment says so); only the head submits.
- An employee reads his or her own unit's pages.
"Not yours" and "does not exist" both answer 404.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from integritas.accounts.models import CITY_ROLES, Role, RoleAssignment
from integritas.organization.models import Unit

READ_ALL_ROLES = {Role.ADMIN, Role.PIMPINAN, Role.TPI, Role.PENDAMPING}


@dataclass(frozen=True)
class Grants:
    """What one user may do, computed once per request from the role assignments."""

    city_roles: frozenset[str] = frozenset()
    unit_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    own_unit_id: int | None = None

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.city_roles

    @property
    def reads_all(self) -> bool:
        return bool(self.city_roles & READ_ALL_ROLES)

    def roles_in(self, unit_id: int) -> frozenset[str]:
        return self.unit_roles.get(unit_id, frozenset())

    def has_role(self, role: str) -> bool:
        return role in self.city_roles or any(role in r for r in self.unit_roles.values())


def _descendants(unit_ids: set[int]) -> set[int]:
    """Return the ids of every unit below the given ones (one query per tree level)."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        children = (
            set(Unit.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= children
        frontier = children
    return found


def grants_for(user) -> Grants:
    """Compute (and cache on the user object) the user's grants."""
    if not getattr(user, "is_authenticated", False):
        return Grants()
    cached = getattr(user, "_integritas_grants", None)
    if cached is not None:
        return cached
    city: set[str] = set()
    per_unit: dict[int, set[str]] = {}
    for assignment in RoleAssignment.objects.filter(user=user):
        if assignment.role in CITY_ROLES:
            city.add(assignment.role)
            continue
        if assignment.unit_id is None:
            continue
        unit_ids = {assignment.unit_id}
        if assignment.include_subunits:
            unit_ids |= _descendants({assignment.unit_id})
        for unit_id in unit_ids:
            per_unit.setdefault(unit_id, set()).add(assignment.role)
    if user.is_superuser:
        city.add(Role.ADMIN)
    own_unit_id = None
    if user.employee_id:
        own_unit_id = user.employee.unit_id
    grants = Grants(
        city_roles=frozenset(city),
        unit_roles={k: frozenset(v) for k, v in per_unit.items()},
        own_unit_id=own_unit_id,
    )
    user._integritas_grants = grants
    return grants


# --- units -----------------------------------------------------------------------------


def can_read_unit(user, unit_id: int) -> bool:
    grants = grants_for(user)
    return grants.reads_all or bool(grants.roles_in(unit_id)) or grants.own_unit_id == unit_id


def can_write_unit(user, unit_id: int) -> bool:
    """Write the unit's own ZI records (plans, self-assessment, reports)."""
    grants = grants_for(user)
    return grants.is_admin or bool(grants.roles_in(unit_id) & {Role.UNIT_HEAD, Role.TIM_KERJA})


def can_head_unit(user, unit_id: int) -> bool:
    """Act as the unit head (submit, sign off)."""
    grants = grants_for(user)
    return grants.is_admin or Role.UNIT_HEAD in grants.roles_in(unit_id)


def can_administer(user) -> bool:
    """Manage the registry, teams, users and read the audit log."""
    return grants_for(user).is_admin


def can_read_city(user) -> bool:
    """See city-wide comparisons and dashboards."""
    return grants_for(user).reads_all


def is_tpi(user) -> bool:
    return Role.TPI in grants_for(user).city_roles


def is_pendamping(user) -> bool:
    return Role.PENDAMPING in grants_for(user).city_roles


def _ancestors(unit_ids: set[int]) -> set[int]:
    """Return the ids of every unit above the given ones (one query per tree level)."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        parents = (
            set(
                Unit.objects.filter(id__in=frontier, parent_id__isnull=False).values_list(
                    "parent_id", flat=True
                )
            )
            - found
        )
        found |= parents
        frontier = parents
    return found


def conflicted_unit_ids(user) -> frozenset[int]:
    """Units a user may not judge: where he or she works or holds a unit role, and every unit
    above or below those in the tree (a puskesmas officer does not judge his dinas, nor the
    dinas head her puskesmas). Computed once per request."""
    cached = getattr(user, "_integritas_conflicts", None)
    if cached is not None:
        return cached
    grants = grants_for(user)
    own = set(grants.unit_roles)
    if grants.own_unit_id:
        own.add(grants.own_unit_id)
    conflicts = frozenset(own | _ancestors(own) | _descendants(own)) if own else frozenset()
    if getattr(user, "is_authenticated", False):
        user._integritas_conflicts = conflicts
    return conflicts


def can_review_unit(user, unit_id: int) -> bool:
    """Pasal 15: a TPI member evaluates units — never the unit he or she works in, nor a unit
    above or below it."""
    grants = grants_for(user)
    if Role.TPI not in grants.city_roles:
        return False
    return unit_id not in conflicted_unit_ids(user)


def can_mentor_unit(user, unit_id: int) -> bool:
    """Pasal 10: the Tim Pendamping mentors units and receives their monthly reports — never
    those of the unit its member works in, nor of a unit above or below it."""
    grants = grants_for(user)
    if grants.is_admin:
        return True
    return Role.PENDAMPING in grants.city_roles and unit_id not in conflicted_unit_ids(user)


def units_for_user(user) -> QuerySet[Unit]:
    """The units a user may read."""
    grants = grants_for(user)
    units = Unit.objects.all()
    if grants.reads_all:
        return units
    ids = set(grants.unit_roles)
    if grants.own_unit_id:
        ids.add(grants.own_unit_id)
    return units.filter(id__in=ids)


def writable_units_for_user(user) -> QuerySet[Unit]:
    grants = grants_for(user)
    if grants.is_admin:
        return Unit.objects.all()
    ids = [
        uid for uid, roles in grants.unit_roles.items() if roles & {Role.UNIT_HEAD, Role.TIM_KERJA}
    ]
    return Unit.objects.filter(id__in=ids)


def get_unit_for_user(user, pk: int, *, write: bool = False) -> Unit:
    """Return the unit if the user may read (or write) it; 404 otherwise."""
    allowed = can_write_unit(user, pk) if write else can_read_unit(user, pk)
    if not allowed:
        raise Http404
    try:
        return Unit.objects.select_related("parent", "head", "institution").get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None


def require(condition: bool) -> None:
    """Answer 404 when a check fails, so "not yours" looks like "not there"."""
    if not condition:
        raise Http404

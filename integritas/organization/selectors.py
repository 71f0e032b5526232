from django.db.models import Count, Q, QuerySet

from integritas.organization.models import Employee, Team, Unit


def unit_list(*, units: QuerySet[Unit], search: str = "", type_: str = "") -> QuerySet[Unit]:
    """Units with parent, head and active-employee count, in one query."""
    qs = units.select_related("parent", "head").annotate(
        employee_count=Count("employees", filter=Q(employees__is_active=True))
    )
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if type_:
        qs = qs.filter(type=type_)
    return qs.order_by("name")


def employee_list(
    *, employees: QuerySet[Employee], search: str = "", unit_id: int | None = None
) -> QuerySet[Employee]:
    qs = employees.select_related("unit")
    if search:
        qs = qs.filter(
            Q(name__icontains=search) | Q(nip__icontains=search) | Q(position__icontains=search)
        )
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("name", "nip")


def team_list(*, teams: QuerySet[Team]) -> QuerySet[Team]:
    return (
        teams.select_related("unit")
        .annotate(member_count=Count("members"))
        .order_by("kind", "name")
    )

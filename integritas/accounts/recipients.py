"""Who is told about a unit's work: the users holding its head or Tim Kerja role (Pasal 11)."""

from django.db.models import QuerySet

from integritas.accounts.models import Role, User


def unit_team(unit_id: int) -> QuerySet[User]:
    """Active users who are the unit's head or in its Tim Kerja (one query when listed)."""
    return (
        User.objects.filter(
            is_active=True, roles__unit_id=unit_id, roles__role__in=[Role.UNIT_HEAD, Role.TIM_KERJA]
        )
        .select_related("employee")
        .distinct()
    )

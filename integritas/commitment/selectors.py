"""Reads of the commitment records, each in a fixed number of queries."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db.models import (
    Count,
    DateField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from integritas.commitment.models import (
    Declaration,
    DesignatedUnit,
    DesignationDecree,
    IntegrityPact,
)
from integritas.commitment.rules import PactCoverage, parse_share
from integritas.organization.models import Employee, EmployeeMove, Unit

# SQL stand-in for "no move into the unit": every pact counts (rules.pact_counts_since).
_EPOCH = date(1900, 1, 1)


def min_pact_share():
    """The "sebagian besar" threshold of Pasal 6 ayat (1), from settings."""
    return parse_share(settings.DECLARATION_MIN_PACT_SHARE)


def with_pact_state(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    """Annotate pact_since (latest move into the current unit) and pact_on (latest valid pact).

    A pact is valid for the employee's current unit when signed on or after the latest move
    into that unit (rules.pact_counts_since, Pasal 6 ayat 2).
    """
    last_move_in = (
        EmployeeMove.objects.filter(employee=OuterRef("pk"), to_unit=OuterRef("unit"))
        .order_by("-moved_on", "-id")
        .values("moved_on")[:1]
    )
    employees = employees.annotate(
        pact_since=Coalesce(
            Subquery(last_move_in, output_field=DateField()),
            Value(_EPOCH, output_field=DateField()),
        )
    )
    valid = IntegrityPact.objects.filter(
        employee=OuterRef("pk"), signed_on__gte=OuterRef("pact_since")
    ).order_by("-signed_on", "-id")
    return employees.annotate(
        pact_on=Subquery(valid.values("signed_on")[:1], output_field=DateField()),
        pact_id=Subquery(valid.values("pk")[:1]),
        pact_document=Subquery(valid.values("document")[:1]),
        pact_signing_document=Subquery(valid.values("signing__document")[:1]),
    )


def unit_employees(unit: Unit) -> QuerySet[Employee]:
    """The unit's active employees with their pact state, by name (one query)."""
    return with_pact_state(Employee.objects.filter(unit=unit, is_active=True)).order_by(
        "name", "nip"
    )


def coverage_by_unit(unit_ids: Iterable[int] | None = None) -> dict[int, PactCoverage]:
    """Pact coverage of every (given) unit: two queries whatever the number of units."""
    units = Unit.objects.all()
    if unit_ids is not None:
        units = units.filter(pk__in=list(unit_ids))
    heads = dict(units.values_list("pk", "head_id"))
    employees = Employee.objects.filter(is_active=True, unit_id__in=list(heads))
    counts = {
        row["unit_id"]: (row["signed"], row["total"])
        for row in with_pact_state(employees)
        .values("unit_id")
        .annotate(total=Count("pk"), signed=Count("pk", filter=Q(pact_on__isnull=False)))
        .order_by()
    }
    head_ids = [h for h in heads.values() if h]
    signed_heads = set(
        with_pact_state(Employee.objects.filter(pk__in=head_ids))
        .filter(Q(pact_on__isnull=False))
        .values_list("pk", flat=True)
    )
    result = {}
    for unit_id, head_id in heads.items():
        signed, total = counts.get(unit_id, (0, 0))
        result[unit_id] = PactCoverage(
            signed=signed,
            total=total,
            head_signed=bool(head_id) and head_id in signed_heads,
            has_head=bool(head_id),
        )
    return result


def coverage_for(unit: Unit) -> PactCoverage:
    return coverage_by_unit([unit.pk])[unit.pk]


def declaration_for_unit(unit: Unit) -> Declaration | None:
    return (
        Declaration.objects.filter(unit=unit).prefetch_related("witnesses", "publications").first()
    )


def city_declaration() -> Declaration | None:
    return (
        Declaration.objects.filter(scope=Declaration.Scope.CITY)
        .prefetch_related("witnesses", "publications")
        .first()
    )


def declarations_by_unit(unit_ids: Iterable[int] | None = None) -> dict[int, Declaration]:
    qs = Declaration.objects.filter(scope=Declaration.Scope.UNIT)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return {d.unit_id: d for d in qs if d.unit_id}


def declared_units() -> QuerySet[Declaration]:
    """Declared units for the public page (Pasal 7 ayat 2), latest first."""
    return (
        Declaration.objects.filter(scope=Declaration.Scope.UNIT)
        .select_related("unit")
        .order_by("-declared_on", "unit__name")
    )


def designations_by_unit(year: int, unit_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Unit id → decree id of the units designated for a year."""
    qs = DesignatedUnit.objects.filter(decree__year=year)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return dict(qs.values_list("unit_id", "decree_id"))


def decrees() -> QuerySet[DesignationDecree]:
    """Every designation decree with its units (two queries)."""
    return DesignationDecree.objects.prefetch_related(
        Prefetch("units", queryset=DesignatedUnit.objects.select_related("unit"))
    ).order_by("-year", "-decree_date", "-id")


def unit_pacts(unit: Unit) -> QuerySet[IntegrityPact]:
    """Every pact signed while in this unit, latest first."""
    return (
        IntegrityPact.objects.filter(unit=unit)
        .select_related("employee", "signing")
        .order_by("-signed_on", "employee__name")
    )

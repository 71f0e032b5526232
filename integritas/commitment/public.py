"""What the public may see of the commitment records: who declared ZI building, when, with whom.

Pasal 7 ayat 2: the declaration is published so the public can watch over it. Only the charter
(date, place, who declared, witnesses, media links) — no pacts, no files, no NIP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from integritas.commitment.models import Declaration, DeclarationPublication


@dataclass(frozen=True)
class PublicWitness:
    name: str
    position: str
    role: str


@dataclass(frozen=True)
class PublicZone:
    """A unit (or the city) that declared building a zona integritas, as its charter reads."""

    unit_id: int | None
    unit_name: str
    unit_type: str
    parent_name: str
    declared_on: date
    place: str
    declared_by: str
    position: str
    witnesses: tuple[PublicWitness, ...]
    media: tuple[tuple[str, str], ...]  # (caption, url) of public media links, never photos


def _declarations() -> QuerySet[Declaration]:
    return Declaration.objects.select_related("unit", "unit__parent").prefetch_related(
        "witnesses",
        Prefetch(
            "publications",
            queryset=DeclarationPublication.objects.filter(kind=DeclarationPublication.Kind.LINK),
            to_attr="links",
        ),
    )


def _zone(declaration: Declaration) -> PublicZone:
    unit = declaration.unit
    return PublicZone(
        unit_id=unit.pk if unit else None,
        unit_name=unit.name if unit else "",
        unit_type=unit.get_type_display() if unit else "",
        parent_name=unit.parent.name if unit and unit.parent else "",
        declared_on=declaration.declared_on,
        place=declaration.place,
        declared_by=declaration.head_name,
        position=declaration.head_position,
        witnesses=tuple(
            PublicWitness(w.name, w.position, w.get_role_display())
            for w in declaration.witnesses.all()
        ),
        media=tuple((p.caption or p.url, p.url) for p in getattr(declaration, "links", [])),
    )


def zones() -> list[PublicZone]:
    """Every unit's declaration, by unit name (three queries)."""
    return [
        _zone(d)
        for d in _declarations()
        .filter(scope=Declaration.Scope.UNIT, unit__is_active=True)
        .order_by("unit__name")
    ]


def city_zone() -> PublicZone | None:
    declaration = _declarations().filter(scope=Declaration.Scope.CITY).first()
    return _zone(declaration) if declaration else None


def zone_for(unit_id: int) -> PublicZone | None:
    """The declaration of one active unit, or None: an undeclared unit has no public page."""
    declaration = (
        _declarations()
        .filter(scope=Declaration.Scope.UNIT, unit_id=unit_id, unit__is_active=True)
        .first()
    )
    return _zone(declaration) if declaration else None

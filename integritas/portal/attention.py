"""What each role sees first on the home page, and what the public page lists.

Each part of the product contributes its cards through a provider function registered here,
so the home page stays one place that reads everything (portal is the top layer).
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from integritas.accounts import access
from integritas.organization.models import Employee, Team, Unit
from integritas.portal import (
    attention_complaints,
    attention_evaluation,
    attention_planning,
    attention_surveys,
)


@dataclass
class Card:
    title: str
    value: str = ""
    text: str = ""
    url: str = ""
    tone: str = "secondary"  # bootstrap contextual colour
    items: list[tuple[str, str]] = field(default_factory=list)  # (label, url)


def _registry_cards(user) -> list[Card]:
    cards = []
    if access.can_read_city(user):
        cards.append(
            Card(
                title=_("Unit kerja"),
                value=str(Unit.objects.filter(is_active=True).count()),
                text=_("unit aktif di Pemerintah Kota Kupang"),
                url=reverse("organization:unit_list"),
            )
        )
        cards.append(
            Card(
                title=_("Pegawai"),
                value=str(Employee.objects.filter(is_active=True).count()),
                text=_("ASN aktif terdaftar"),
                url=reverse("organization:employee_list"),
            )
        )
    units = (
        list(access.units_for_user(user).order_by("name")[:6])
        if not access.can_read_city(user)
        else []
    )
    if units:
        cards.append(
            Card(
                title=_("Unit saya"),
                items=[(u.name, u.get_absolute_url()) for u in units],
                tone="primary",
            )
        )
    if access.can_administer(user):
        missing_team = Unit.objects.filter(is_active=True).exclude(
            teams__kind=Team.Kind.TIM_KERJA, teams__is_active=True
        )
        count = missing_team.count()
        if count:
            cards.append(
                Card(
                    title=_("Unit tanpa Tim Kerja"),
                    value=str(count),
                    text=_("unit belum memiliki Tim Kerja aktif (Pasal 11 ayat 1)"),
                    url=reverse("organization:unit_list"),
                    tone="warning",
                )
            )
    return cards


PROVIDERS = [
    _registry_cards,
    attention_evaluation.cards,
    attention_surveys.survey_cards,
    attention_planning.cards,
    attention_complaints.cards,
]
PUBLIC_PROVIDERS: list = [
    attention_planning.declared_sections,
    attention_surveys.published_skm_sections,
    attention_complaints.public_sections,
]


def cards_for(user) -> list[Card]:
    cards: list[Card] = []
    for provider in PROVIDERS:
        cards.extend(provider(user))
    # What needs acting on first: late, then waiting, then in progress, then the counts.
    return sorted(cards, key=lambda card: TONE_ORDER.get(card.tone, len(TONE_ORDER)))


TONE_ORDER = {"danger": 0, "warning": 1, "primary": 2, "success": 3, "secondary": 4}


def public_sections() -> list:
    sections: list = []
    for provider in PUBLIC_PROVIDERS:
        sections.extend(provider())
    return sections

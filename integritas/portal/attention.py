"""What each role sees first on the home page, and what the public page lists.

Each app builds its own cards (`<app>/cards.py`) from its own data; this module only gathers
them in order (portal is the top layer and decides nothing itself).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from integritas.accounts import access
from integritas.common.cards import Card
from integritas.complaints import cards as complaint_cards
from integritas.evaluation import cards as evaluation_cards
from integritas.organization.models import Employee, Team, Unit
from integritas.planning import cards as planning_cards
from integritas.predicates import cards as predicate_cards
from integritas.surveys import cards as survey_cards


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
    evaluation_cards.cards,
    survey_cards.survey_cards,
    planning_cards.cards,
    predicate_cards.cards,
    predicate_cards.next_step_cards,
    complaint_cards.cards,
]
PUBLIC_PROVIDERS: list = [
    planning_cards.declared_sections,
    survey_cards.published_skm_sections,
    predicate_cards.predicate_sections,
    complaint_cards.public_sections,
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

"""Who decided what on a wave: reviews of held answers, paper sheets and counter kiosks.

Shown on the results so anyone reading an index sees which answers a person let in, who typed
paper sheets and which answers came from a staff-unlocked tablet (Pasal 11 ayat (10)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Min, Q

from integritas.surveys.models import Kiosk, Response, SurveyWave


@dataclass(frozen=True)
class ReviewerRow:
    name: str
    accepted: int
    rejected: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class PaperRow:
    name: str
    sheets: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class KioskRow:
    kiosk: Kiosk
    responses: int
    held: int


@dataclass(frozen=True)
class Oversight:
    reviewers: tuple[ReviewerRow, ...]
    paper: tuple[PaperRow, ...]
    kiosks: tuple[KioskRow, ...]
    still_held: int

    @property
    def empty(self) -> bool:
        return not (self.reviewers or self.paper or self.kiosks or self.still_held)


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user else "–"


def wave_oversight(wave: SurveyWave) -> Oversight:
    """The decisions on one wave, grouped by person (four queries, whatever the size)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    reviews = list(
        Response.objects.filter(wave=wave, reviewed_by__isnull=False)
        .values("reviewed_by")
        .annotate(
            accepted=Count("id", filter=Q(status=Response.Status.ACCEPTED)),
            rejected=Count("id", filter=Q(status=Response.Status.REJECTED)),
            first=Min("reviewed_at"),
            last=Max("reviewed_at"),
        )
        .order_by("first")
    )
    paper = list(
        Response.objects.filter(wave=wave, channel=Response.Channel.PAPER)
        .values("entered_by")
        .annotate(sheets=Count("id"), first=Min("submitted_at"), last=Max("submitted_at"))
        .order_by("first")
    )
    ids = {row["reviewed_by"] for row in reviews} | {row["entered_by"] for row in paper}
    people = {user.pk: user for user in users.filter(pk__in=[i for i in ids if i])}
    kiosks = (
        Kiosk.objects.filter(wave=wave)
        .select_related("unlocked_by", "locked_by")
        .annotate(
            n=Count("responses"),
            n_held=Count("responses", filter=Q(responses__status=Response.Status.HELD)),
        )
    )
    return Oversight(
        reviewers=tuple(
            ReviewerRow(
                _name(people.get(row["reviewed_by"])),
                row["accepted"],
                row["rejected"],
                row["first"],
                row["last"],
            )
            for row in reviews
        ),
        paper=tuple(
            PaperRow(_name(people.get(row["entered_by"])), row["sheets"], row["first"], row["last"])
            for row in paper
        ),
        kiosks=tuple(KioskRow(k, k.n, k.n_held) for k in kiosks),
        still_held=Response.objects.filter(wave=wave, status=Response.Status.HELD).count(),
    )


def waves_awaiting_decision(user: Any) -> list[SurveyWave]:
    """Open SPAK/SPKP waves with held answers that this user (TPI/administrator outside the
    unit) may decide, each annotated with `held_count` — for the reviewer's home page."""
    from integritas.accounts import access
    from integritas.surveys import permissions, selectors

    if not (access.is_tpi(user) or access.can_administer(user)):
        return []
    waves = selectors.wave_list(units=access.units_for_user(user), status=SurveyWave.Status.OPEN)
    return [
        wave
        for wave in waves.filter(kind__in=permissions.LKE_KINDS)
        if wave.held_count  # type: ignore[attr-defined]
        and permissions.can_decide_responses(user, wave)
    ]

"""Home cards and public transparency rows of the surveys part."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from integritas.accounts import access
from integritas.common.cards import Card, PublicRow, PublicSection
from integritas.common.formatting import angka
from integritas.surveys import selectors
from integritas.surveys.models import SurveyWave


def survey_cards(user) -> list:
    """Unit roles: open waves with progress against the target, and responses awaiting review."""
    units = access.writable_units_for_user(user)
    if access.can_administer(user):
        return []  # the administrator sees the city-wide list under Survei
    # annotated by the selector: accepted_count, held_count, target_total
    waves: list[Any] = list(selectors.wave_list(units=units, status=SurveyWave.Status.OPEN)[:8])
    if not waves:
        return []
    cards = [
        Card(
            title=_("Survei yang sedang dibuka"),
            value=str(len(waves)),
            items=[
                (
                    _("%(title)s · %(unit)s: %(n)d/%(target)d responden")
                    % {
                        "title": w.title,
                        "unit": w.unit.code,
                        "n": w.accepted_count,
                        "target": w.target_total,
                    },
                    w.get_absolute_url(),
                )
                for w in waves
            ],  # fmt: skip
            tone="primary",
        )
    ]
    held = [w for w in waves if w.held_count]
    if held:
        cards.append(
            Card(
                title=_("Jawaban survei menunggu tinjauan"),
                value=str(sum(w.held_count for w in held)),
                text=_("Jawaban yang ditahan belum dihitung sampai diterima atau ditolak."),
                items=[
                    (
                        f"{w.title} · {w.unit.code}: {w.held_count}",
                        reverse("surveys:review_queue", args=[w.pk]),
                    )
                    for w in held
                ],  # fmt: skip
                tone="danger",
            )
        )
    return cards


def published_skm_sections() -> list[PublicSection]:
    """LKE 6.iv.b "hasil SKM dapat diakses secara terbuka": latest closed SKM per unit."""
    rows: list[PublicRow] = []
    seen: set[int] = set()
    for wave in selectors.published_skm_results():
        if wave.unit_id in seen:
            continue
        seen.add(wave.unit_id)
        value = wave.result_display
        rows.append(
            PublicRow(
                label=wave.unit.name,
                url=reverse("survey_public:results", args=[wave.token]),
                detail=_("IKM %(ikm)s · mutu %(mutu)s · %(period)s · %(n)d responden")
                % {
                    "ikm": angka(value, 2),
                    "mutu": wave.result_mutu or "–",
                    "period": wave.period_label,
                    "n": wave.result_respondents,
                },
            )
        )
    return [
        PublicSection(
            title=_("Hasil Survei Kepuasan Masyarakat (SKM)"),
            text=_(
                "Indeks Kepuasan Masyarakat terakhir tiap unit menurut PermenPANRB 14/2017 "
                "(mutu A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; D di bawahnya)."
            ),
            rows=rows,
        )
    ]

"""Reminders the surveys part raises each day (called by `integritas remind`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from integritas.accounts import recipients
from integritas.common.notifications import notify
from integritas.organization.models import Unit
from integritas.surveys import selectors
from integritas.surveys.models import SurveyWave

DAYS_BEFORE_END = 7


def wave_sample_remind(*, today: date) -> int:
    """Pasal 11 ayat 10–14: an open wave ending within a week is still short of its sample.

    The unit's head and Tim Kerja and whoever made the wave are told, once per day.
    """
    waves = selectors.wave_list(units=Unit.objects.all(), status=SurveyWave.Status.OPEN).filter(
        end_date__lte=today + timedelta(days=DAYS_BEFORE_END)
    )
    raised = 0
    for wave in waves:
        accepted, target = wave.accepted_count, wave.target_total  # type: ignore[attr-defined]
        if not target or accepted >= target:
            continue
        raised += notify(
            users=[*recipients.unit_team(wave.unit_id), wave.created_by],
            kind="survei.sampel_kurang",
            obj=wave,
            day=today,
            title=_("Sampel %(wave)s %(unit)s baru %(a)d dari target %(t)d")
            % {"wave": wave.title, "unit": wave.unit.name, "a": accepted, "t": target},
            text=_("Survei berakhir %(d)s.") % {"d": wave.end_date.strftime("%d-%m-%Y")},
            url=wave.get_absolute_url(),
        )
    return raised

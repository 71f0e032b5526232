"""The daily reminders: each app's producer raises what is due, then every user gets one e-mail.

A producer is `f(*, today) -> int` in the owning app (the predicates app adds monitoring due and
recommendations awaiting the Wali Kota; the complaints app adds complaints about to breach).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from integritas.common import notifications
from integritas.surveys import reminders as survey_reminders

PRODUCERS: list[Callable[..., int]] = [
    survey_reminders.wave_sample_remind,
]


@dataclass(frozen=True)
class RemindResult:
    raised: int
    emails: int


def remind(*, today: date, base_url: str = "") -> RemindResult:
    """Raise today's reminders and e-mail what has not been sent: twice a day sends nothing twice."""
    raised = sum(producer(today=today) for producer in PRODUCERS)
    return RemindResult(raised=raised, emails=notifications.send_pending(base_url=base_url))

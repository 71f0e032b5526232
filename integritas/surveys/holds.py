"""Why a public answer is held: the wave's policy (policy.py) applied to one submission.

Each reason keeps the numbers it was measured with, so the reviewer reads "diisi dalam 4 detik;
batas untuk 9 pertanyaan: 7 detik" even after the policy changes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from integritas.surveys.models import Kiosk, Response, SurveyWave
from integritas.surveys.policy import HoldPolicy

KIOSK_WINDOW = timedelta(hours=1)


def hold_reasons(
    wave: SurveyWave,
    *,
    policy: HoldPolicy,
    pattern: str,
    ip_hash: str,
    duration: int | None,
    timing_ok: bool,
    honeypot: bool,
    now: datetime,
    kiosk: Kiosk | None = None,
) -> dict[str, dict[str, Any]]:
    """The reasons to hold this answer (in a fixed order), each with its measured numbers."""
    reasons: dict[str, dict[str, Any]] = {}
    if honeypot:
        reasons[Response.Reason.HONEYPOT] = {}
    if not timing_ok:
        reasons[Response.Reason.TIMING] = {}
    elif duration is not None and duration < policy.min_seconds:
        reasons[Response.Reason.FAST] = {
            "seconds": duration,
            "limit": policy.min_seconds,
            "questions": policy.questions,
        }
    pattern_since = now - timedelta(minutes=policy.pattern_window_minutes)
    same_pattern = Response.objects.filter(
        wave=wave, answer_pattern=pattern, submitted_at__gte=pattern_since
    )
    # A kiosk is one address for many honest people: only the wave-wide pattern rule applies.
    same_address_pattern = (
        same_pattern.filter(ip_hash=ip_hash, kiosk__isnull=True).count() + 1
        if ip_hash and kiosk is None
        else 0
    )
    if same_address_pattern >= policy.pattern_same_address:
        reasons[Response.Reason.PATTERN] = {
            "count": same_address_pattern,
            "limit": policy.pattern_same_address,
            "minutes": policy.pattern_window_minutes,
            "same_address": True,
        }
    else:
        anywhere = same_pattern.count() + 1
        if anywhere >= policy.pattern_any_address:
            reasons[Response.Reason.PATTERN] = {
                "count": anywhere,
                "limit": policy.pattern_any_address,
                "minutes": policy.pattern_window_minutes,
                "same_address": False,
            }
    if kiosk is not None:
        from_kiosk = (
            Response.objects.filter(kiosk=kiosk, submitted_at__gte=now - KIOSK_WINDOW).count() + 1
        )
        if from_kiosk > kiosk.per_hour_limit:
            reasons[Response.Reason.KIOSK] = {"count": from_kiosk, "limit": kiosk.per_hour_limit}
    elif ip_hash:
        since = now - timedelta(minutes=policy.address_window_minutes)
        same_address = (
            Response.objects.filter(
                wave=wave, ip_hash=ip_hash, kiosk__isnull=True, submitted_at__gte=since
            ).count()
            + 1
        )
        if same_address > policy.address_limit:
            reasons[Response.Reason.BURST] = {
                "count": same_address,
                "limit": policy.address_limit,
                "minutes": policy.address_window_minutes,
            }
    return reasons

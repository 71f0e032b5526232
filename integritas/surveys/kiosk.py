"""Counter (kiosk) mode: a tablet unlocked by staff takes one respondent after another.

The tablet keeps a random key in a cookie limited to the wave's public pages; the database keeps
only its keyed hash, so a copied database row cannot unlock another device. Locking is done from
the wave page on any device.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import record
from integritas.surveys import permissions
from integritas.surveys.models import Kiosk, SurveyWave, WaveService
from integritas.surveys.service_base import keyed_hash

if TYPE_CHECKING:
    from integritas.accounts.models import User

KEY_BYTES = 24
DEFAULT_PER_HOUR = 30


def _key_hash(raw: str) -> str:
    return keyed_hash("kiosk", raw)


@transaction.atomic
def kiosk_unlock(
    *,
    wave: SurveyWave,
    label: str,
    per_hour_limit: int = DEFAULT_PER_HOUR,
    service: WaveService | None = None,
    by: User,
) -> tuple[Kiosk, str]:
    """Unlock a counter tablet for an open wave; return the kiosk and the tablet's secret key."""
    wave = SurveyWave.objects.select_for_update().get(pk=wave.pk)
    if not permissions.can_run_kiosk(by, wave):
        raise PermissionDenied(_("Hanya Tim Kerja unit atau administrator yang membuka kios."))
    if not wave.is_open:
        raise ValidationError(_("Kios hanya dapat dibuka selama survei dibuka."))
    label = (label or "").strip()
    if not label:
        raise ValidationError(_("Tuliskan nama kios atau loket, misalnya Loket 1."))
    if service is not None and service.wave_id != wave.pk:
        raise ValidationError(_("Layanan bukan bagian dari gelombang ini."))
    raw = secrets.token_urlsafe(KEY_BYTES)
    kiosk = Kiosk(
        wave=wave,
        label=label,
        service=service,
        key_hash=_key_hash(raw),
        per_hour_limit=per_hour_limit,
        unlocked_at=timezone.now(),
        unlocked_by=by,
    )
    kiosk.full_clean()
    kiosk.save()
    record(actor=by, action="survei.kios_dibuka", obj=kiosk, unit_id=wave.unit_id,
           object_repr=f"{wave.title} · {label}",
           changes={"label": [None, label], "per_hour_limit": [None, per_hour_limit],
                    "service": [None, service.name if service else None]})  # fmt: skip
    return kiosk, raw


@transaction.atomic
def kiosk_lock(*, kiosk: Kiosk, by: User) -> Kiosk:
    """Lock a kiosk: from now on the tablet is an ordinary browser again."""
    kiosk = Kiosk.objects.select_for_update().select_related("wave").get(pk=kiosk.pk)
    if not permissions.can_run_kiosk(by, kiosk.wave):
        raise PermissionDenied(_("Hanya Tim Kerja unit atau administrator yang mengunci kios."))
    if not kiosk.is_unlocked:
        return kiosk
    kiosk.locked_at = timezone.now()
    kiosk.locked_by = by
    kiosk.save(update_fields=["locked_at", "locked_by"])
    record(actor=by, action="survei.kios_dikunci", obj=kiosk, unit_id=kiosk.wave.unit_id,
           object_repr=f"{kiosk.wave.title} · {kiosk.label}",
           changes={"locked_at": [None, kiosk.locked_at]})  # fmt: skip
    return kiosk


def kiosk_for_key(wave: SurveyWave, raw: str) -> Kiosk | None:
    """The unlocked kiosk of this wave that holds this key, or None."""
    if not raw or len(raw) > 100:
        return None
    return Kiosk.objects.filter(wave=wave, key_hash=_key_hash(raw), locked_at__isnull=True).first()

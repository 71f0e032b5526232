"""What every survey write shares: status and decider checks, keyed hashes, code lookup."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.common.formatting import waktu
from integritas.surveys import permissions
from integritas.surveys.models import Response, ResponseCode, SurveyWave

if TYPE_CHECKING:
    from integritas.accounts.models import User


class CodeRefused(Exception):
    """A response code that cannot admit a response; the message says why, in Indonesian."""


class AlreadyResponded(Exception):
    """Open-link wave: this browser already answered (a weak, honest control)."""


@dataclass(frozen=True)
class SubmitOutcome:
    response: Response
    replay: bool


def _require_status(wave: SurveyWave, *statuses: str) -> None:
    if wave.status not in statuses:
        raise ValidationError(
            _("Gelombang berstatus %(status)s; tindakan ini tidak dapat dilakukan.")
            % {"status": wave.get_status_display()}
        )


def _require_decider(wave: SurveyWave, by: User) -> None:
    if not permissions.can_decide_responses(by, wave):
        raise PermissionDenied(
            _(
                "Jawaban yang ditahan dan kuesioner kertas survei ini diputuskan oleh TPI atau "
                "pihak di luar unit, karena hasilnya menjadi nilai LKE unit sendiri."
            )
        )


def keyed_hash(*parts: object) -> str:
    """HMAC-SHA256 with the site secret: no raw address or browser id is ever stored."""
    message = "\x1f".join(str(part) for part in parts).encode()
    key = hashlib.sha256(f"integritas-surveys:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def normalise_code(raw: str) -> str:
    """Upper-case a typed code and drop spaces and dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def code_check(*, wave: SurveyWave, raw_code: str, now: datetime | None = None) -> ResponseCode:
    """Find a code that can still admit a response, or raise CodeRefused with the reason."""
    now = now or timezone.now()
    code = normalise_code(raw_code)
    found = (
        ResponseCode.objects.select_related("service").filter(wave=wave, code=code).first()
        if code
        else None
    )
    if found is None:
        raise CodeRefused(
            _(
                "Kode survei tidak dikenal. Periksa kembali kode pada struk atau karcis antrean Anda."
            )
        )
    if found.used_at is not None:
        raise CodeRefused(
            _("Kode survei ini sudah dipakai. Setiap kode hanya berlaku untuk satu kali pengisian.")
        )
    if found.expires_at <= now:
        raise CodeRefused(
            _("Kode survei ini sudah tidak berlaku (batas %(date)s).")
            % {"date": waktu(found.expires_at)}
        )
    return found

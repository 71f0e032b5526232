"""Signed single-use form keys: a replayed, stale or forged form writes nothing."""

from __future__ import annotations

import secrets
import time

from django.core import signing

SIGNING_SALT = "integritas.complaints.public-form"
FORM_MAX_AGE = 2 * 24 * 3600


def form_key() -> str:
    """A signed, single-use key for one rendered form."""
    return signing.dumps({"k": secrets.token_hex(16), "t": int(time.time())}, salt=SIGNING_SALT)


def read_form_key(raw: str) -> str | None:
    """The key of a genuine, fresh form token, or None."""
    try:
        payload = signing.loads(raw or "", salt=SIGNING_SALT, max_age=FORM_MAX_AGE)
        return str(payload["k"])[:64]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None

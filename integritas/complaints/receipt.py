"""Receipt codes: the complainant's only key to a case (no account, no e-mail needed).

A code is 16 symbols from a 32-symbol alphabet without 0/O/1/I (5 bits each, 80 bits from
`secrets`), shown in four groups of four for reading aloud over the telephone. Only a keyed hash
(HMAC-SHA256) is stored, so a copy of the database does not open any case.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 16
GROUP = 4


def new_code() -> str:
    """A fresh receipt code, grouped for reading: 7KQ2-M9XD-4TPA-W3HC."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalise(typed: str) -> str:
    """Upper-case and drop spaces and dashes (a code read aloud may be typed either way)."""
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())[: LENGTH * 2]


def _key() -> bytes:
    dedicated = getattr(settings, "COMPLAINTS_RECEIPT_KEY", "")
    secret = dedicated or f"integritas-complaints-receipt:{settings.SECRET_KEY}"
    return hashlib.sha256(secret.encode()).digest()


def code_hash(typed: str) -> str:
    """The keyed hash stored for a code (and looked up for a typed one)."""
    return hmac.new(_key(), normalise(typed).encode(), hashlib.sha256).hexdigest()


def matches(typed: str, stored_hash: str) -> bool:
    """Compare in constant time; an empty stored hash never matches."""
    candidate = code_hash(typed)
    reference = stored_hash or ("0" * len(candidate))
    return hmac.compare_digest(candidate, reference) and bool(stored_hash)

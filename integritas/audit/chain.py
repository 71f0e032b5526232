"""The keyed hash of one audit record, by chain version.

Version 1: HMAC-SHA256, keyed with ``AUDIT_KEY`` (which lives in the environment, never in the
database), over the canonical JSON of the record's content, the previous record's hash, the
version and the id of the key. Without the key nobody can rewrite a record and re-chain the
rest. A version, once released, never changes: old records stay verifiable when a new one comes.
"""

import hashlib
import hmac
import json
from typing import Any

GENESIS = "0" * 64
CURRENT_VERSION = 1
KNOWN_VERSIONS = frozenset({1})


def key_id(key: bytes) -> str:
    """A short public name of a key (its HMAC over a fixed label), stored on every record."""
    return hmac.new(key, b"integritas-audit-key-id", hashlib.sha256).hexdigest()[:16]


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def content(entry: Any) -> dict[str, Any]:
    """The hashed content of a record (an AuditRecord, or its historical model in a migration)."""
    return {
        "created_at": entry.created_at.isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "unit_id": entry.unit_id,
        "changes": entry.changes,
    }


def digest(*, version: int, key: bytes, fields: dict[str, Any], prev_hash: str) -> str:
    """The keyed hash of a record of the given chain version."""
    if version != 1:
        raise ValueError(f"unknown audit chain version {version}")
    payload = canonical({**fields, "prev_hash": prev_hash, "v": 1, "key_id": key_id(key)})
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def plain_sha256(fields: dict[str, Any], prev_hash: str) -> str:
    """The unkeyed hash of the first release (kept only to check old rows before re-keying)."""
    return hashlib.sha256(canonical({**fields, "prev_hash": prev_hash})).hexdigest()

"""Append to and verify the keyed hash chain of the audit trail, and anchor its head."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from integritas.audit import chain
from integritas.audit.chain import GENESIS
from integritas.audit.models import AuditHead, AuditRecord

ANCHOR_KIND = "integritas-audit-anchor"


def _current_key() -> bytes:
    return str(settings.AUDIT_KEY).encode("utf-8")


def known_keys() -> dict[str, bytes]:
    """The current key and the previous ones (still needed to verify older chain segments)."""
    keys = [_current_key()] + [
        str(k).encode("utf-8") for k in getattr(settings, "AUDIT_PREVIOUS_KEYS", [])
    ]
    return {chain.key_id(key): key for key in keys}


def _jsonable(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Return {field: [before, after]} for the fields whose value changed."""
    changed = {}
    for key in sorted(set(before) | set(after)):
        old, new = _jsonable(before.get(key)), _jsonable(after.get(key))
        if old != new:
            changed[key] = [old, new]
    return changed


def snapshot(obj: Model, fields: list[str] | None = None) -> dict[str, Any]:
    """Return the concrete field values of a model instance for a before/after diff."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | str | None,
    action: str,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    unit_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append one audit record, chained to the previous one, inside the caller's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    user = actor if isinstance(actor, AbstractBaseUser) and actor.is_authenticated else None
    if user is not None:
        full_name = getattr(user, "get_full_name", lambda: "")()
        label = full_name or user.get_username()
    else:
        label = actor if isinstance(actor, str) and actor else "sistem"
        if isinstance(actor, AnonymousUser):
            label = "publik"
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head, _ = AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
            head = AuditHead.objects.select_for_update().get(pk=1)
        entry = AuditRecord(
            created_at=timezone.now(),
            actor_id=user.pk if user is not None else None,
            actor_label=label[:200],
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr[:300],
            unit_id=unit_id,
            changes=_jsonable(changes or {}),
            prev_hash=head.last_hash,
            version=chain.CURRENT_VERSION,
        )
        key = _current_key()
        entry.key_id = chain.key_id(key)
        entry.hash = chain.digest(
            version=entry.version, key=key, fields=chain.content(entry), prev_hash=entry.prev_hash
        )
        entry.save()
        head.last_hash = entry.hash
        head.count += 1
        head.save(update_fields=["last_hash", "count"])
    return entry


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def _problem(entry: AuditRecord, prev: str, last_id: int, keys: dict[str, bytes]) -> str:
    """Why one record does not belong to the chain, or "" when it does."""
    if entry.prev_hash != prev:
        return (
            f"record #{entry.pk}: prev_hash does not match record #{last_id} "
            "(a record before it was deleted or altered)"
        )
    if entry.version not in chain.KNOWN_VERSIONS:
        return f"record #{entry.pk}: not keyed (chain version {entry.version}); it was forged or altered"
    key = keys.get(entry.key_id)
    if key is None:
        return (
            f"record #{entry.pk}: signed with a key this server does not have "
            "(forged, or AUDIT_KEY was rotated: list the old key in AUDIT_PREVIOUS_KEYS)"
        )
    expected = chain.digest(
        version=entry.version, key=key, fields=chain.content(entry), prev_hash=entry.prev_hash
    )
    if expected != entry.hash:
        return f"record #{entry.pk}: content does not match its keyed hash (altered)"
    return ""


def verify(*, anchor: dict[str, Any] | None = None) -> Verification:
    """Walk the chain from the first record; name the first one altered, inserted or deleted.

    With an ``anchor`` (a head written earlier by :func:`anchor_head`), the chain must also still
    reach it: at least as many records, and the record at the anchor's position carries the
    anchor's keyed hash.
    """
    keys = known_keys()
    prev = GENESIS
    checked = 0
    last_id = 0
    anchored_hash = None
    anchor_count = int(anchor["count"]) if anchor else 0
    for entry in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        problem = _problem(entry, prev, last_id, keys)
        if problem:
            return Verification(False, checked, entry.pk, problem)
        prev = entry.hash
        last_id = entry.pk
        checked += 1
        if checked == anchor_count:
            anchored_hash = entry.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != prev or head.count != checked):
        return Verification(
            False, checked, None,
            f"the chain ends at record #{last_id} but the head expects {head.count} records ending in {head.last_hash[:12]}… (records deleted at the end)",
        )  # fmt: skip
    if anchor is not None:
        when = anchor.get("anchored_at", "?")
        if checked < anchor_count:
            return Verification(
                False, checked, None,
                f"the trail has {checked} records but the anchor of {when} recorded {anchor_count}: records were deleted",
            )  # fmt: skip
        if anchor_count and anchored_hash != anchor["hash"]:
            return Verification(
                False, checked, None,
                f"record number {anchor_count} differs from the anchor of {when}: the chain was rewritten",
            )  # fmt: skip
    return Verification(True, checked)


def anchor_head() -> dict[str, Any]:
    """The current head of the chain (count, time, keyed hash) for the operator to keep elsewhere."""
    last = AuditRecord.objects.order_by("-id").first()
    return {
        "kind": ANCHOR_KIND,
        "count": AuditRecord.objects.count(),
        "last_id": last.pk if last else None,
        "last_record_at": last.created_at.isoformat() if last else None,
        "hash": last.hash if last else GENESIS,
        "key_id": last.key_id if last else chain.key_id(_current_key()),
        "anchored_at": timezone.now().isoformat(timespec="seconds"),
    }


def anchor_problem(data: Any) -> str:
    """Why a parsed anchor file cannot be used, or "" when it can."""
    if not isinstance(data, dict) or data.get("kind") != ANCHOR_KIND:
        return "this is not an Integritas audit anchor (written by `integritas audit anchor`)"
    count, digest = data.get("count"), data.get("hash")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        return "the anchor has no valid record count"
    if not isinstance(digest, str) or len(digest) != 64:
        return "the anchor has no valid hash"
    return ""

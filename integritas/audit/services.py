"""Append to and verify the hash-chained audit trail."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from integritas.audit.models import AuditHead, AuditRecord

GENESIS = "0" * 64


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


def _digest(fields: dict[str, Any], prev_hash: str) -> str:
    payload = json.dumps(
        {**fields, "prev_hash": prev_hash},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _content(record: AuditRecord) -> dict[str, Any]:
    return {
        "created_at": record.created_at.isoformat(timespec="microseconds"),
        "actor_id": record.actor_id,
        "actor_label": record.actor_label,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "object_repr": record.object_repr,
        "unit_id": record.unit_id,
        "changes": record.changes,
    }


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
    actor: Any,
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
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = (
        (user.get_full_name() or user.get_username())
        if user
        else (str(actor) if actor else "sistem")
    )
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head, _ = AuditHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS})
            head = AuditHead.objects.select_for_update().get(pk=1)
        entry = AuditRecord(
            created_at=timezone.now(),
            actor=user,
            actor_label=label[:200],
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr[:300],
            unit_id=unit_id,
            changes=_jsonable(changes or {}),
            prev_hash=head.last_hash,
        )
        entry.hash = _digest(_content(entry), entry.prev_hash)
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


def verify() -> Verification:
    """Walk the chain from the first record; name the first one altered, inserted or deleted."""
    prev = GENESIS
    checked = 0
    last_id = 0
    records = AuditRecord.objects.order_by("id").iterator(chunk_size=2000)
    for entry in records:
        if entry.prev_hash != prev:
            return Verification(
                False, checked, entry.pk,
                f"record #{entry.pk}: prev_hash does not match record #{last_id} (a record before it was deleted or altered)",
            )  # fmt: skip
        expected = _digest(_content(entry), entry.prev_hash)
        if expected != entry.hash:
            return Verification(
                False,
                checked,
                entry.pk,
                f"record #{entry.pk}: content does not match its hash (altered)",
            )
        prev = entry.hash
        last_id = entry.pk
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != prev or head.count != checked):
        return Verification(
            False, checked, None,
            f"the chain ends at record #{last_id} but the head expects {head.count} records ending in {head.last_hash[:12]}… (records deleted at the end)",
        )  # fmt: skip
    return Verification(True, checked)

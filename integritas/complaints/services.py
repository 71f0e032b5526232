"""Writes of the complaint register (Pasal 17 ayat 8): intake, messages, files, settings.

Every write is atomic, validated with full_clean() and audited. Audit records name the case by
its register number only: never the complainant's name, contact or words.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import record
from integritas.commitment.models import DesignatedUnit
from integritas.complaints import files as complaint_files
from integritas.complaints import receipt, timelimits
from integritas.complaints.models import (
    MALADMINISTRATION,
    Attachment,
    Channel,
    Complaint,
    ExtraHoliday,
    Kind,
    Message,
    TimeLimit,
)
from integritas.organization.models import Unit

if TYPE_CHECKING:
    from integritas.accounts.models import User

PUBLIC_ACTOR = "pelapor"


class Replayed(Exception):
    """The same form was sent before; nothing new is written."""


# --- time-limit data ---------------------------------------------------------------------


def current_limits() -> dict[str, int]:
    """The administrator's limits over the defaults (Pemda SOP)."""
    found = dict(TimeLimit.objects.values_list("key", "working_days"))
    return {key: found.get(key, days) for key, days in timelimits.DEFAULT_LIMITS.items()}


def extra_holidays() -> frozenset[date]:
    return frozenset(ExtraHoliday.objects.values_list("day", flat=True))


def _set_dues(complaint: Complaint) -> None:
    due = timelimits.dues(
        received_on=complaint.received_on,
        severity=complaint.severity,
        limits=current_limits(),
        extra_holidays=extra_holidays(),
    )
    complaint.acknowledge_by = due.acknowledge_by
    complaint.resolve_by = due.resolve_by


# --- routing -------------------------------------------------------------------------------


def zone_unit_ids() -> set[int]:
    """Units building a zone (named in a designation decree, Pasal 8)."""
    return set(DesignatedUnit.objects.values_list("unit_id", flat=True))


def default_route(*, unit: Unit, kind: str, whistleblowing: bool) -> str:
    """Pasal 17 ayat 8: maladministration about a zone unit goes to the TPI; others to the unit.

    A whistle-blowing report always goes to the TPI. An unclassified complaint about a zone unit
    goes to the TPI too, which identifies it and may hand it to the unit.
    """
    if whistleblowing:
        return Complaint.Route.TPI
    if unit.pk in zone_unit_ids() and (kind in MALADMINISTRATION or kind == Kind.BELUM):
        return Complaint.Route.TPI
    return Complaint.Route.UNIT


# --- helpers -------------------------------------------------------------------------------


def _key_hash(form_key: str) -> str | None:
    if not form_key:
        return None
    secret = hashlib.sha256(f"integritas-complaints-form:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(secret, form_key.encode(), hashlib.sha256).hexdigest()


def _next_number(year: int) -> str:
    prefix = f"{year}/"
    last = (
        Complaint.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last.split("/")[1]) + 1 if last else 1
    return f"{prefix}{serial:05d}"


def _now() -> datetime:
    return timezone.now()


def _audit(
    complaint: Complaint, action: str, by: User | None, changes: dict[str, Any] | None = None
) -> None:
    record(
        actor=by or PUBLIC_ACTOR,
        action=action,
        obj=complaint,
        object_repr=complaint.number,
        unit_id=complaint.unit_id,
        changes=changes or {},
    )


def _store_files(
    complaint: Complaint, message: Message | None, prepared: list, *, by: User | None, public: bool
) -> list[Attachment]:
    """Write the prepared files; on any failure remove the ones already written."""
    stored: list[Attachment] = []
    try:
        start = complaint.attachments.count()
        for offset, item in enumerate(prepared, start=1):
            attachment = Attachment(
                complaint=complaint,
                message=message,
                content_type=item.content_type,
                size=len(item.data),
                sha256=item.sha256,
                label=f"lampiran-{start + offset}{item.suffix}",
                from_complainant=public,
                uploaded_by=by if getattr(by, "is_authenticated", False) else None,
                created_at=_now(),
            )
            complaint_files.store(attachment, item)
            stored.append(attachment)
            attachment.full_clean()
            attachment.save()
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return stored


def _message(
    complaint: Complaint, direction: str, body: str, *, by: User | None, form_key: str = ""
) -> Message:
    if form_key and Message.objects.filter(form_key_hash=_key_hash(form_key)).exists():
        raise Replayed
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Isi pesan wajib diisi.")})
    message = Message(
        complaint=complaint,
        direction=direction,
        body=body,
        author=by if getattr(by, "is_authenticated", False) else None,
        form_key_hash=_key_hash(form_key),
        created_at=_now(),
    )
    message.full_clean()
    message.save()
    return message


# --- intake --------------------------------------------------------------------------------


def _new_case(
    *, fields: dict[str, Any], with_receipt: bool, by: User | None
) -> tuple[Complaint, str]:
    today = timezone.localdate()
    received_on = fields.pop("received_on", None) or today
    if received_on > today:
        raise ValidationError({"received_on": _("Tanggal diterima tidak boleh di masa depan.")})
    code = receipt.new_code() if with_receipt else ""
    complaint = Complaint(received_on=received_on, **fields)
    complaint.receipt_hash = receipt.code_hash(code) if code else None
    complaint.route = complaint.route or default_route(
        unit=complaint.unit, kind=complaint.kind, whistleblowing=complaint.whistleblowing
    )
    complaint.number = _next_number(received_on.year)
    _set_dues(complaint)
    complaint.full_clean()
    complaint.save()
    return complaint, code


def complaint_submit_public(
    *,
    unit: Unit,
    what: str,
    service: str = "",
    happened_on: date | None = None,
    happened_where: str = "",
    kind: str = Kind.BELUM,
    reporter_name: str = "",
    reporter_contact: str = "",
    identity_shared: bool = False,
    whistleblowing: bool = False,
    uploads: list | None = None,
    form_key: str = "",
) -> tuple[Complaint, str]:
    """File a complaint from the public page; return it and the receipt code (shown once).

    Nothing about the sender's connection is taken: no address, no browser, no file name.
    """
    prepared = complaint_files.check_many(list(uploads or []))
    key_hash = _key_hash(form_key)
    if key_hash and Complaint.objects.filter(form_key_hash=key_hash).exists():
        raise Replayed
    for attempt in range(3):
        try:
            with transaction.atomic():
                complaint, code = _new_case(
                    fields={
                        "channel": Channel.WEB, "unit": unit, "service": service.strip(),
                        "what": (what or "").strip(), "happened_on": happened_on,
                        "happened_where": happened_where.strip(), "kind": kind,
                        "reporter_name": reporter_name.strip(),
                        "reporter_contact": reporter_contact.strip(),
                        "identity_shared": identity_shared
                        and bool(reporter_name or reporter_contact),
                        "whistleblowing": whistleblowing, "form_key_hash": key_hash,
                    },
                    with_receipt=True,
                    by=None,
                )  # fmt: skip
                _store_files(complaint, None, prepared, by=None, public=True)
                _audit(complaint, "complaint.receive", None, {"channel": Channel.WEB})
            break
        except IntegrityError:
            # Two submissions at once: the same form (a replay) or the same register number.
            if key_hash and Complaint.objects.filter(form_key_hash=key_hash).exists():
                raise Replayed from None
            if attempt == 2:
                raise ValidationError(
                    _("Pengaduan belum tersimpan karena sedang ramai; silakan kirim lagi.")
                ) from None
    return complaint, code


def complaint_record(
    *,
    channel: str,
    unit: Unit,
    what: str,
    by: User,
    received_on: date | None = None,
    lapor_tracking: str = "",
    title: str = "",
    service: str = "",
    happened_on: date | None = None,
    happened_where: str = "",
    kind: str = Kind.BELUM,
    reporter_name: str = "",
    reporter_contact: str = "",
    identity_shared: bool = False,
    whistleblowing: bool = False,
    with_receipt: bool = False,
    uploads: list | None = None,
    form_key: str = "",
) -> tuple[Complaint, str]:
    """Enter a complaint that came by letter, e-mail, WhatsApp, telephone, visit, box or LAPOR!."""
    if channel == Channel.WEB:
        raise ValidationError({"channel": _("Kanal formulir daring hanya diisi oleh pelapor.")})
    tracking = (lapor_tracking or "").strip() or None
    if channel == Channel.LAPOR and not tracking:
        raise ValidationError({"lapor_tracking": _("Nomor tracking SP4N-LAPOR! wajib diisi.")})
    if channel != Channel.LAPOR:
        tracking = None
    prepared = complaint_files.check_many(list(uploads or []))
    key_hash = _key_hash(form_key)
    if key_hash and Complaint.objects.filter(form_key_hash=key_hash).exists():
        raise Replayed
    with transaction.atomic():
        complaint, code = _new_case(
            fields={
                "channel": channel, "unit": unit, "lapor_tracking": tracking,
                "title": title.strip(), "service": service.strip(), "what": (what or "").strip(),
                "happened_on": happened_on, "happened_where": happened_where.strip(),
                "kind": kind, "reporter_name": reporter_name.strip(),
                "reporter_contact": reporter_contact.strip(), "identity_shared": identity_shared,
                "whistleblowing": whistleblowing, "recorded_by": by, "received_on": received_on,
                "form_key_hash": key_hash,
            },
            with_receipt=with_receipt and channel != Channel.LAPOR,
            by=by,
        )  # fmt: skip
        _store_files(complaint, None, prepared, by=by, public=False)
        _audit(complaint, "complaint.record", by, {"channel": channel})
    return complaint, code


def complainant_reply(
    *, complaint: Complaint, body: str, uploads: list | None = None, form_key: str = ""
) -> Message:
    """The complainant writes back (with the receipt code) and may add files."""
    prepared = complaint_files.check_many(list(uploads or []))
    key_hash = _key_hash(form_key)
    if key_hash and Message.objects.filter(form_key_hash=key_hash).exists():
        raise Replayed
    try:
        with transaction.atomic():
            message = _message(
                complaint, Message.Direction.FROM_COMPLAINANT, body, by=None, form_key=form_key
            )
            _store_files(complaint, message, prepared, by=None, public=True)
            _audit(complaint, "complaint.complainant_reply", None)
    except IntegrityError:
        raise Replayed from None
    return message


def find_by_receipt(typed: str) -> Complaint | None:
    """The case a typed receipt code opens, or None; the same work is done either way."""
    wanted = receipt.code_hash(typed)
    found = Complaint.objects.filter(receipt_hash=wanted).select_related("unit").first()
    stored = found.receipt_hash if found is not None else ""
    if receipt.matches(typed, stored or ""):
        return found
    return None

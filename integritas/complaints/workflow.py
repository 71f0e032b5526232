"""The handling steps of a case, each dated (Pasal 17 ayat 8).

TPI route: diterima → identifikasi → klarifikasi (to the unit, whose answer is recorded) →
pemantauan penyelesaian → selesai. Unit route: diterima → ditindaklanjuti → selesai.
Leaving "received" is the acknowledgement the first time limit measures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.complaints import access
from integritas.complaints import files as complaint_files
from integritas.complaints.models import Complaint, Kind, Message
from integritas.complaints.services import _audit, _message, _set_dues, _store_files

if TYPE_CHECKING:
    from integritas.accounts.models import User

S = Complaint.Status

NEXT: dict[str, dict[str, str]] = {
    Complaint.Route.TPI: {
        S.RECEIVED: S.IDENTIFICATION,
        S.IDENTIFICATION: S.CLARIFICATION,
        S.CLARIFICATION: S.MONITORING,
        S.MONITORING: S.CLOSED,
    },
    Complaint.Route.UNIT: {S.RECEIVED: S.IN_PROGRESS, S.IN_PROGRESS: S.CLOSED},
}


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise ValidationError(message)


def _require_handler(complaint: Complaint, by: User) -> None:
    if not access.is_handler(by, complaint):
        raise ValidationError(_("Anda tidak menangani pengaduan ini."))


def _move(complaint: Complaint, to: str, by: User, extra: list[str]) -> None:
    before = complaint.status
    _require(
        NEXT[complaint.route].get(before) == to,
        _("Langkah ini tidak dapat dilakukan pada status %(s)s.")
        % {"s": complaint.get_status_display()},
    )
    today = timezone.localdate()
    if complaint.acknowledged_on is None:
        complaint.acknowledged_on = today
        extra.append("acknowledged_on")
    complaint.status = to
    complaint.full_clean()
    complaint.save(update_fields=["status", *extra])
    _audit(complaint, f"complaint.{to}", by, {"status": [before, to]})


def complaint_classify(
    *,
    complaint: Complaint,
    kind: str,
    severity: str,
    route: str,
    whistleblowing: bool,
    by: User,
) -> Complaint:
    """Set the category, the class (which sets the resolution due date) and who handles it."""
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_handler(complaint, by)
        _require(complaint.status != S.CLOSED, _("Pengaduan yang selesai tidak dapat diubah."))
        if whistleblowing:
            route = Complaint.Route.TPI
        if route != complaint.route:
            _require(
                complaint.status == S.RECEIVED,
                _("Penanganan hanya dapat dialihkan sebelum langkah pertama."),
            )
        before = {
            "kind": complaint.kind, "severity": complaint.severity,
            "route": complaint.route, "whistleblowing": complaint.whistleblowing,
        }  # fmt: skip
        complaint.kind, complaint.severity = kind, severity
        complaint.route, complaint.whistleblowing = route, whistleblowing
        _set_dues(complaint)
        complaint.full_clean()
        complaint.save(
            update_fields=[
                "kind", "severity", "route", "whistleblowing", "acknowledge_by", "resolve_by"
            ]
        )  # fmt: skip
        after = {k: getattr(complaint, k) for k in before}
        _audit(
            complaint, "complaint.classify", by,
            {k: [before[k], after[k]] for k in before if before[k] != after[k]},
        )  # fmt: skip
    return complaint


def complaint_identify(*, complaint: Complaint, note: str, by: User) -> Complaint:
    """TPI step 1 (identifikasi): the TPI takes the case and records what it found."""
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_handler(complaint, by)
        _require(complaint.kind != Kind.BELUM, _("Klasifikasikan pengaduan terlebih dahulu."))
        complaint.identified_on = timezone.localdate()
        _move(complaint, S.IDENTIFICATION, by, ["identified_on"])
        _message(complaint, Message.Direction.NOTE, note, by=by)
    return complaint


def complaint_clarification_request(*, complaint: Complaint, body: str, by: User) -> Complaint:
    """TPI step 2 (klarifikasi): ask the unit concerned; the unit then sees the case."""
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_handler(complaint, by)
        complaint.clarification_on = timezone.localdate()
        _move(complaint, S.CLARIFICATION, by, ["clarification_on"])
        _message(complaint, Message.Direction.TO_UNIT, body, by=by)
    return complaint


def complaint_unit_answer(
    *, complaint: Complaint, body: str, by: User, uploads: list | None = None, form_key: str = ""
) -> Message:
    """The unit answers the TPI's clarification request, with its evidence."""
    prepared = complaint_files.check_many(list(uploads or []))
    with transaction.atomic():
        complaint = _locked(complaint)
        _require(access.is_unit_side(by, complaint), _("Hanya unit yang diadukan menjawab."))
        _require(
            complaint.status == S.CLARIFICATION,
            _("Unit hanya menjawab ketika TPI meminta klarifikasi."),
        )
        message = _message(complaint, Message.Direction.FROM_UNIT, body, by=by, form_key=form_key)
        _store_files(complaint, message, prepared, by=by, public=False)
        complaint.unit_answered_on = timezone.localdate()
        complaint.save(update_fields=["unit_answered_on"])
        _audit(complaint, "complaint.unit_answer", by)
    return message


def complaint_monitor(*, complaint: Complaint, note: str, by: User) -> Complaint:
    """TPI step 3 (pemantauan penyelesaian), once the unit has answered."""
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_handler(complaint, by)
        _require(
            complaint.unit_answered_on is not None,
            _("Pemantauan dimulai setelah unit menjawab klarifikasi."),
        )
        complaint.monitoring_on = timezone.localdate()
        _move(complaint, S.MONITORING, by, ["monitoring_on"])
        _message(complaint, Message.Direction.NOTE, note, by=by)
    return complaint


def complaint_accept(*, complaint: Complaint, note: str, by: User) -> Complaint:
    """Unit route: the complaint officer takes the case up (the acknowledgement)."""
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_handler(complaint, by)
        _move(complaint, S.IN_PROGRESS, by, [])
        _message(complaint, Message.Direction.TO_COMPLAINANT, note, by=by)
    return complaint


def complaint_close(
    *, complaint: Complaint, outcome: str, answer: str, by: User, uploads: list | None = None
) -> Complaint:
    """Close the case with its outcome and the answer the complainant reads with the code."""
    prepared = complaint_files.check_many(list(uploads or []))
    _require(
        outcome in {c for c, _label in Complaint.Outcome.choices if c},
        _("Pilih hasil penanganan."),
    )
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_handler(complaint, by)
        message = _message(complaint, Message.Direction.TO_COMPLAINANT, answer, by=by)
        _store_files(complaint, message, prepared, by=by, public=False)
        complaint.closed_on = timezone.localdate()
        complaint.outcome = outcome
        _move(complaint, S.CLOSED, by, ["closed_on", "outcome"])
    return complaint


def complaint_answer(
    *,
    complaint: Complaint,
    body: str,
    by: User,
    internal: bool = False,
    uploads: list | None = None,
    form_key: str = "",
) -> Message:
    """Write to the complainant (or an internal note) at any step."""
    prepared = complaint_files.check_many(list(uploads or []))
    with transaction.atomic():
        complaint = _locked(complaint)
        _require_handler(complaint, by)
        direction = Message.Direction.NOTE if internal else Message.Direction.TO_COMPLAINANT
        message = _message(complaint, direction, body, by=by, form_key=form_key)
        _store_files(complaint, message, prepared, by=by, public=False)
        _audit(complaint, "complaint.note" if internal else "complaint.answer", by)
    return message


def complaint_viewed(*, complaint: Complaint, by: User) -> None:
    """Record that a user read the case's contents (who read what, when)."""
    _audit(complaint, "complaint.view", by)


def attachment_downloaded(*, complaint: Complaint, attachment_label: str, by: User) -> None:
    _audit(complaint, "complaint.download", by, {"file": attachment_label})

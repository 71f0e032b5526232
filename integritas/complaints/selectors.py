"""Read models of the complaint register, each shaped for its viewer.

What a viewer may not see is left out of the read model (not hidden in a template): the public
view of a case carries no internal notes and no exchange with the unit; the unit's view carries
no identity without consent; the figures carry no contents at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from integritas.complaints import timelimits
from integritas.complaints.models import Attachment, Complaint, Kind, Message
from integritas.complaints.services import extra_holidays
from integritas.organization.models import Unit

PUBLIC_DIRECTIONS = (Message.Direction.FROM_COMPLAINANT, Message.Direction.TO_COMPLAINANT)
# Outcomes that take a case out of "harus ditindaklanjuti" (not the unit's to follow up).
NOT_TO_FOLLOW_UP = (Complaint.Outcome.OUT_OF_SCOPE, Complaint.Outcome.DUPLICATE)
RESOLVED = (Complaint.Outcome.RESOLVED, Complaint.Outcome.NOT_GROUNDED)


@dataclass(frozen=True)
class FileView:
    id: int
    label: str
    size: int


@dataclass(frozen=True)
class MessageView:
    direction: str
    direction_label: str
    body: str
    created_at: object
    author: str
    files: tuple[FileView, ...]


@dataclass(frozen=True)
class Step:
    label: str
    on: date | None


@dataclass(frozen=True)
class PublicCase:
    unit_name: str
    service: str
    what: str
    received_on: date
    status_label: str
    closed: bool
    outcome_label: str
    acknowledge_by: date
    resolve_by: date
    steps: tuple[Step, ...]
    messages: tuple[MessageView, ...]
    files: tuple[FileView, ...]  # files sent with the complaint itself


def _files(attachments) -> tuple[FileView, ...]:
    return tuple(FileView(id=a.pk, label=a.label, size=a.size) for a in attachments)


def steps(complaint: Complaint) -> tuple[Step, ...]:
    found = [Step(str(Complaint.Status.RECEIVED.label), complaint.received_on)]
    if complaint.route == Complaint.Route.TPI:
        found += [
            Step(str(Complaint.Status.IDENTIFICATION.label), complaint.identified_on),
            Step(str(Complaint.Status.CLARIFICATION.label), complaint.clarification_on),
            Step(str(Complaint.Status.MONITORING.label), complaint.monitoring_on),
        ]
    else:
        found.append(Step(str(Complaint.Status.IN_PROGRESS.label), complaint.acknowledged_on))
    found.append(Step(str(Complaint.Status.CLOSED.label), complaint.closed_on))
    return tuple(found)


def public_case(complaint: Complaint, *, today: date) -> PublicCase:
    """What the complainant sees with the code: status, steps, answers; no internal exchange."""
    messages = (
        complaint.messages.filter(direction__in=PUBLIC_DIRECTIONS)
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )
    views = tuple(
        MessageView(
            direction=m.direction,
            direction_label=m.get_direction_display(),
            body=m.body,
            created_at=m.created_at,
            author="",  # the complainant never learns which officer wrote
            files=_files(m.attachments.all()),
        )
        for m in messages
    )
    return PublicCase(
        unit_name=complaint.unit.name,
        service=complaint.service,
        what=complaint.what,
        received_on=complaint.received_on,
        status_label=complaint.get_status_display(),
        closed=complaint.status == Complaint.Status.CLOSED,
        outcome_label=complaint.get_outcome_display() if complaint.outcome else "",
        acknowledge_by=complaint.acknowledge_by,
        resolve_by=complaint.resolve_by,
        steps=steps(complaint),
        messages=views,
        files=_files(complaint.attachments.filter(message__isnull=True)),
    )


def public_attachment(complaint: Complaint, raw_id: str) -> Attachment | None:
    """A file of this case the complainant may download: its own, or one sent in an answer."""
    if not raw_id.isdigit():
        return None
    return (
        complaint.attachments.filter(pk=int(raw_id))
        .filter(Q(message__isnull=True) | Q(message__direction__in=PUBLIC_DIRECTIONS))
        .first()
    )


def staff_messages(complaint: Complaint, *, unit_side_only: bool) -> list[Message]:
    """The case's messages for staff; the unit side does not read the TPI's internal notes."""
    messages = complaint.messages.select_related("author").prefetch_related("attachments")
    if unit_side_only:
        messages = messages.exclude(direction=Message.Direction.NOTE)
    return list(messages)


def standing(complaint: Complaint, *, today: date, holidays: frozenset[date] | None = None):
    return timelimits.standing(
        received_on=complaint.received_on,
        due=timelimits.Dues(complaint.acknowledge_by, complaint.resolve_by),
        acknowledged_on=complaint.acknowledged_on,
        closed_on=complaint.closed_on,
        today=today,
        extra_holidays=holidays if holidays is not None else extra_holidays(),
    )


# --- figures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitFigures:
    """Per unit and year: the counts the LKE and the public page use (no contents)."""

    unit_id: int
    unit_name: str
    received: int
    to_follow_up: int
    in_process: int
    resolved: int
    resolved_on_time: int
    breached: int
    average_days: Decimal | None

    @property
    def handled_share(self) -> Decimal:
        return timelimits.handled_share(resolved=self.resolved, to_follow_up=self.to_follow_up)

    @property
    def on_time_share(self) -> Decimal | None:
        if not self.resolved:
            return None
        return Decimal(self.resolved_on_time) / Decimal(self.resolved)

    @property
    def lke_inputs(self) -> dict[str, int]:
        """The "Jumlah" inputs of LKE R5.ii.a, by their codes in the worksheet."""
        return {
            "jml_pengaduan_harus_ditindaklanjuti": self.to_follow_up,
            "jml_pengaduan_diproses": self.in_process,
            "jml_pengaduan_selesai": self.resolved,
        }


def _figures_for(unit: Unit, cases: list[Complaint], today: date, holidays) -> UnitFigures:
    followed = [c for c in cases if c.outcome not in NOT_TO_FOLLOW_UP]
    resolved = [c for c in followed if c.outcome in RESOLVED]
    standings = {c.pk: standing(c, today=today, holidays=holidays) for c in cases}
    on_time = [c for c in resolved if not standings[c.pk].resolve_late]
    days = [standings[c.pk].days_open for c in resolved]
    return UnitFigures(
        unit_id=unit.pk,
        unit_name=unit.name,
        received=len(cases),
        to_follow_up=len(followed),
        in_process=len([c for c in followed if c.status != Complaint.Status.CLOSED]),
        resolved=len(resolved),
        resolved_on_time=len(on_time),
        breached=len([c for c in cases if standings[c.pk].breached]),
        average_days=(Decimal(sum(days)) / Decimal(len(days))) if days else None,
    )


def unit_figures(
    *,
    year: int,
    today: date,
    unit_ids: set[int] | None = None,
    include_whistleblowing: bool = True,
) -> list[UnitFigures]:
    """Figures for every unit with a case received in the year (two queries whatever the size).

    Whistle-blowing reports are left out of what the public and the unit itself see: a count
    there would tell the unit that someone inside reported it.
    """
    cases = Complaint.objects.filter(received_on__year=year).only(
        "id", "unit_id", "status", "outcome", "received_on", "acknowledge_by", "resolve_by",
        "acknowledged_on", "closed_on",
    )  # fmt: skip
    if unit_ids is not None:
        cases = cases.filter(unit_id__in=unit_ids)
    if not include_whistleblowing:
        cases = cases.filter(whistleblowing=False)
    by_unit: dict[int, list[Complaint]] = defaultdict(list)
    for case in cases:
        by_unit[case.unit_id].append(case)
    holidays = extra_holidays()
    units = Unit.objects.filter(pk__in=by_unit).order_by("name")
    return [_figures_for(unit, by_unit[unit.pk], today, holidays) for unit in units]


def lke_suggestion(*, unit: Unit, year: int, today: date) -> UnitFigures:
    """LKE R5.ii.a for a unit's self-assessment: the register's counts as a suggested value.

    Called by the self-assessment page (through the portal, which may read every app): show
    `handled_share` beside R5.ii.a and `lke_inputs` beside its "Jumlah" inputs, with a link to
    the register as evidence for P5.iii and R6.ii.a.
    """
    found = unit_figures(year=year, today=today, unit_ids={unit.pk}, include_whistleblowing=False)
    if found:
        return found[0]
    return UnitFigures(unit.pk, unit.name, 0, 0, 0, 0, 0, 0, None)


def kind_counts(
    *, year: int, unit_ids: set[int] | None = None, include_whistleblowing: bool = True
) -> list[tuple[str, int]]:
    """Cases per category in the year (one query): what pimpinan read instead of contents."""
    cases = Complaint.objects.filter(received_on__year=year)
    if unit_ids is not None:
        cases = cases.filter(unit_id__in=unit_ids)
    if not include_whistleblowing:
        cases = cases.filter(whistleblowing=False)
    counts = dict(cases.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    return [(str(label), counts[value]) for value, label in Kind.choices if counts.get(value)]


def register(queryset: QuerySet[Complaint], *, status: str = "", unit_id: int | None = None):
    if status:
        queryset = queryset.filter(status=status)
    if unit_id:
        queryset = queryset.filter(unit_id=unit_id)
    return queryset.select_related("unit").order_by("-received_on", "-id")

"""The TPI's identify → clarify → monitor → closed steps and the unit route, on a fixed clock."""

import pytest
import time_machine
from django.core.exceptions import ValidationError

from integritas.complaints import workflow
from integritas.complaints.models import Complaint, ComplaintOfficer, Kind, Message, Severity
from integritas.complaints.tests.factories import designate, file_public, pdf

pytestmark = pytest.mark.django_db
S = Complaint.Status


@pytest.fixture
def tpi_case(world):
    designate(world.unit_a)
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        complaint, code = file_public(world.unit_a)
    assert complaint.route == Complaint.Route.TPI
    return complaint


def _classify(complaint, by, **kw):
    fields = {"kind": Kind.IMBALAN, "severity": Severity.NORMATIF, "route": complaint.route,
              "whistleblowing": False}  # fmt: skip
    fields.update(kw)
    return workflow.complaint_classify(complaint=complaint, by=by, **fields)


def test_the_tpi_walks_a_case_through_every_dated_step(world, tpi_case):
    tpi = world.tpi
    with time_machine.travel("2026-03-03 10:00 +08:00", tick=False):
        _classify(tpi_case, tpi, severity=Severity.RINGAN)
        case = workflow.complaint_identify(complaint=tpi_case, note="Dugaan pungli loket 2", by=tpi)
    assert case.status == S.IDENTIFICATION
    assert case.acknowledged_on.isoformat() == "2026-03-03"
    assert case.resolve_by.isoformat() == "2026-03-04"
    with time_machine.travel("2026-03-04 10:00 +08:00", tick=False):
        case = workflow.complaint_clarification_request(
            complaint=case, body="Mohon penjelasan", by=tpi
        )
        workflow.complaint_unit_answer(
            complaint=case, body="Petugas ditegur", by=world.head_a, uploads=[pdf()]
        )
        case = workflow.complaint_monitor(complaint=case, note="Pantau dua minggu", by=tpi)
    with time_machine.travel("2026-03-05 10:00 +08:00", tick=False):
        case = workflow.complaint_close(
            complaint=case,
            outcome=Complaint.Outcome.RESOLVED,
            answer="Petugas telah ditegur.",
            by=tpi,
        )
    case.refresh_from_db()
    assert case.status == S.CLOSED and case.closed_on.isoformat() == "2026-03-05"
    assert case.identified_on.isoformat() == "2026-03-03"
    assert case.clarification_on.isoformat() == "2026-03-04"
    assert case.unit_answered_on.isoformat() == "2026-03-04"
    assert case.monitoring_on.isoformat() == "2026-03-04"
    directions = list(case.messages.values_list("direction", flat=True))
    assert directions == [
        Message.Direction.NOTE, Message.Direction.TO_UNIT, Message.Direction.FROM_UNIT,
        Message.Direction.NOTE, Message.Direction.TO_COMPLAINANT,
    ]  # fmt: skip
    assert case.attachments.filter(message__direction=Message.Direction.FROM_UNIT).count() == 1


def test_a_step_out_of_order_is_refused_with_a_message(world, tpi_case):
    _classify(tpi_case, world.tpi)
    with pytest.raises(ValidationError) as caught:
        workflow.complaint_monitor(complaint=tpi_case, note="x", by=world.tpi)
    assert "setelah unit menjawab" in " ".join(caught.value.messages)
    tpi_case.refresh_from_db()
    assert tpi_case.status == S.RECEIVED


def test_identification_needs_a_classification(world, tpi_case):
    with pytest.raises(ValidationError):
        workflow.complaint_identify(complaint=tpi_case, note="x", by=world.tpi)


def test_a_tpi_member_of_the_unit_concerned_cannot_handle_it(world, tpi_case):
    with pytest.raises(ValidationError):
        _classify(tpi_case, world.tpi_in_a)
    tpi_case.refresh_from_db()
    assert tpi_case.kind == Kind.BELUM


def test_the_unit_cannot_answer_before_it_is_asked(world, tpi_case):
    with pytest.raises(ValidationError):
        workflow.complaint_unit_answer(complaint=tpi_case, body="x", by=world.head_a)
    assert not tpi_case.messages.exists()


def test_the_unit_route_is_handled_by_the_complaint_officer(world):
    ComplaintOfficer.objects.create(unit=world.unit_b, user=world.staff_b)
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        complaint, _code = file_public(world.unit_b)
    with time_machine.travel("2026-03-09 09:00 +08:00", tick=False):
        case = workflow.complaint_accept(
            complaint=complaint, note="Sedang kami periksa", by=world.staff_b
        )
        case = workflow.complaint_close(
            complaint=case,
            outcome=Complaint.Outcome.RESOLVED,
            answer="Sudah diperbaiki",
            by=world.staff_b,
        )
    assert case.status == S.CLOSED
    assert case.acknowledged_on.isoformat() == "2026-03-09"  # later than 5 March: a breach


def test_a_route_change_after_the_first_step_is_refused(world, tpi_case):
    _classify(tpi_case, world.tpi)
    workflow.complaint_identify(complaint=tpi_case, note="x", by=world.tpi)
    with pytest.raises(ValidationError):
        _classify(tpi_case, world.tpi, route=Complaint.Route.UNIT)


def test_whistleblowing_forces_the_tpi_route(world):
    complaint, _code = file_public(world.unit_b)
    case = _classify(complaint, world.admin, route=Complaint.Route.UNIT, whistleblowing=True)
    assert case.route == Complaint.Route.TPI

"""Figures per unit and year from the register, and the LKE R5.ii.a suggestion."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from integritas.complaints import selectors, workflow
from integritas.complaints.models import Complaint, Kind, Severity
from integritas.complaints.tests.factories import file_public

pytestmark = pytest.mark.django_db


def _close(complaint, by, outcome=Complaint.Outcome.RESOLVED):
    workflow.complaint_classify(
        complaint=complaint, kind=Kind.KUALITAS, severity=Severity.RINGAN, route=complaint.route,
        whistleblowing=False, by=by,
    )  # fmt: skip
    workflow.complaint_accept(complaint=complaint, note="Diterima", by=by)
    return workflow.complaint_close(complaint=complaint, outcome=outcome, answer="Selesai", by=by)


def test_the_register_gives_the_lke_inputs_and_shares(world):
    admin = world.admin
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        on_time, _c = file_public(world.unit_b)
        late, _c = file_public(world.unit_b)
        open_case, _c = file_public(world.unit_b)
        duplicate, _c = file_public(world.unit_b)
        _close(on_time, admin)  # ringan: due 4 March, closed 2 March
        _close(duplicate, admin, Complaint.Outcome.DUPLICATE)
    with time_machine.travel("2026-03-10 09:00 +08:00", tick=False):
        _close(late, admin)
        figures = selectors.lke_suggestion(unit=world.unit_b, year=2026, today=date(2026, 3, 10))
    assert (figures.received, figures.to_follow_up, figures.in_process, figures.resolved) == (
        4,
        3,
        1,
        2,
    )
    assert figures.resolved_on_time == 1
    assert figures.lke_inputs == {
        "jml_pengaduan_harus_ditindaklanjuti": 3, "jml_pengaduan_diproses": 1,
        "jml_pengaduan_selesai": 2,
    }  # fmt: skip
    assert figures.handled_share == Decimal(2) / Decimal(3)
    assert figures.on_time_share == Decimal("0.5")
    assert figures.breached >= 2  # the late one and the open one past its date


def test_a_unit_with_no_complaints_suggests_100_percent(world):
    figures = selectors.lke_suggestion(unit=world.unit_a, year=2026, today=date(2026, 3, 10))
    assert figures.received == 0 and figures.handled_share == Decimal(1)


@time_machine.travel("2026-03-02 09:00 +08:00", tick=False)
def test_figures_take_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(5):
        file_public(world.unit_a)
        file_public(world.unit_b)
    with django_assert_max_num_queries(4):
        rows = selectors.unit_figures(year=2026, today=date(2026, 3, 2))
    assert sum(r.received for r in rows) == 10


def test_a_unit_writer_adopts_the_register_figures_into_r5_ii_a(world, client_for):
    from django.urls import reverse

    from integritas.evaluation import services as evaluation_services
    from integritas.evaluation.models import Answer

    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False):
        done, _c = file_public(world.unit_a)
        file_public(world.unit_a)
        _close(done, world.admin)
        assessment = evaluation_services.assessment_create(
            unit=world.unit_a, year=2026, by=world.kerja_a
        )
        url = reverse("complaints:lke_adopt", args=[world.unit_a.pk, 2026])
        assert client_for(world.staff_b).post(url).status_code == 404
        assert not Answer.objects.filter(assessment=assessment).exists()
        response = client_for(world.kerja_a).post(url)
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, question_code="R5.ii.a")
    assert answer.inputs == {
        "jml_pengaduan_harus_ditindaklanjuti": 2, "jml_pengaduan_diproses": 1,
        "jml_pengaduan_selesai": 1,
    }  # fmt: skip
    assert "register pengaduan" in answer.note


def test_adopting_without_a_self_assessment_says_so(world, client_for):
    from django.urls import reverse

    response = client_for(world.kerja_a).post(
        reverse("complaints:lke_adopt", args=[world.unit_a.pk, 2026]), follow=True
    )
    assert "belum memiliki penilaian LKE tahun 2026" in response.content.decode()

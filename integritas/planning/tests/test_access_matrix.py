"""Who may open and change the planning pages: the access matrix over the named world."""

from datetime import date

import pytest
from django.urls import reverse

from integritas.planning import services
from integritas.planning.models import Innovation, MentoringEntry, WorkPlan

pytestmark = pytest.mark.django_db

USERS = ["admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a", "staff_b"]  # fmt: skip
READ_A = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a"}
WRITE_A = {"admin", "head_a", "kerja_a"}
MENTOR = {"admin", "pendamping"}
CITY = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping"}


def _code(allowed):
    return 200 if allowed else 404


@pytest.fixture
def records(world, plan):
    report = services.monthly_report_start(
        plan=plan, month=1, by=world.kerja_a, today=date(2025, 2, 1)
    )
    WorkPlan.objects.create(unit=world.unit_a, year=2025, decree_number="800/1", decree_date=date(2025, 1, 20),
                            socialisation="Laman dan apel pagi")  # fmt: skip
    innovation = Innovation.objects.create(unit=world.unit_a, name="Dukcapil Jemput Bola", problem="Antre",
                                           change="Layanan keliling", started_on=date(2025, 2, 1))  # fmt: skip
    mentoring = MentoringEntry.objects.create(unit=world.unit_a, held_on=date(2025, 2, 2), kind="assistance",
                                              topic="Rencana aksi", advice="Perjelas indikator")  # fmt: skip
    return {"plan": plan, "report": report, "innovation": innovation, "mentoring": mentoring}


@pytest.mark.parametrize("username", USERS)
def test_unit_a_pages_follow_the_matrix(world, client_for, records, username):
    client = client_for(world.users[username])
    a, plan, report = world.unit_a.pk, records["plan"], records["report"]
    reads = [
        reverse("planning:unit_detail", args=[a]),
        reverse("planning:work_plan", args=[a, 2025]),
        reverse("planning:action_plan", args=[a, 2025]),
        reverse("planning:action_plan_xlsx", args=[plan.pk]),
        report.get_absolute_url(),
        reverse("planning:log_list", args=[a, "inovasi"]),
        reverse("planning:log_list", args=[a, "media"]),
        reverse("planning:log_list", args=[a, "pendampingan"]),
        reverse("portal:unit_progress", args=[a]),
        reverse("documents:actionplan_pdf", args=[plan.pk]),
        reverse("documents:workplan_decree", args=[WorkPlan.objects.get().pk, "docx"]),
    ]
    for url in reads:
        assert client.get(url).status_code == _code(username in READ_A), url
    writes = [
        reverse("planning:work_plan_edit", args=[a, 2025]),
        reverse("planning:action_row_new", args=[plan.pk]),
        reverse("planning:action_plan_import", args=[plan.pk]),
        reverse("planning:log_create", args=[a, "inovasi"]),
        reverse("planning:log_create", args=[a, "media"]),
    ]
    for url in writes:
        assert client.get(url).status_code == _code(username in WRITE_A), url
    assert client.get(
        reverse("planning:log_create", args=[a, "pendampingan"])
    ).status_code == _code(username in MENTOR)
    assert client.get(reverse("planning:review_queue")).status_code == _code(username in CITY)
    assert client.get(reverse("planning:overdue_list")).status_code == _code(username in CITY)
    assert client.get(reverse("planning:overview")).status_code == 200


def test_staff_of_unit_b_sees_only_unit_b_in_the_overview(world, client_for):
    page = client_for(world.staff_b).get(reverse("planning:overview")).content.decode()
    assert world.unit_b.name in page and world.unit_a.name not in page


def test_the_unit_cannot_write_the_mentoring_log_but_the_pendamping_can(world, client_for):
    url = reverse("planning:log_create", args=[world.unit_a.pk, "pendampingan"])
    data = {"held_on": "2025-03-03", "kind": "consultation", "topic": "Survei SPAK",
            "advice": "Gunakan kode sekali pakai", "follow_up": "Susun jadwal", "follow_up_status": "open"}  # fmt: skip
    assert client_for(world.head_a).post(url, data).status_code == 404
    assert client_for(world.pendamping).post(url, data).status_code == 302
    entry = MentoringEntry.objects.get()
    assert entry.recorded_by == world.pendamping and entry.unit == world.unit_a
    page = client_for(world.staff_a).get(
        reverse("planning:log_list", args=[world.unit_a.pk, "pendampingan"])
    )
    assert "Gunakan kode sekali pakai" in page.content.decode()


def test_an_innovation_with_evidence_is_recorded_by_the_tim_kerja(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(world.kerja_a).post(
        reverse("planning:log_create", args=[world.unit_a.pk, "inovasi"]),
        {"name": "Antrean daring", "problem": "Antrean panjang", "change": "Nomor antrean lewat WA",
         "started_on": "2025-04-01", "evidence_url": "",
         "evidence_upload": SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n%%EOF\n")},
    )  # fmt: skip
    assert response.status_code == 302
    innovation = Innovation.objects.get()
    assert innovation.has_evidence and innovation.evidence_content_type == "application/pdf"
    file = client_for(world.staff_a).get(
        reverse("planning:innovation_evidence", args=[innovation.pk])
    )
    assert file.status_code == 200
    assert (
        client_for(world.staff_b)
        .get(reverse("planning:innovation_evidence", args=[innovation.pk]))
        .status_code
        == 404
    )

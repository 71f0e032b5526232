"""Who may open and change the planning pages: the access matrix over the named world."""

from datetime import date

import pytest
from django.urls import reverse

from integritas.common import files
from integritas.planning import services
from integritas.planning.models import Innovation, MentoringEntry, WorkPlan
from tests.access import Row, check, covered, ids

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


def _pdf(name="bukti.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


@pytest.fixture
def objects(world, records):
    """Unit A's plan, a draft and a submitted report, an evidence file, a work plan decree."""
    plan, report = records["plan"], records["report"]
    work_plan = WorkPlan.objects.get(unit=world.unit_a, year=2025)
    files.store(work_plan.decree_file, _pdf("sk.pdf"))
    work_plan.save()
    evidence = services.monthly_report_evidence_add(report=report, file=_pdf(), by=world.kerja_a)
    submitted = services.monthly_report_start(
        plan=plan, month=2, by=world.kerja_a, today=date(2025, 3, 1)
    )
    services.monthly_report_save(
        report=submitted, entries={r.pk: services.Realisation(percent=50) for r in plan.rows.all()},
        by=world.kerja_a,
    )  # fmt: skip
    services.monthly_report_submit(report=submitted, by=world.kerja_a)
    return {**records, "a": world.unit_a.pk, "row": plan.rows.first(), "evidence": evidence,
            "submitted": submitted}  # fmt: skip


# One row per URL: unit A's object, the role that may use it, a user it must refuse.
ROWS = [
    Row("planning:action_plan_create", lambda o: [o["a"], 2026], "kerja_a", method="post"),
    Row("planning:action_plan_import_commit", lambda o: [o["plan"].pk], "kerja_a", method="post"),
    Row("planning:action_plan_set", lambda o: [o["plan"].pk], "head_a", method="post"),
    Row("planning:action_plan_set", lambda o: [o["plan"].pk], "head_a", "kerja_a", method="post",
        label="only-the-head"),
    Row("planning:action_row", lambda o: [o["row"].pk], "staff_a"),
    Row("planning:action_row_edit", lambda o: [o["row"].pk], "kerja_a"),
    Row("planning:action_row_edit", lambda o: [o["row"].pk], "kerja_a", "staff_a", method="post",
        data=lambda o: {"action": "Diubah"}, label="readers-do-not-write"),
    Row("planning:action_row_delete", lambda o: [o["row"].pk], "kerja_a", method="post"),
    Row("planning:heat_map", allowed="pendamping"),
    Row("planning:log_edit", lambda o: [o["a"], "inovasi", o["innovation"].pk], "kerja_a"),
    Row("planning:log_edit", lambda o: [o["a"], "pendampingan", o["mentoring"].pk], "pendamping",
        "head_a", method="post", data=lambda o: {"topic": "Diubah"}, label="mentoring-by-pendamping"),
    Row("planning:log_delete", lambda o: [o["a"], "inovasi", o["innovation"].pk], "kerja_a",
        method="post"),
    Row("planning:report_detail", lambda o: [o["report"].pk], "staff_a"),
    Row("planning:report_detail", lambda o: [o["report"].pk], "kerja_a", "staff_a", method="post",
        label="readers-do-not-save"),
    Row("planning:report_evidence_add", lambda o: [o["report"].pk], "kerja_a", method="post",
        data=lambda o: {"file": _pdf()}),
    Row("planning:report_evidence_file", lambda o: [o["evidence"].pk], "staff_a"),
    Row("planning:report_start", lambda o: [o["plan"].pk, 3], "kerja_a", method="post"),
    Row("planning:report_submit", lambda o: [o["report"].pk], "kerja_a", method="post"),
    Row("planning:report_accept", lambda o: [o["submitted"].pk], "pendamping", method="post"),
    Row("planning:report_accept", lambda o: [o["submitted"].pk], "pendamping", "head_a",
        method="post", label="not-the-unit-itself"),
    Row("planning:report_return", lambda o: [o["submitted"].pk], "pendamping", method="post",
        data=lambda o: {"note": "Lengkapi bukti"}),
    Row("planning:work_plan_decree_file", lambda o: [o["a"], 2025], "staff_a"),
]  # fmt: skip
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", ROWS, ids=ids(ROWS))
def test_each_view_admits_its_role_and_refuses_others_leaving_the_database_as_it_was(
    world, client_for, objects, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=objects, unchanged=unchanged)

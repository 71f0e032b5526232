"""The access matrix of the LKE pages over the named world: allowed, 404, read-only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.evaluation import services
from integritas.evaluation.models import (
    Answer,
    Assessment,
    EvidenceLink,
    EvidenceRevision,
    ReviewerAssignment,
)
from tests.access import Row, check, covered, ids

from .conftest import YEAR

pytestmark = pytest.mark.django_db

USERS = ["admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a", "staff_b"]  # fmt: skip
READ_A = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping", "head_a", "kerja_a", "staff_a"}
WRITE_A = {"admin", "head_a", "kerja_a"}
HEAD_A = {"admin", "head_a"}
CITY = {"admin", "pimpinan", "tpi", "tpi_in_a", "pendamping"}


@pytest.mark.parametrize("username", USERS)
def test_assessment_pages_follow_the_matrix(world, client_for, assessment, username):
    client = client_for(world.users[username])
    read = 200 if username in READ_A else 404
    for name, args in [
        ("evaluation:assessment_detail", [assessment.pk]),
        ("evaluation:assessment_fill", [assessment.pk, "MP"]),
        ("evaluation:score", [assessment.pk]),
        ("evaluation:export_excel", [assessment.pk]),
        ("evaluation:evidence_panel", [assessment.pk, "P1.i.a"]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == read, name
    write = 200 if username in WRITE_A else 404
    assert client.get(reverse("evaluation:hasil_edit", args=[assessment.pk])).status_code == write
    assert client.get(reverse("evaluation:import", args=[assessment.pk])).status_code == write
    head = 200 if username in HEAD_A else 404
    submit = client.get(reverse("evaluation:assessment_submit", args=[assessment.pk]))
    assert submit.status_code == head
    city = 200 if username in CITY else 404
    assert client.get(reverse("evaluation:city_comparison")).status_code == city
    admin = 200 if username == "admin" else 404
    assert client.get(reverse("evaluation:assignments")).status_code == admin


@pytest.mark.parametrize("username", USERS)
def test_only_writers_of_unit_a_save_answers(world, client_for, assessment, username):
    response = client_for(world.users[username]).post(
        reverse("evaluation:answer_save", args=[assessment.pk, "P1.i.a"]),
        {"option": "Ya"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == (200 if username in WRITE_A else 404)
    assert Answer.objects.filter(option_label="Ya").exists() is (username in WRITE_A)


def test_an_answer_saved_through_htmx_reports_progress(world, client_for, assessment):
    response = client_for(world.kerja_a).post(
        reverse("evaluation:answer_save", args=[assessment.pk, "P1.i.b"]),
        {"option": "B", "note": "sebagian"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "tersimpan" in body and "nilai 0,50" in body
    assert 'id="progress-MP" hx-swap-oob="true"' in body
    assert "1 dari 16 pertanyaan terjawab" in body


def test_an_invalid_answer_is_reported_inline_and_not_saved(world, client_for, assessment):
    response = client_for(world.kerja_a).post(
        reverse("evaluation:answer_save", args=[assessment.pk, "R1.i.a"]),
        {"percent": "150"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "antara 0 dan 100" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_final_assessment_refuses_answer_changes_posted_by_the_unit(world, client_for, final):
    response = client_for(world.kerja_a).post(
        reverse("evaluation:answer_save", args=[final.pk, "P1.i.a"]),
        {"option": "Tidak"},
        HTTP_HX_REQUEST="true",
    )
    assert "final" in response.content.decode()
    assert Answer.objects.get(assessment=final, question_code="P1.i.a").option_label == "Ya"
    final.refresh_from_db()
    assert final.status == Assessment.Status.FINAL


def test_a_final_assessment_refuses_tpi_score_changes(world, client_for, final):
    client_for(world.tpi).post(
        reverse("evaluation:review_save", args=[final.pk, "P1.i.a"]),
        {"option": "Tidak"},
        HTTP_HX_REQUEST="true",
    )
    assert Answer.objects.get(assessment=final, question_code="P1.i.a").tpi_option_label == "Ya"


def test_a_tpi_member_cannot_review_his_own_unit(world, client_for, submitted):
    ReviewerAssignment.objects.create(unit=world.unit_a, year=YEAR, user=world.tpi_in_a)
    client = client_for(world.tpi_in_a)
    response = client.post(
        reverse("evaluation:review_save", args=[submitted.pk, "P1.i.a"]),
        {"option": "Tidak"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 404
    assert (
        client.post(reverse("evaluation:assessment_finalise", args=[submitted.pk])).status_code
        == 404
    )
    assert not Answer.objects.filter(reviewed_by__isnull=False).exists()


@pytest.mark.parametrize("username", USERS)
def test_only_the_assigned_tpi_scores(world, client_for, submitted, ketua, username):
    response = client_for(world.users[username]).post(
        reverse("evaluation:review_save", args=[submitted.pk, "P1.i.a"]),
        {"option": "Tidak", "note": "tidak ada SK"},
        HTTP_HX_REQUEST="true",
    )
    allowed = username == "tpi"
    assert response.status_code == (200 if allowed else 404)
    answer = Answer.objects.get(assessment=submitted, question_code="P1.i.a")
    assert (answer.tpi_option_label == "Tidak") is allowed


@pytest.mark.parametrize("username", USERS)
def test_the_unit_sees_tpi_scores_only_once_returned_or_final(
    world, client_for, submitted, ketua, username
):
    response = client_for(world.users[username]).get(
        reverse("evaluation:review_area", args=[submitted.pk, "MP"])
    )
    assert response.status_code == (200 if username in CITY else 404)


def test_the_export_never_loads_the_tpi_side_for_a_unit_that_may_not_see_it(
    world, client_for, submitted, ketua, lke
):
    """Pasal 19: during review the unit's .xlsx holds no TPI score or note (decided once)."""
    import io

    from openpyxl import load_workbook

    from integritas.evaluation import selectors, services

    question = lke.questions[0]
    option = question.options[-1].label if question.options else None
    services.review_save(
        assessment=submitted, question_code=question.code, by=world.tpi,
        **({"option_label": option} if option else {"percent": "10"}), note="CATATAN-RAHASIA-TPI",
    )  # fmt: skip
    body = client_for(world.head_a).get(reverse("evaluation:export_excel", args=[submitted.pk]))
    cells = [
        str(c.value) for ws in load_workbook(io.BytesIO(body.content)) for r in ws.iter_rows()
        for c in r if c.value is not None
    ]  # fmt: skip
    assert not any("CATATAN-RAHASIA-TPI" in c for c in cells)
    data = selectors.assessment_data(submitted, with_review=False)
    assert data.tpi_score is None and data.reviewed_count == 0
    assert all(a.tpi_note == "" for a in data.answers.values())
    tpi = client_for(world.tpi).get(reverse("evaluation:export_excel", args=[submitted.pk]))
    tpi_cells = [
        str(c.value) for ws in load_workbook(io.BytesIO(tpi.content)) for r in ws.iter_rows()
        for c in r if c.value is not None
    ]  # fmt: skip
    assert any("CATATAN-RAHASIA-TPI" in c for c in tpi_cells)


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def draft(world, assessment):
    """Unit A's open self-assessment with one evidence document linked to P1.i.a."""
    services.evidence_upload(
        assessment=assessment, item_code="P1.i.a", by=world.kerja_a, title="SK Tim",
        files=[SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf")],
    )  # fmt: skip
    revision = EvidenceRevision.objects.get()
    return {"a": world.unit_a.pk, "assessment": assessment.pk, "revision": revision.pk,
            "document": revision.document_id, "link": EvidenceLink.objects.get().pk,
            "unit_name": world.unit_a.name}  # fmt: skip


@pytest.fixture
def in_review(world, submitted, ketua):
    return {"assessment": submitted.pk, "ketua": ketua.pk}


@pytest.fixture
def finalised(world, final):
    return {"assessment": final.pk}


# One row per URL, by the state the assessment must be in: unit A's object, the role that may
# use it, a user it must refuse.
DRAFT_ROWS = [
    Row("evaluation:assessment_list", allowed="staff_a", absent=lambda o: o["unit_name"]),
    # another unit is not among the form's choices: refused as an invalid form, nothing made
    Row("evaluation:assessment_create", allowed="kerja_a", method="post", denied_status=302,
        data=lambda o: {"unit": o["a"], "year": YEAR + 1}),
    Row("evaluation:evidence_download", lambda o: [o["revision"]], "staff_a"),
    Row("evaluation:document_detail", lambda o: [o["document"]], "staff_a"),
    Row("evaluation:unit_documents", lambda o: [o["a"]], "staff_a"),
    Row("evaluation:evidence_link", lambda o: [o["assessment"], "P1.i.b"], "kerja_a",
        method="post", data=lambda o: {"document": o["document"]}),
    Row("evaluation:evidence_link", lambda o: [o["assessment"], "P1.i.b"], "kerja_a", "staff_a",
        method="post", data=lambda o: {"document": o["document"]}, label="readers-do-not-link"),
    Row("evaluation:evidence_unlink", lambda o: [o["assessment"], o["link"]], "kerja_a",
        method="post"),
    Row("evaluation:import_commit", lambda o: [o["assessment"]], "kerja_a", method="post"),
]  # fmt: skip
REVIEW_ROWS = [
    Row("evaluation:review_zero", lambda o: [o["assessment"]], "tpi", method="post"),
    Row("evaluation:review_zero", lambda o: [o["assessment"]], "tpi", "tpi_in_a", method="post",
        label="never-ones-own-unit"),
    Row("evaluation:assessment_return", lambda o: [o["assessment"]], "tpi", method="post",
        data=lambda o: {"note": "Lengkapi bukti"}),
    Row("evaluation:assessment_return", lambda o: [o["assessment"]], "tpi", "head_a",
        method="post", data=lambda o: {"note": "x"}, label="not-the-unit"),
    Row("evaluation:assignment_remove", lambda o: [o["ketua"]], "admin", "head_a", method="post"),
]  # fmt: skip
FINAL_ROWS = [
    Row("evaluation:snapshot_json", lambda o: [o["assessment"]], "staff_a"),
    Row("evaluation:assessment_supersede", lambda o: [o["assessment"]], "admin", "head_a",
        method="post"),
]  # fmt: skip
ROWS = DRAFT_ROWS + REVIEW_ROWS + FINAL_ROWS
COVERED = covered(ROWS, __file__)


@pytest.mark.parametrize("row", DRAFT_ROWS, ids=ids(DRAFT_ROWS))
def test_each_view_of_an_open_assessment_admits_its_role_and_refuses_others(
    world, client_for, draft, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=draft, unchanged=unchanged)


@pytest.mark.parametrize("row", REVIEW_ROWS, ids=ids(REVIEW_ROWS))
def test_each_view_of_an_assessment_in_review_admits_its_role_and_refuses_others(
    world, client_for, in_review, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=in_review, unchanged=unchanged)


@pytest.mark.parametrize("row", FINAL_ROWS, ids=ids(FINAL_ROWS))
def test_each_view_of_a_final_assessment_admits_its_role_and_refuses_others(
    world, client_for, finalised, unchanged, row
):
    check(row, world=world, client_for=client_for, objects=finalised, unchanged=unchanged)

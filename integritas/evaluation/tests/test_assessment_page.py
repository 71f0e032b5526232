"""The assessment page's read model: the TPI side is left out once, for page, score and export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from integritas.evaluation import pages, services

from .conftest import answer_all

pytestmark = pytest.mark.django_db

SECRET = "CATATAN-RAHASIA-TPI"
TPI_FIELDS = ("tpi_option_label", "tpi_percent", "tpi_note", "reviewed_by_id")


@pytest.fixture
def in_review(world, submitted, ketua, lke):
    """Unit A's submitted assessment with one question scored by the TPI, lower, with a note."""
    question = next(
        q
        for sub in lke.area("MP").sub_indicators
        for q in sub.questions
        if not q.is_percent and len(q.options) > 1
    )
    worst = min(question.options, key=lambda o: o.value)
    services.review_save(
        assessment=submitted, question_code=question.code, by=world.tpi,
        option_label=worst.label, note=SECRET,
    )  # fmt: skip
    submitted.refresh_from_db()
    return submitted, question


def _carries_no_tpi_side(data) -> None:
    assert data.tpi_score is None and data.reviewed_count == 0
    for answer in data.answers.values():
        assert not answer.tpi_option_label and answer.tpi_percent is None
        assert answer.tpi_inputs == {} and answer.tpi_note == "" and answer.reviewed_by_id is None


def test_a_unit_writers_page_holds_no_tpi_value_but_keeps_the_count(world, in_review):
    assessment, question = in_review
    for user in (world.kerja_a, world.head_a):
        page = pages.assessment_page(user, assessment.pk)
        assert not page.rights.can_see_review
        _carries_no_tpi_side(page.data)
        assert page.reviewed_count == 1 and not page.fully_reviewed  # progress, not a score
        assert page.context()["reviewed_count"] == 1 and not page.context()["can_see_review"]


def test_the_tpi_and_city_readers_get_the_tpi_side(world, in_review):
    assessment, question = in_review
    for user in (world.tpi, world.pimpinan, world.admin):
        page = pages.assessment_page(user, assessment.pk)
        assert page.rights.can_see_review
        assert page.data.tpi_score is not None and page.reviewed_count == 1
        assert page.data.answers[question.code].tpi_note == SECRET
        assert page.data.tpi_score.total < page.data.self_score.total


def test_the_unit_sees_the_tpi_side_once_it_is_returned(world, in_review):
    assessment, question = in_review
    services.assessment_return(
        assessment=assessment, question_codes=[question.code], note="Lengkapi", by=world.tpi
    )
    page = pages.assessment_page(world.kerja_a, assessment.pk)
    assert page.rights.can_see_review and page.data.answers[question.code].tpi_note == SECRET


def _cells(response) -> list[str]:
    book = load_workbook(io.BytesIO(response.content))
    return [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]


def test_page_score_and_export_of_a_unit_writer_hold_no_tpi_value(world, client_for, in_review):
    assessment, question = in_review
    client = client_for(world.kerja_a)
    for name, args in [
        ("evaluation:assessment_detail", [assessment.pk]),
        ("evaluation:assessment_fill", [assessment.pk, "MP"]),
        ("evaluation:score", [assessment.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        _carries_no_tpi_side(response.context["data"])
        assert SECRET not in response.content.decode(), name
    score = client.get(reverse("evaluation:score", args=[assessment.pk]) + "?sumber=tpi")
    assert score.context["side"] == "self" and not score.context["has_tpi"]
    assert score.context["result"] == score.context["data"].self_score
    detail = client.get(reverse("evaluation:assessment_detail", args=[assessment.pk]))
    assert "Dinilai TPI: 1 dari" in detail.content.decode()  # the count is still shown
    export = client.get(reverse("evaluation:export_excel", args=[assessment.pk]))
    assert not any(SECRET in c for c in _cells(export))


def test_page_score_and_export_of_the_tpi_hold_the_tpi_side(world, client_for, in_review):
    assessment, question = in_review
    client = client_for(world.tpi)
    fill = client.get(reverse("evaluation:assessment_fill", args=[assessment.pk, "MP"]))
    assert fill.context["data"].answers[question.code].tpi_note == SECRET
    score = client.get(reverse("evaluation:score", args=[assessment.pk]) + "?sumber=tpi")
    assert score.context["side"] == "tpi" and score.context["has_tpi"]
    assert score.context["result"] == score.context["data"].tpi_score
    detail = client.get(reverse("evaluation:assessment_detail", args=[assessment.pk]))
    assert detail.context["data"].tpi_score is not None
    assert "Dinilai TPI: 1 dari" in detail.content.decode()
    export = client.get(reverse("evaluation:export_excel", args=[assessment.pk]))
    assert any(SECRET in c for c in _cells(export))


# --------------------------------------------------------------------------- query counts


@pytest.mark.parametrize("viewer", ["kerja_a", "tpi"])
@pytest.mark.parametrize("with_links", [False, True])
def test_the_page_costs_the_same_for_five_or_every_answer(
    world, assessment, lke, viewer, with_links, django_assert_num_queries
):
    """The assessment, the viewer's rights, the answers, the hasil (the links): a fixed number."""
    user = world.users[viewer]
    pages.assessment_page(user, assessment.pk)  # the worksheet is parsed once and cached
    for answered in (5, len(lke.questions)):
        answer_all(assessment, lke, world.kerja_a, skip=len(lke.questions) - answered)
        with django_assert_num_queries(5 + int(with_links)):
            page = pages.assessment_page(user, assessment.pk, with_links=with_links)
        assert page.data.self_score.completeness.answered == answered

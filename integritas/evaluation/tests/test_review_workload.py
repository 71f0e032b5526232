"""The TPI's workload (Pasal 19): score the unanswered at once, see what is missing, live counts."""

import re

import pytest
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.evaluation import review, selectors, services
from integritas.evaluation.models import Answer, Assessment

from .conftest import answer_all, fill_hasil

pytestmark = pytest.mark.django_db
ANSWERED = 10


@pytest.fixture
def sparse(world, assessment, lke):
    """Unit A submitted with only the first ten questions answered."""
    answer_all(assessment, lke, world.kerja_a, skip=len(lke.questions) - ANSWERED)
    fill_hasil(assessment, world.kerja_a)
    services.assessment_submit(assessment=assessment, by=world.head_a, confirm_incomplete=True)
    assessment.refresh_from_db()
    return assessment


def _tpi_scored(assessment):
    data = selectors.assessment_data(assessment, with_links=False)
    return data.reviewed_count


def test_one_confirmed_step_scores_every_unanswered_question_zero(
    world, client_for, sparse, ketua, lke
):
    client = client_for(world.tpi)
    first_area = lke.areas[0].code
    page = client.get(reverse("evaluation:review_area", args=[sparse.pk, first_area]))
    body = page.content.decode()
    assert f"{len(lke.questions)} pertanyaan belum dinilai TPI" in body
    form = body.split('id="missing-reviews"')[1].split("</form>")[0]
    assert "data-confirm=" in form and "diberi nilai TPI 0" in form

    response = client.post(
        reverse("evaluation:review_zero", args=[sparse.pk]), {"area": first_area}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:review_area", args=[sparse.pk, first_area])
    sparse.refresh_from_db()
    assert sparse.status == Assessment.Status.IN_REVIEW
    assert _tpi_scored(sparse) == len(lke.questions) - ANSWERED
    data = selectors.assessment_data(sparse, with_links=False)
    assert data.tpi_score.total <= data.self_score.total
    assert all(data.tpi_score.questions[q.code].value == 0 for q in lke.questions[ANSWERED:])
    # What the unit did answer still waits for the TPI's own judgement, listed with links.
    body = client.get(reverse("evaluation:review_area", args=[sparse.pk, first_area])).content
    body = body.decode()
    assert f"{ANSWERED} pertanyaan belum dinilai TPI" in body
    missing = re.findall(
        r'<li><a href="([^"]+)">([^<]+)</a>', body.split('id="missing-reviews"')[1]
    )
    assert [code for _url, code in missing] == [q.code for q in lke.questions[:ANSWERED]]
    assert all("#q-" in url for url, _code in missing)
    assert AuditRecord.objects.filter(action="lke.skor_tpi_massal").count() == 1


def test_the_unit_cannot_score_its_own_questions_zero_and_nothing_changes(
    world, client_for, sparse, ketua
):
    for user in (world.head_a, world.kerja_a, world.tpi_in_a, world.pimpinan):
        response = client_for(user).post(reverse("evaluation:review_zero", args=[sparse.pk]))
        assert response.status_code == 404
    assert not Answer.objects.filter(assessment=sparse).exclude(tpi_option_label="").exists()
    assert not Answer.objects.filter(assessment=sparse, tpi_percent__isnull=False).exists()


def test_finalising_names_the_questions_still_unscored(world, sparse, ketua, lke):
    from django.core.exceptions import ValidationError

    review.review_score_unanswered(assessment=sparse, by=world.tpi)
    with pytest.raises(ValidationError) as info:
        services.assessment_finalise(assessment=sparse, by=world.tpi)
    assert lke.questions[0].code in str(info.value)


def test_each_tpi_score_updates_the_counters_without_a_reload(
    world, client_for, sparse, ketua, lke
):
    question = lke.questions[0]
    option = question.options[0].label if question.options else None
    data = {"option": option} if option else {"percent": "50"}
    response = client_for(world.tpi).post(
        reverse("evaluation:review_save", args=[sparse.pk, question.code]),
        data,
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert '<span id="reviewed-count" hx-swap-oob="true">1</span>' in body
    area = lke.areas[0]
    assert f'id="tab-count-{area.code}" hx-swap-oob="true"' in body


def test_the_criteria_are_written_beside_the_options(world, client_for, sparse, ketua, lke):
    area = lke.areas[0]
    question = next(q for s in area.sub_indicators for q in s.questions if q.options)
    body = client_for(world.tpi).get(reverse("evaluation:review_area", args=[sparse.pk, area.code]))
    criteria = body.content.decode().split(
        'class="list-unstyled small text-muted mb-0 mt-1 criteria"'
    )
    assert (
        len(criteria) > 1 and question.options[-1].text.split()[0] in criteria[1].split("</ul>")[0]
    )


def test_the_administrator_sees_submitted_assessments_without_reviewers(world, sparse):
    from integritas.evaluation import cards

    titles = {c.title: c for c in cards.cards(world.admin)}
    card = titles["Penilaian menunggu penugasan TPI"]
    assert card.value == "1" and card.items[0][0].startswith(world.unit_a.name)

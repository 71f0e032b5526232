"""Home cards of the LKE: the unit's status and completeness, the TPI queue, city counts."""

from datetime import date

import pytest
from django.urls import reverse

from integritas.evaluation import cards as attention_evaluation
from integritas.evaluation import engine, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(db):
    return services.framework_load(path=engine.published_frameworks()[0].source)


def _titles(cards):
    return {c.title: c for c in cards}


def test_the_unit_sees_that_its_assessment_has_not_started(world, framework):
    cards = _titles(attention_evaluation.cards(world.kerja_a))
    card = cards[f"Penilaian LKE {date.today().year}"]
    assert card.value == "Belum dimulai" and card.tone == "warning"


def test_the_unit_sees_its_status_and_completeness(world, framework):
    assessment = services.assessment_create(
        unit=world.unit_a, year=date.today().year, by=world.kerja_a
    )
    services.answer_save(
        assessment=assessment, question_code="P1.i.a", option_label="Ya", by=world.kerja_a
    )
    card = _titles(attention_evaluation.cards(world.head_a))[f"Penilaian LKE {date.today().year}"]
    assert card.value == "1%"
    assert "1 dari 110 pertanyaan terjawab" in card.text
    assert card.url == assessment.get_absolute_url()


def test_the_tpi_sees_what_waits_for_his_review(world, framework):
    from integritas.evaluation.models import ReviewerAssignment

    year = date.today().year
    assessment = services.assessment_create(unit=world.unit_a, year=year, by=world.kerja_a)
    services.assessment_submit(assessment=assessment, by=world.head_a, confirm_incomplete=True)
    ReviewerAssignment.objects.create(unit=world.unit_a, year=year, user=world.tpi)
    ReviewerAssignment.objects.create(unit=world.unit_a, year=year, user=world.tpi_in_a)
    card = _titles(attention_evaluation.cards(world.tpi))["Menunggu penilaian TPI"]
    assert card.value == "1"
    assert "Menunggu penilaian TPI" not in _titles(attention_evaluation.cards(world.tpi_in_a))


def test_pimpinan_sees_the_city_counts_on_the_home_page(world, client_for, framework):
    services.assessment_create(unit=world.unit_a, year=date.today().year, by=world.kerja_a)
    body = client_for(world.pimpinan).get(reverse("portal:home")).content.decode()
    assert f"Penilaian LKE {date.today().year} se-kota" in body
    assert "Konsep (diisi unit): 1" in body

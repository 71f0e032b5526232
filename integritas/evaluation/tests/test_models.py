"""Invariants the database keeps by itself (named constraints)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from integritas.evaluation.models import Answer, Assessment, HasilInput

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_a_unit_has_one_current_assessment_per_year_and_worksheet_version(world, assessment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            unit=world.unit_a, year=YEAR, framework=assessment.framework, revision=2
        )


def test_a_superseded_assessment_leaves_room_for_its_next_revision(world, assessment):
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUPERSEDED)
    newer = Assessment.objects.create(
        unit=world.unit_a, year=YEAR, framework=assessment.framework, revision=2
    )
    assert newer.pk != assessment.pk


def test_the_same_revision_number_cannot_repeat(world, assessment):
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.SUPERSEDED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            unit=world.unit_a, year=YEAR, framework=assessment.framework, revision=1
        )


def test_another_year_is_another_assessment(world, assessment):
    Assessment.objects.create(unit=world.unit_a, year=YEAR + 1, framework=assessment.framework)
    assert Assessment.objects.filter(unit=world.unit_a).count() == 2


def test_one_answer_per_question(assessment):
    Answer.objects.create(assessment=assessment, question_code="P1.i.a", option_label="Ya")
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, question_code="P1.i.a", option_label="Tidak")


@pytest.mark.parametrize(
    "field, value",
    [
        ("ipak_index", Decimal("4.01")),
        ("ipkp_index", Decimal("-0.1")),
        ("tlhp_percent", Decimal("100.5")),
        ("capaian_kinerja", "F"),
    ],
)
def test_hasil_inputs_out_of_range_are_refused_by_the_database(assessment, field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        HasilInput.objects.create(assessment=assessment, **{field: value})


def test_an_answer_percentage_above_100_is_refused_by_the_database(assessment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(assessment=assessment, question_code="R1.i.a", percent=101)


def test_only_a_final_assessment_carries_a_finalisation_time(assessment):
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(finalised_at=timezone.now())

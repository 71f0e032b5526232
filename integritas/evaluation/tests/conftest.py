"""Evaluation fixtures: the packaged LKE stored once, an assessment of unit A, answer helpers."""

from decimal import Decimal

import pytest

from integritas.evaluation import engine, services
from integritas.evaluation.models import Assessment, ReviewerAssignment

YEAR = 2025


@pytest.fixture
def framework(db):
    return services.framework_load(path=engine.published_frameworks()[0].source)


@pytest.fixture
def lke(framework):
    """The engine's view of the stored worksheet."""
    from integritas.evaluation import selectors

    return selectors.engine_framework(framework)


@pytest.fixture
def assessment(world, framework):
    return services.assessment_create(unit=world.unit_a, year=YEAR, by=world.kerja_a)


def best_answer(question):
    """The kwargs for answer_save/review_save that give a question its best value."""
    if question.is_percent:
        return {"percent": Decimal(100)}
    return {"option_label": question.best_option.label}


def answer_all(assessment, lke, by, *, skip=0, review=False):
    """Answer every question (but the last `skip`) with its best option."""
    questions = lke.questions[: len(lke.questions) - skip]
    save = services.review_save if review else services.answer_save
    for question in questions:
        save(assessment=assessment, question_code=question.code, by=by, **best_answer(question))


def bulk_answer(assessment, lke, by, *, review=False):
    """Fast path for fixtures: every question at its best value, written straight to the table."""
    from django.utils import timezone

    from integritas.evaluation.models import Answer

    now = timezone.now()
    rows = {a.question_code: a for a in Answer.objects.filter(assessment=assessment)}
    for question in lke.questions:
        best = best_answer(question)
        row = rows.get(question.code) or Answer(assessment=assessment, question_code=question.code)
        if review:
            row.tpi_option_label = best.get("option_label", "")
            row.tpi_percent = best.get("percent")
            row.reviewed_by, row.reviewed_at = by, now
        else:
            row.option_label = best.get("option_label", "")
            row.percent = best.get("percent")
            row.updated_by, row.updated_at = by, now
        rows[question.code] = row
    Answer.objects.bulk_create([r for r in rows.values() if r.pk is None])
    Answer.objects.bulk_update(
        [r for r in rows.values() if r.pk is not None],
        [
            "option_label",
            "percent",
            "tpi_option_label",
            "tpi_percent",
            "reviewed_by",
            "reviewed_at",
        ],
    )
    if review:
        Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.IN_REVIEW)


def fill_hasil(assessment, by):
    return services.hasil_save(
        assessment=assessment,
        by=by,
        ipak_index=Decimal("3.8"),
        ipkp_index=Decimal("3.7"),
        capaian_kinerja="A",
        tlhp_percent=Decimal(100),
    )


@pytest.fixture
def submitted(world, assessment, lke):
    """Unit A's assessment fully answered with hasil inputs and submitted by its head."""
    bulk_answer(assessment, lke, world.kerja_a)
    fill_hasil(assessment, world.kerja_a)
    services.assessment_submit(assessment=assessment, by=world.head_a)
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def ketua(world):
    """world.tpi (Inspektorat) is the ketua assigned to unit A for the year."""
    return ReviewerAssignment.objects.create(
        unit=world.unit_a, year=YEAR, user=world.tpi, is_ketua=True
    )


@pytest.fixture
def final(world, submitted, ketua, lke):
    bulk_answer(submitted, lke, world.tpi, review=True)
    services.assessment_finalise(assessment=submitted, by=world.tpi)
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.FINAL
    return submitted

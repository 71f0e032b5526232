"""assessment_submit: only the unit head submits; unanswered questions need a confirmation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from integritas.audit.models import AuditRecord
from integritas.evaluation import services
from integritas.evaluation.models import Assessment

from .conftest import answer_all

pytestmark = pytest.mark.django_db


def test_the_tim_kerja_cannot_submit(world, assessment, lke):
    answer_all(assessment, lke, world.kerja_a)
    with pytest.raises(PermissionDenied):
        services.assessment_submit(assessment=assessment, by=world.kerja_a)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT


def test_unanswered_questions_need_the_heads_confirmation(world, assessment, lke):
    answer_all(assessment, lke, world.kerja_a, skip=3)
    with pytest.raises(ValidationError, match="3 pertanyaan belum dijawab"):
        services.assessment_submit(assessment=assessment, by=world.head_a)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    services.assessment_submit(assessment=assessment, by=world.head_a, confirm_incomplete=True)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    entry = AuditRecord.objects.get(action="lke.diajukan")
    assert entry.changes["unanswered"] == [None, 3]


def test_submission_records_who_and_when_and_locks(world, submitted):
    assert submitted.status == Assessment.Status.SUBMITTED
    assert submitted.submitted_by == world.head_a and submitted.submitted_at is not None
    with pytest.raises(ValidationError):
        services.assessment_submit(assessment=submitted, by=world.head_a)

"""TPI review (Pasal 15, 19): assignment, scoring, return and re-submission, finalising, superseding."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from integritas.audit.models import AuditRecord
from integritas.evaluation import selectors, services
from integritas.evaluation.models import (
    Answer,
    Assessment,
    AssessmentSnapshot,
    EvidenceLink,
    ReviewerAssignment,
)

from .conftest import YEAR, answer_all

pytestmark = pytest.mark.django_db


def test_a_tpi_member_cannot_be_assigned_to_the_unit_he_works_in(world, framework):
    with pytest.raises(ValidationError, match="tidak dapat menilai unit ini"):
        services.reviewer_assign(unit=world.unit_a, year=YEAR, user=world.tpi_in_a, by=world.admin)
    assert not ReviewerAssignment.objects.exists()


def test_only_tpi_members_can_be_assigned_and_only_by_the_administrator(world, framework):
    with pytest.raises(ValidationError):
        services.reviewer_assign(unit=world.unit_a, year=YEAR, user=world.pimpinan, by=world.admin)
    with pytest.raises(PermissionDenied):
        services.reviewer_assign(unit=world.unit_a, year=YEAR, user=world.tpi, by=world.tpi)
    services.reviewer_assign(
        unit=world.unit_a, year=YEAR, user=world.tpi, is_ketua=True, by=world.admin
    )
    assert ReviewerAssignment.objects.get().is_ketua
    assert AuditRecord.objects.filter(action="lke.penilai_ditugaskan").count() == 1


def test_a_tpi_member_of_the_unit_cannot_review_it_even_with_an_assignment_row(world, submitted):
    ReviewerAssignment.objects.create(unit=world.unit_a, year=YEAR, user=world.tpi_in_a)
    with pytest.raises(PermissionDenied):
        services.review_save(
            assessment=submitted, question_code="P1.i.a", option_label="Ya", by=world.tpi_in_a
        )
    assert not Answer.objects.filter(reviewed_by__isnull=False).exists()


def test_an_unassigned_tpi_member_cannot_review(world, submitted):
    with pytest.raises(PermissionDenied):
        services.review_save(
            assessment=submitted, question_code="P1.i.a", option_label="Ya", by=world.tpi
        )


def test_a_draft_is_not_open_for_review(world, assessment, ketua):
    with pytest.raises(ValidationError, match="tidak sedang menunggu"):
        services.review_save(
            assessment=assessment, question_code="P1.i.a", option_label="Ya", by=world.tpi
        )


def test_the_tpi_scores_beside_the_self_assessment(world, submitted, ketua):
    services.review_save(
        assessment=submitted, question_code="P1.i.b", option_label="B", note="sebagian",
        by=world.tpi,
    )  # fmt: skip
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.IN_REVIEW
    answer = Answer.objects.get(assessment=submitted, question_code="P1.i.b")
    assert (answer.option_label, answer.tpi_option_label, answer.tpi_note) == ("A", "B", "sebagian")
    assert answer.reviewed_by == world.tpi
    data = selectors.assessment_data(submitted)
    assert data.tpi_score.questions["P1.i.b"].value == Decimal("0.5")
    assert data.self_score.questions["P1.i.b"].value == Decimal(1)
    assert AuditRecord.objects.filter(action="lke.skor_tpi").count() == 1


def test_returned_questions_are_revised_by_the_unit_and_resubmitted(world, submitted, ketua, lke):
    services.assessment_return(
        assessment=submitted, question_codes=["P1.i.b"], note="Lampirkan SK tim.", by=world.tpi
    )
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.RETURNED and submitted.review_round == 1
    # only the returned question may change
    with pytest.raises(ValidationError, match="dikembalikan"):
        services.answer_save(
            assessment=submitted, question_code="P1.i.a", option_label="Tidak", by=world.kerja_a
        )
    services.answer_save(
        assessment=submitted, question_code="P1.i.b", option_label="B", note="diperbaiki",
        by=world.kerja_a,
    )  # fmt: skip
    services.assessment_submit(assessment=submitted, by=world.head_a)
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED
    answer = Answer.objects.get(assessment=submitted, question_code="P1.i.b")
    assert answer.returned and answer.return_note == "Lampirkan SK tim."
    # re-scoring settles it; then every question scored lets the ketua finalise
    answer_all(submitted, lke, world.tpi, review=True)
    assert not Answer.objects.filter(assessment=submitted, returned=True).exists()
    services.assessment_finalise(assessment=submitted, by=world.tpi)
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.FINAL
    assert AuditRecord.objects.filter(action="lke.dikembalikan").count() == 1


def test_returning_needs_questions_and_a_note(world, submitted, ketua):
    with pytest.raises(ValidationError):
        services.assessment_return(assessment=submitted, question_codes=[], note="x", by=world.tpi)
    with pytest.raises(ValidationError):
        services.assessment_return(
            assessment=submitted, question_codes=["P1.i.a"], note=" ", by=world.tpi
        )
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED


def test_finalising_needs_every_question_scored(world, submitted, ketua, lke):
    answer_all(submitted, lke, world.tpi, review=True, skip=1)
    with pytest.raises(ValidationError, match="1 pertanyaan belum dinilai"):
        services.assessment_finalise(assessment=submitted, by=world.tpi)
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.IN_REVIEW
    assert not AssessmentSnapshot.objects.exists()


def test_only_the_ketua_finalises(world, submitted, ketua, lke):
    other = world.users["tpi"]
    ReviewerAssignment.objects.filter(pk=ketua.pk).update(is_ketua=False)
    answer_all(submitted, lke, other, review=True)
    with pytest.raises(PermissionDenied):
        services.assessment_finalise(assessment=submitted, by=other)


def test_finalising_freezes_a_snapshot(world, final, lke):
    snapshot = AssessmentSnapshot.objects.get(assessment=final)
    data = snapshot.data
    assert data["finalised"]["by"] == world.tpi.pk
    assert data["assessment"]["framework"]["sha256"] == final.framework.sha256
    assert set(data["answers"]) == {q.code for q in lke.questions}
    assert data["answers"]["P1.i.b"]["sub_weight"] == "0.5"
    assert data["answers"]["P1.i.b"]["tpi"]["value"] == "1"
    assert data["scores"]["tpi"]["total"].startswith("97.81")
    assert "perwali-kupang-23-2025" in data["verdicts"]
    entry = AuditRecord.objects.get(action="lke.difinalkan")
    assert entry.changes["snapshot_sha256"] == [None, snapshot.sha256]
    assert final.finalised_by == world.tpi and final.finalised_at is not None


def test_the_snapshot_records_the_evidence_hash_of_the_time(world, assessment, lke, ketua):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import fill_hasil

    pdf = SimpleUploadedFile("sk.pdf", b"%PDF-1.4\nSK tim kerja\n%%EOF\n")
    services.evidence_upload(
        assessment=assessment, item_code="P1.i.a", files=[pdf], by=world.kerja_a
    )
    answer_all(assessment, lke, world.kerja_a)
    fill_hasil(assessment, world.kerja_a)
    services.assessment_submit(assessment=assessment, by=world.head_a)
    answer_all(assessment, lke, world.tpi, review=True)
    snapshot = services.assessment_finalise(assessment=assessment, by=world.tpi)
    link = EvidenceLink.objects.get(assessment=assessment)
    revision = link.document.revisions.get()
    assert snapshot.data["evidence"]["P1.i.a"][0]["sha256"] == revision.sha256
    # a later revision of the document does not change the frozen record
    services.evidence_revise(
        document=link.document,
        upload=SimpleUploadedFile("sk2.pdf", b"%PDF-1.4\nSK tim kerja revisi\n%%EOF\n"),
        by=world.kerja_a,
    )
    snapshot.refresh_from_db()
    assert snapshot.data["evidence"]["P1.i.a"][0]["revision"] == revision.pk


def test_a_final_assessment_refuses_every_change(world, final):
    with pytest.raises(ValidationError):
        services.review_save(
            assessment=final, question_code="P1.i.a", option_label="Tidak", by=world.tpi
        )
    with pytest.raises(ValidationError):
        services.assessment_return(
            assessment=final, question_codes=["P1.i.a"], note="x", by=world.tpi
        )
    with pytest.raises(ValidationError):
        services.hasil_save(assessment=final, by=world.admin, ipak_index=Decimal(1))
    with pytest.raises(ValidationError):
        services.assessment_finalise(assessment=final, by=world.tpi)
    answer = Answer.objects.get(assessment=final, question_code="P1.i.a")
    assert (answer.option_label, answer.tpi_option_label) == ("Ya", "Ya")


def test_a_new_revision_supersedes_a_final_assessment(world, final):
    sha = final.snapshot.sha256
    with pytest.raises(PermissionDenied):
        services.assessment_supersede(assessment=final, by=world.kerja_a)
    new = services.assessment_supersede(assessment=final, by=world.tpi)
    final.refresh_from_db()
    assert final.status == Assessment.Status.SUPERSEDED
    assert (new.status, new.revision, new.supersedes_id) == (
        Assessment.Status.DRAFT,
        2,
        final.pk,
    )
    assert new.answers.count() == final.answers.count()
    copied = new.answers.get(question_code="P1.i.a")
    assert copied.option_label == "Ya" and copied.tpi_option_label == ""
    assert new.hasil.ipak_index == final.hasil.ipak_index
    assert AssessmentSnapshot.objects.get(assessment=final).sha256 == sha
    assert selectors.assessment_for_unit_year(world.unit_a, YEAR) == new
    # the superseded one stays unchangeable
    with pytest.raises(ValidationError):
        services.answer_save(
            assessment=final, question_code="P1.i.a", option_label="Tidak", by=world.kerja_a
        )

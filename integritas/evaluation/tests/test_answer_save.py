"""answer_save: each answer checked and saved as it is entered; refused once submitted."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from integritas.audit.models import AuditRecord
from integritas.evaluation import selectors, services
from integritas.evaluation.models import Answer, Assessment

pytestmark = pytest.mark.django_db


def test_a_valid_option_is_saved_and_audited(world, assessment):
    services.answer_save(
        assessment=assessment, question_code="P1.i.b", option_label="B", note="dua bidang",
        by=world.kerja_a,
    )  # fmt: skip
    answer = Answer.objects.get(assessment=assessment, question_code="P1.i.b")
    assert (answer.option_label, answer.note, answer.updated_by) == (
        "B",
        "dua bidang",
        world.kerja_a,
    )
    entry = AuditRecord.objects.get(action="lke.jawaban_disimpan")
    assert entry.changes["P1.i.b.option_label"] == [None, "B"]
    assert entry.actor == world.kerja_a


def test_saving_the_same_answer_twice_writes_one_audit_record(world, assessment):
    for _ in range(2):
        services.answer_save(
            assessment=assessment, question_code="P1.i.a", option_label="Ya", by=world.kerja_a
        )
    assert AuditRecord.objects.filter(action="lke.jawaban_disimpan").count() == 1


@pytest.mark.parametrize(
    "code, kwargs, message",
    [
        ("P1.i.b", {"option_label": "D"}, "tidak sah"),
        ("P1.i.a", {"percent": "50"}, "bukan pertanyaan persentase"),
        ("R1.ii.a", {"option_label": "F"}, "tidak sah"),
        ("R1.i.a", {"percent": "120"}, "antara 0 dan 100"),
        ("R1.i.a", {"percent": "lima"}, "angka"),
        ("R1.i.a", {"option_label": "A"}, "persentase"),
        ("R1.i.a", {"inputs": {"jml_agen_perubahan": "-3"}}, "bilangan bulat"),
        ("R1.i.a", {"inputs": {"jml_agen_perubahan": "2.5"}}, "bilangan bulat"),
        ("R1.i.a", {"inputs": {"tidak_ada": "3"}}, "tidak dikenal"),
        ("X9.z.z", {"option_label": "A"}, "tidak dikenal"),
    ],
)
def test_an_invalid_answer_is_refused_and_nothing_is_written(
    world, assessment, code, kwargs, message
):
    with pytest.raises(ValidationError, match=message):
        services.answer_save(assessment=assessment, question_code=code, by=world.kerja_a, **kwargs)
    assert not Answer.objects.exists()
    assert not AuditRecord.objects.filter(action="lke.jawaban_disimpan").exists()


def test_percent_inputs_are_kept_while_incomplete_and_count_once_complete(world, assessment):
    services.answer_save(
        assessment=assessment, question_code="R1.i.a", inputs={"jml_agen_perubahan": "10"},
        by=world.kerja_a,
    )  # fmt: skip
    data = selectors.assessment_data(assessment)
    assert data.answers["R1.i.a"].inputs == {"jml_agen_perubahan": 10}
    assert not data.self_score.questions["R1.i.a"].answered
    services.answer_save(
        assessment=assessment, question_code="R1.i.a",
        inputs={"jml_agen_perubahan": "10", "jml_perubahan_dibuat": "8"}, by=world.kerja_a,
    )  # fmt: skip
    data = selectors.assessment_data(assessment)
    assert data.self_score.questions["R1.i.a"].value == Decimal("0.8")


def test_a_direct_percentage_counts_when_the_inputs_are_not_given(world, assessment):
    services.answer_save(
        assessment=assessment, question_code="R1.i.a", percent="75,5", by=world.kerja_a
    )
    data = selectors.assessment_data(assessment)
    assert data.self_score.questions["R1.i.a"].value == Decimal("0.755")


def test_someone_who_cannot_write_the_unit_cannot_save(world, assessment):
    for user in (world.staff_a, world.tpi, world.pimpinan, world.staff_b):
        with pytest.raises(PermissionDenied):
            services.answer_save(
                assessment=assessment, question_code="P1.i.a", option_label="Ya", by=user
            )
    assert not Answer.objects.exists()


def test_a_submitted_assessment_refuses_answer_changes(world, submitted):
    with pytest.raises(ValidationError, match="sudah diajukan"):
        services.answer_save(
            assessment=submitted, question_code="P1.i.a", option_label="Tidak", by=world.kerja_a
        )
    assert Answer.objects.get(assessment=submitted, question_code="P1.i.a").option_label == "Ya"


def test_a_final_assessment_refuses_answer_changes(world, final):
    with pytest.raises(ValidationError, match="final"):
        services.answer_save(
            assessment=final, question_code="P1.i.a", option_label="Tidak", by=world.admin
        )
    assert Answer.objects.get(assessment=final, question_code="P1.i.a").option_label == "Ya"
    assert final.status == Assessment.Status.FINAL

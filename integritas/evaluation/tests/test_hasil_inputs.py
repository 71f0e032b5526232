"""hasil_inputs_set: a closed survey wave feeds IPAK/IPKP into the unit's current LKE."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from integritas.audit.models import AuditRecord
from integritas.evaluation import selectors, services
from integritas.evaluation.models import Assessment, HasilInput

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_a_survey_index_lands_in_the_current_assessment(world, assessment):
    hasil = services.hasil_inputs_set(
        unit=world.unit_a, year=YEAR, ipak_index=Decimal("3.5712"), source_wave_id=7,
        source_label="SPAK triwulan I", by=world.admin,
    )  # fmt: skip
    assert hasil.assessment == assessment
    assert (hasil.ipak_index, hasil.ipak_wave_id, hasil.ipak_source) == (
        Decimal("3.5712"),
        7,
        "SPAK triwulan I",
    )
    assert hasil.ipkp_index is None
    entry = AuditRecord.objects.get(action="lke.hasil_dari_survei")
    assert entry.changes["ipak_index"] == [None, "3.5712"]
    points = selectors.assessment_data(assessment).self_score.component("ipak").points
    assert points == Decimal("3.5712") / 4 * Decimal("17.5")


def test_the_other_index_keeps_its_value(world, assessment):
    services.hasil_inputs_set(unit=world.unit_a, year=YEAR, ipak_index=Decimal(3), by=None)
    services.hasil_inputs_set(
        unit=world.unit_a, year=YEAR, ipkp_index=Decimal("3.25"), source_wave_id=8, by=None
    )
    hasil = HasilInput.objects.get()
    assert (hasil.ipak_index, hasil.ipkp_index) == (Decimal(3), Decimal("3.25"))
    assert "#8" in hasil.ipkp_source


def test_a_unit_without_an_assessment_gets_a_draft(world, framework):
    services.hasil_inputs_set(
        unit=world.unit_b, year=YEAR, ipkp_index=Decimal("3.1"), source_wave_id=3, by=world.admin
    )
    assessment = Assessment.objects.get(unit=world.unit_b, year=YEAR)
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.hasil.ipkp_index == Decimal("3.1")


def test_an_index_out_of_range_is_refused(world, assessment):
    with pytest.raises(ValidationError):
        services.hasil_inputs_set(unit=world.unit_a, year=YEAR, ipak_index=Decimal(5), by=None)
    assert not HasilInput.objects.exists()


def test_a_final_assessment_is_never_changed(world, final):
    before = final.hasil.ipak_index
    with pytest.raises(ValidationError, match="sudah final"):
        services.hasil_inputs_set(unit=world.unit_a, year=YEAR, ipak_index=Decimal(1), by=None)
    final.hasil.refresh_from_db()
    assert final.hasil.ipak_index == before


def test_it_also_feeds_an_assessment_under_review(world, submitted):
    services.hasil_inputs_set(unit=world.unit_a, year=YEAR, ipkp_index=Decimal("3.9"), by=None)
    submitted.hasil.refresh_from_db()
    assert submitted.hasil.ipkp_index == Decimal("3.9")

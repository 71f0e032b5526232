"""Every export of personal data leaves a record of who took it out, and only when allowed."""

import pytest
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.audit.services import verify
from integritas.planning.models import ActionPlan
from integritas.planning.tests.conftest import make_row
from integritas.surveys.tests.conftest import make_wave

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exporting_survey_responses_is_audited(world, client_for, fmt):
    wave = make_wave(world)
    before = AuditRecord.objects.count()
    response = client_for(world.staff_a).get(
        reverse("surveys:export", args=[wave.pk, "jawaban", fmt])
    )
    assert response.status_code == 200
    entry = AuditRecord.objects.order_by("-id").first()
    assert AuditRecord.objects.count() == before + 1
    assert (entry.action, entry.actor, entry.object_id) == (
        "survei.jawaban_diekspor",
        world.staff_a,
        str(wave.pk),
    )
    assert entry.unit_id == world.unit_a.pk and entry.changes == {"format": fmt}
    assert verify().ok


def test_a_denied_survey_export_records_nothing(world, client_for):
    wave = make_wave(world)
    before = AuditRecord.objects.count()
    response = client_for(world.staff_b).get(
        reverse("surveys:export", args=[wave.pk, "jawaban", "csv"])
    )
    assert response.status_code == 404
    assert AuditRecord.objects.count() == before


def test_exporting_an_action_plan_with_named_employees_is_audited(world, client_for):
    plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    make_row(plan, "MP", order=1, pic_employee=world.kerja_a.employee)
    before = AuditRecord.objects.count()
    response = client_for(world.head_a).get(reverse("planning:action_plan_xlsx", args=[plan.pk]))
    assert response.status_code == 200
    entry = AuditRecord.objects.order_by("-id").first()
    assert AuditRecord.objects.count() == before + 1
    assert (entry.action, entry.actor, entry.unit_id) == (
        "rencana_aksi.diekspor",
        world.head_a,
        world.unit_a.pk,
    )
    assert (
        client_for(world.staff_b)
        .get(reverse("planning:action_plan_xlsx", args=[plan.pk]))
        .status_code
        == 404
    )
    assert AuditRecord.objects.count() == before + 1

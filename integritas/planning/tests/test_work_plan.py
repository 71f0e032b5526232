"""The work plan (Pasal 11 ayat 4–9): targets per component, the head's decree, Lampiran B."""

import pytest
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.planning.models import WorkPlan

pytestmark = pytest.mark.django_db


def _data(**extra):
    data = {"decree_number": "800/DUKCAPIL/12/2025", "decree_date": "2025-01-20",
            "socialisation": "Laman dinas\nApel pagi setiap Senin",
            "target_MP": "Tim kerja dan agen perubahan ditetapkan", "target_PP": "Standar pelayanan dimaklumatkan",
            "target_bersih": "IPAK ≥ 3,6"}  # fmt: skip
    data.update(extra)
    return data


def test_the_tim_kerja_writes_the_work_plan_with_targets_for_each_component(world, client_for):
    url = reverse("planning:work_plan_edit", args=[world.unit_a.pk, 2025])
    response = client_for(world.kerja_a).post(url, _data())
    assert response.status_code == 302
    plan = WorkPlan.objects.get(unit=world.unit_a, year=2025)
    targets = {t.component: t.targets for t in plan.targets.all()}
    assert len(targets) == 8 and targets["MP"].startswith("Tim kerja") and targets["TT"] == ""
    assert AuditRecord.objects.filter(action="rencana_kerja.dibuat").exists()
    client_for(world.kerja_a).post(url, _data(target_TT="SOP layanan direviu"))
    assert plan.targets.get(component="TT").targets == "SOP layanan direviu"
    assert WorkPlan.objects.count() == 1
    record = AuditRecord.objects.get(action="rencana_kerja.diubah")
    assert record.changes["target_TT"] == ["", "SOP layanan direviu"]
    page = client_for(world.staff_a).get(plan.get_absolute_url()).content.decode()
    assert "22,50 %" in page and "60,00 %" in page and "SOP layanan direviu" in page


def test_a_work_plan_without_any_target_is_refused_and_the_input_kept(world, client_for):
    url = reverse("planning:work_plan_edit", args=[world.unit_a.pk, 2025])
    response = client_for(world.kerja_a).post(
        url, _data(target_MP="", target_PP="", target_bersih="")
    )
    assert response.status_code == 200
    assert "sedikitnya untuk satu komponen" in response.content.decode()
    assert "800/DUKCAPIL/12/2025" in response.content.decode()
    assert not WorkPlan.objects.exists()

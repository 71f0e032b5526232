"""The action-plan grid: rows added and edited inline (htmx), errors per cell, nothing typed lost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.planning.models import ActionPlan, ActionRow, MonthlyReport, RealisationRow

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _row_data(**overrides):
    data = {
        "component": "PW", "goal": "Mencegah gratifikasi", "indicator": "Kampanye terlaksana",
        "action": "Kampanye anti gratifikasi di ruang layanan", "pic_employee": "",
        "pic_text": "Kepala Seksi", "budget": "2500000", "budget_source": "apbd",
        "budget_source_note": "", "lke_codes": "P5.i.a, P5.i.b",
        **{f"b{m:02d}": str(min(100, m * 10)) for m in range(1, 13)},
    }  # fmt: skip
    data.update(overrides)
    return data


def test_a_row_with_twelve_valid_targets_is_added_and_audited(world, client_for, plan):
    response = client_for(world.kerja_a).post(
        reverse("planning:action_row_new", args=[plan.pk]), _row_data(), **HTMX
    )
    assert response.status_code == 200
    row = ActionRow.objects.get(component="PW")
    assert f'id="row-{row.pk}"' in response.content.decode()
    assert row.targets[-1] == Decimal(100) and row.lke_question_codes == ["P5.i.a", "P5.i.b"]
    assert row.order == 3
    assert AuditRecord.objects.filter(
        action="rencana_aksi.baris_ditambah", unit_id=world.unit_a.pk
    ).exists()


def test_bad_targets_are_shown_per_month_and_what_was_typed_is_kept(world, client_for, plan):
    data = _row_data(b02="150", b03="", b05="5", lke_codes="P1.i.a, P9.z.z")
    response = client_for(world.kerja_a).post(
        reverse("planning:action_row_new", args=[plan.pk]), data, **HTMX
    )
    text = response.content.decode()
    assert response.status_code == 200 and not ActionRow.objects.filter(component="PW").exists()
    assert "Target harus antara 0 dan 100." in text
    assert "Isi target bulan ini (0–100)." in text
    assert "Target kumulatif tidak boleh lebih kecil dari bulan sebelumnya." in text
    assert "Bukan kode pertanyaan LKE: P9.z.z." in text
    assert 'name="b02" value="150"' in text
    assert "Kampanye anti gratifikasi di ruang layanan" in text
    assert text.count("month-error") == 3


def test_another_source_than_apbd_must_be_named(world, client_for, plan):
    response = client_for(world.kerja_a).post(
        reverse("planning:action_row_new", args=[plan.pk]),
        _row_data(budget_source="other", budget_source_note="", budget="-5"), **HTMX,
    )  # fmt: skip
    text = response.content.decode()
    assert "Sebutkan sumber lain yang sah dan tidak mengikat (Pasal 18)." in text
    assert not ActionRow.objects.filter(component="PW").exists()


def test_a_row_is_edited_in_place(world, client_for, plan):
    row = plan.rows.get(component="MP")
    client = client_for(world.head_a)
    form = client.get(reverse("planning:action_row_edit", args=[row.pk]), **HTMX)
    assert 'name="b12"' in form.content.decode()
    response = client.post(
        reverse("planning:action_row_edit", args=[row.pk]),
        _row_data(component="MP", action="Aksi MP diperbarui"), **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.action == "Aksi MP diperbarui"
    assert AuditRecord.objects.filter(action="rencana_aksi.baris_diubah").exists()


def test_a_reported_row_cannot_be_deleted_but_a_fresh_one_can(world, client_for, plan):
    mp, pp = plan.rows.order_by("order")
    report = MonthlyReport.objects.create(plan=plan, month=1)
    RealisationRow.objects.create(report=report, action_row=mp, percent=Decimal(5))
    client = client_for(world.kerja_a)
    refused = client.post(reverse("planning:action_row_delete", args=[mp.pk]), **HTMX)
    assert "tidak dapat dihapus" in refused.content.decode()
    assert ActionRow.objects.filter(pk=mp.pk).exists()
    client.post(reverse("planning:action_row_delete", args=[pp.pk]), **HTMX)
    assert not ActionRow.objects.filter(pk=pp.pk).exists()
    assert AuditRecord.objects.filter(action="rencana_aksi.baris_dihapus").exists()


def test_the_grid_shows_rows_under_pengungkit_and_hasil(world, client_for, plan):
    from integritas.planning.tests.conftest import make_row

    make_row(plan, "bersih", order=3)
    page = client_for(world.staff_a).get(plan.get_absolute_url()).content.decode()
    assert page.index("A. PENGUNGKIT") < page.index("Aksi MP 1") < page.index("B. HASIL")
    assert page.index("B. HASIL") < page.index("Aksi bersih 3")
    assert 'id="add-row"' not in page  # staff read only


def test_only_the_head_sets_the_plan(world, client_for, plan):
    url = reverse("planning:action_plan_set", args=[plan.pk])
    assert client_for(world.kerja_a).post(url).status_code == 404
    assert client_for(world.head_a).post(url).status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SET and plan.set_by == world.head_a


def test_a_plan_is_created_once_per_unit_and_year(world, client_for):
    url = reverse("planning:action_plan_create", args=[world.unit_a.pk, 2025])
    client = client_for(world.kerja_a)
    client.post(url)
    client.post(url)
    assert ActionPlan.objects.filter(unit=world.unit_a, year=2025).count() == 1
    assert client_for(world.staff_a).post(url).status_code == 404

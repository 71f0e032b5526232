"""The action plan as .xlsx in the Lampiran C layout: round trip, and an import checked in full."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from integritas.audit.models import AuditRecord
from integritas.planning import xlsx
from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow
from integritas.planning.selectors import rows_by_group
from integritas.planning.tests.conftest import make_row

pytestmark = pytest.mark.django_db
FIELDS = ["component", "goal", "indicator", "action", "pic_employee_id", "pic_text", "budget",
          "budget_source", "budget_source_note", "lke_question_codes", *MONTH_FIELDS]  # fmt: skip


def _values(rows):
    return [tuple(getattr(r, f) for f in FIELDS) for r in rows]


@pytest.fixture
def rich_plan(world, plan):
    make_row(plan, "pelayanan", order=3, budget=Decimal("12500000.50"), budget_source="other",
             budget_source_note="CSR Bank NTT", lke_question_codes=["P6.iv.a"],
             pic_employee=world.kerja_a.employee, pic_text="",
             goal="Tujuan dengan baris\nkedua", targets=[Decimal(v) for v in (0, 0, 12.5, 25, 25, 50, 50, 75, 75, 90, 100, 100)])  # fmt: skip
    make_row(plan, "bersih", order=4, budget_source_note="DPA 2025")
    return plan


def test_an_exported_plan_reads_back_identically(world, rich_plan):
    rows = list(rich_plan.rows.order_by("order"))
    data = xlsx.export(rich_plan, rows)
    other = ActionPlan.objects.create(unit=world.unit_a, year=2026)
    result = xlsx.parse(data, plan=other)
    assert result.problems == []
    grouped = [r for _group, _label, in_group in rows_by_group(rows) for r in in_group]
    assert _values(result.rows) == _values(grouped)


def test_the_export_has_the_lampiran_c_layout(world, rich_plan):
    sheet = load_workbook(io.BytesIO(xlsx.export(rich_plan, list(rich_plan.rows.all())))).active
    assert sheet["A1"].value == "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"
    assert sheet["A2"].value == world.unit_a.name.upper() and sheet["A3"].value == "TAHUN 2025"
    assert [sheet.cell(5, c).value for c in range(1, 9)] == xlsx.TEXT_COLUMNS
    assert sheet.cell(5, 9).value == "TARGET CAPAIAN"
    assert [sheet.cell(6, c).value for c in range(9, 21)] == [f"B{m:02d}" for m in range(1, 13)]
    column_a = [sheet.cell(r, 1).value for r in range(8, sheet.max_row + 1)]
    assert (
        column_a.index("A. PENGUNGKIT")
        < column_a.index("Manajemen Perubahan")
        < column_a.index("B. HASIL")
    )


def _broken_workbook(rich_plan):
    book = load_workbook(io.BytesIO(xlsx.export(rich_plan, list(rich_plan.rows.order_by("order")))))
    sheet = book.active
    sheet["K9"] = 150  # B03 of the first row
    sheet["A10"] = "Komponen Ajaib"
    sheet["H9"] = "P1.i.a, X9.y.z"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_every_problem_is_reported_by_row_and_column(world, rich_plan):
    result = xlsx.parse(_broken_workbook(rich_plan), plan=rich_plan)
    messages = [str(p) for p in result.problems]
    assert "Baris 9, kolom K (B03): Target harus antara 0 dan 100." in messages
    assert any(
        m.startswith('Baris 10, kolom A (KOMPONEN): Komponen tidak dikenal: "Komponen Ajaib"')
        for m in messages
    )
    assert "Baris 9, kolom H (KODE LKE): Bukan kode pertanyaan LKE: X9.y.z." in messages


def test_an_import_with_a_problem_writes_nothing(world, client_for, rich_plan):
    before = _values(rich_plan.rows.order_by("order"))
    client = client_for(world.kerja_a)
    upload = SimpleUploadedFile("rencana.xlsx", _broken_workbook(rich_plan))
    response = client.post(
        reverse("planning:action_plan_import", args=[rich_plan.pk]), {"file": upload}
    )
    assert response.status_code == 200 and 'id="import-problems"' in response.content.decode()
    commit = client.post(reverse("planning:action_plan_import_commit", args=[rich_plan.pk]))
    assert commit.status_code == 302
    assert _values(rich_plan.rows.order_by("order")) == before


def test_a_clean_import_replaces_the_rows_in_one_go(world, client_for, rich_plan):
    target = ActionPlan.objects.create(unit=world.unit_a, year=2026)
    make_row(target, "TT", order=1)
    data = xlsx.export(rich_plan, list(rich_plan.rows.all()))
    client = client_for(world.kerja_a)
    preview = client.post(
        reverse("planning:action_plan_import", args=[target.pk]),
        {"file": SimpleUploadedFile("rencana.xlsx", data)},
    )
    assert 'id="import-preview"' in preview.content.decode()
    client.post(reverse("planning:action_plan_import_commit", args=[target.pk]))
    assert sorted(target.rows.values_list("component", flat=True)) == sorted(
        ["MP", "PP", "pelayanan", "bersih"]
    )
    assert AuditRecord.objects.filter(action="rencana_aksi.impor").exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(world, client_for, plan):
    response = client_for(world.kerja_a).post(
        reverse("planning:action_plan_import", args=[plan.pk]),
        {"file": SimpleUploadedFile("rencana.xlsx", b"%PDF-1.4 nope")},
    )
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert ActionRow.objects.filter(plan=plan).count() == 2

"""Lampiran A, B and C rendered from the records: PDF (read back with pdftotext) and .docx."""

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from integritas.commitment.models import Declaration, DeclarationWitness
from integritas.documents.planning_docs import terbilang
from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow, WorkPlan, WorkPlanTarget

pytestmark = pytest.mark.django_db
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext not installed")


def _pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


@pytest.fixture
def declaration(world):
    declaration = Declaration.objects.create(
        scope="unit", unit=world.unit_a, declared_on=date(2025, 8, 18), place="Aula Dukcapil",
        head=world.head_a.employee, head_name="Drs. Yosef Tallo, M.Si.", head_position="Kepala Dinas",
    )  # fmt: skip
    DeclarationWitness.objects.create(
        declaration=declaration, role="inspectorate", name="Ir. Inspektur Kota"
    )
    DeclarationWitness.objects.create(
        declaration=declaration, role="public", name="Pdt. Tokoh Masyarakat"
    )
    Declaration.objects.create(scope="city", declared_on=date(2025, 8, 1), place="Kupang",
                               head_name="dr. Christian Widodo", head_position="Wali Kota Kupang")  # fmt: skip
    return declaration


def test_numbers_are_spelled_as_official_letters_do():
    assert terbilang(18) == "delapan belas"
    assert terbilang(2025) == "dua ribu dua puluh lima"
    assert terbilang(111) == "seratus sebelas"
    assert terbilang(1000) == "seribu"


@needs_poppler
def test_the_deklarasi_pdf_is_filled_from_the_declaration(world, client_for, declaration):
    response = client_for(world.staff_a).get(
        reverse("documents:declaration_doc", args=[declaration.pk, "deklarasi", "pdf"])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "DEKLARASI PEMBANGUNAN ZONA INTEGRITAS" in text
    assert (
        "PADA HARI INI SENIN TANGGAL DELAPAN BELAS BULAN AGUSTUS TAHUN DUA RIBU DUA PULUH LIMA"
        in text
    )
    assert "Drs. Yosef Tallo, M.Si." in text
    assert "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL" in text
    assert "PEMERINTAH KOTA KUPANG" in text  # the letterhead


@needs_poppler
def test_the_piagam_names_the_mayor_and_the_witnesses(world, client_for, declaration):
    response = client_for(world.head_a).get(
        reverse("documents:declaration_doc", args=[declaration.pk, "piagam", "pdf"])
    )
    text = _pdf_text(response.content)
    assert "PIAGAM PENCANANGAN PEMBANGUNAN ZONA INTEGRITAS" in text
    assert "dr. Christian Widodo" in text and "Ir. Inspektur Kota" in text
    assert (
        "Pdt. Tokoh Masyarakat" in text and "(nama lengkap dan gelar)" in text
    )  # no Tim ZI witness


def test_the_docx_versions_carry_the_same_record(world, client_for, declaration):
    client = client_for(world.head_a)
    for kind, title in (("deklarasi", "DEKLARASI PEMBANGUNAN"), ("piagam", "PIAGAM PENCANANGAN")):
        response = client.get(
            reverse("documents:declaration_doc", args=[declaration.pk, kind, "docx"])
        )
        assert response.status_code == 200
        text = _docx_text(response.content)
        assert title in text and "Drs. Yosef Tallo, M.Si." in text and "{{" not in text


def test_the_city_declaration_has_no_unit_documents(world, client_for, declaration):
    city = Declaration.objects.get(scope="city")
    url = reverse("documents:declaration_doc", args=[city.pk, "piagam", "pdf"])
    assert client_for(world.admin).get(url).status_code == 404


@pytest.fixture
def work_plan(world):
    plan = WorkPlan.objects.create(unit=world.unit_a, year=2025, decree_number="800/DUKCAPIL/12/2025",
                                   decree_date=date(2025, 1, 20), socialisation="Laman dinas\nApel pagi")  # fmt: skip
    WorkPlanTarget.objects.create(
        work_plan=plan, component="MP", targets="Agen perubahan ditetapkan"
    )
    return plan


@needs_poppler
def test_the_lampiran_b_decree_lists_the_targets_and_weights(world, client_for, work_plan):
    client = client_for(world.kerja_a)
    pdf = client.get(reverse("documents:workplan_decree", args=[work_plan.pk, "pdf"]))
    text = _pdf_text(pdf.content)
    assert "NOMOR 800/DUKCAPIL/12/2025" in text and "Agen perubahan ditetapkan" in text
    assert "22,50 %" in text and "Apel pagi" in text and "20 Januari 2025" in text
    docx = client.get(reverse("documents:workplan_decree", args=[work_plan.pk, "docx"]))
    text = _docx_text(docx.content)
    assert (
        "800/DUKCAPIL/12/2025" in text and "Agen perubahan ditetapkan" in text and "{%" not in text
    )
    assert "Apel pagi" in text


@needs_poppler
def test_the_lampiran_c_pdf_lists_the_rows_under_their_groups(world, client_for):
    plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    targets = dict(zip(MONTH_FIELDS, [Decimal(v * 8) for v in range(1, 13)], strict=True))
    ActionRow.objects.create(plan=plan, component="PW", goal="Cegah gratifikasi", indicator="Kampanye",
                             action="Pasang banner anti gratifikasi", pic_text="Sekretaris",
                             budget=Decimal(2500000), **targets)  # fmt: skip
    response = client_for(world.kerja_a).get(reverse("documents:actionplan_pdf", args=[plan.pk]))
    text = _pdf_text(response.content)
    assert "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS" in text and "TAHUN 2025" in text
    assert text.index("A. PENGUNGKIT") < text.index("Pasang banner") < text.index("B. HASIL")
    assert "2.500.000" in text

"""The proposal documents and the package for portalrb.id, rendered for a granted unit."""

import io
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from integritas.organization.models import Unit
from integritas.predicates import services
from integritas.predicates.tests.conftest import YEAR, make_final, record_facts

PDF_MAGIC = b"%PDF"
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext not installed")


@pytest.fixture
def approved(world, framework, clock):
    Unit.objects.filter(pk=world.unit_a.pk).update(is_stranas_pk=False)
    world.unit_a.refresh_from_db()
    record_facts(world, world.unit_a)
    make_final(world.unit_a, framework)
    item = services.recommendation_record(
        unit=world.unit_a, year=YEAR, outcome="proposed", by=world.tpi
    )
    services.recommendation_decide(recommendation=item, approve=True, by=world.pimpinan)
    return item


@pytest.fixture
def framework(db):
    from integritas.evaluation import engine
    from integritas.evaluation import services as evaluation_services

    return evaluation_services.framework_load(path=engine.published_frameworks()[0].source)


@pytest.fixture
def clock():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    with time_machine.travel(
        datetime(2026, 5, 20, 10, 0, tzinfo=ZoneInfo("Asia/Makassar")), tick=False
    ) as t:
        yield t


def test_the_package_holds_every_document_and_they_open(world, client_for, approved):
    response = client_for(world.admin).get(reverse("documents:predicates_package", args=[YEAR]))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    code = world.unit_a.code
    assert names == [
        f"00-surat-pengajuan-{YEAR}.pdf", f"00-surat-pengajuan-{YEAR}.docx", f"01-sptjm-instansi-{YEAR}.pdf",
        f"01-sptjm-instansi-{YEAR}.docx", f"01-{code}/sptjm-{code}.pdf", f"01-{code}/sptjm-{code}.docx",
        f"01-{code}/LKE-{code}-{YEAR}.xlsx", f"01-{code}/indeks-data-dukung.csv",
    ]  # fmt: skip
    for name in names:
        data = archive.read(name)
        if name.endswith(".pdf"):
            assert data.startswith(PDF_MAGIC)
        elif name.endswith(".docx"):
            from docx import Document

            assert Document(io.BytesIO(data)).paragraphs
        elif name.endswith(".xlsx"):
            from openpyxl import load_workbook

            assert load_workbook(io.BytesIO(data)).sheetnames
    index = archive.read(f"01-{code}/indeks-data-dukung.csv").decode("utf-8-sig")
    assert index.splitlines()[0] == "kode_pertanyaan,nama_berkas,sha256,diunggah_oleh,tanggal"


def pdf_text(data, tmp_path):
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout


@needs_poppler
def test_the_letters_name_the_unit_and_the_statements(world, client_for, approved, tmp_path):
    client = client_for(world.pimpinan)
    letter = pdf_text(
        client.get(reverse("documents:predicates_cover_letter", args=[YEAR, "pdf"])).content,
        tmp_path,
    )
    assert "Deputi Bidang Reformasi Birokrasi, Akuntabilitas Aparatur dan Pengawasan" in letter
    assert world.unit_a.name in " ".join(letter.split())
    sptjm = pdf_text(
        client.get(reverse("documents:predicates_sptjm_institution", args=[YEAR, "pdf"])).content,
        tmp_path,
    )
    flat = " ".join(sptjm.split())
    assert "data dukung komponen pengungkit" in flat and "data dukung komponen hasil" in flat
    unit = pdf_text(
        client.get(reverse("documents:predicates_sptjm_unit", args=[approved.pk, "pdf"])).content,
        tmp_path,
    )
    assert "SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK" in unit
    assert "20 Mei 2026" in unit


@pytest.mark.parametrize("username", ["tpi", "head_a", "staff_b", "pendamping"])
def test_only_admin_and_pimpinan_download_the_package(world, client_for, approved, username):
    client = client_for(world.users[username])
    assert client.get(reverse("documents:predicates_package", args=[YEAR])).status_code == 404
    assert (
        client.get(reverse("documents:predicates_cover_letter", args=[YEAR, "pdf"])).status_code
        == 404
    )
    sptjm = client.get(
        reverse("documents:predicates_sptjm_unit", args=[approved.pk, "pdf"])
    ).status_code
    assert sptjm == (404 if username == "staff_b" else 200)


def test_the_monitoring_letter_renders(world, client_for, approved):
    predicate = services.tpn_result_record(
        recommendation=approved,
        granted=True,
        decree_number="KEP/1/2026",
        granted_on=date(2026, 5, 15),
        by=world.admin,
    )
    monitoring = services.monitoring_record(
        predicate=predicate,
        done_on=date(2026, 5, 20),
        still_meets=True,
        findings="Baik\nPerlu sosialisasi",
        by=world.tpi,
    )
    response = client_for(world.tpi).get(
        reverse("documents:predicates_monitoring_letter", args=[monitoring.pk, "pdf"])
    )
    assert response.status_code == 200 and response.content.startswith(PDF_MAGIC)


@needs_poppler
def test_the_internal_report_lists_the_unit_from_its_snapshot(
    world, client_for, approved, tmp_path
):
    from integritas.evaluation.models import AssessmentSnapshot

    AssessmentSnapshot.objects.create(
        assessment=approved.assessment, sha256="0" * 64,
        data={"scores": {"tpi": {"total": "91.25", "pengungkit": "55.5", "hasil": "35.75"}}},
    )  # fmt: skip
    services.follow_up_add(
        recommendation=approved, action="Sosialisasi maklumat", responsible="Kepala Dinas", due_on=date(2026, 6, 30),
        by=world.admin,
    )  # fmt: skip
    response = client_for(world.tpi).get(
        reverse("documents:predicates_internal_report", args=[YEAR, "pdf"])
    )
    text = " ".join(pdf_text(response.content, tmp_path).split())
    assert "91,25" in text and "Sosialisasi maklumat" in text and "Diusulkan ke TPN" in text
    assert (
        client_for(world.head_a)
        .get(reverse("documents:predicates_internal_report", args=[YEAR, "pdf"]))
        .status_code
        == 404
    )


def test_every_document_opens_as_docx_with_its_text(world, client_for, approved):
    from docx import Document

    predicate = services.tpn_result_record(
        recommendation=approved,
        granted=True,
        decree_number="KEP/1/2026",
        granted_on=date(2026, 5, 15),
        by=world.admin,
    )
    monitoring = services.monitoring_record(
        predicate=predicate, done_on=date(2026, 5, 20), still_meets=False, findings="=SUM(A1)\nSOP belum lengkap",
        by=world.tpi,
    )  # fmt: skip
    client = client_for(world.admin)
    urls = {
        "Deputi Bidang Reformasi Birokrasi": reverse(
            "documents:predicates_cover_letter", args=[YEAR, "docx"]
        ),
        "data dukung komponen hasil": reverse(
            "documents:predicates_sptjm_institution", args=[YEAR, "docx"]
        ),
        "SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK": reverse(
            "documents:predicates_sptjm_unit", args=[approved.pk, "docx"]
        ),
        "=SUM(A1)": reverse("documents:predicates_monitoring_letter", args=[monitoring.pk, "docx"]),
        "LAPORAN HASIL EVALUASI INTERNAL": reverse(
            "documents:predicates_internal_report", args=[YEAR, "docx"]
        ),
    }
    for expected, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        document = Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        assert expected in text, url
    assert (
        client.get(reverse("documents:predicates_cover_letter", args=[YEAR, "odt"])).status_code
        == 404
    )

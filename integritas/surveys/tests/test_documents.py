"""The SKM result report (.docx and PDF), the QR poster and the code slips render what they must."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document

from integritas.surveys import services
from integritas.surveys.models import FollowUp
from integritas.surveys.tests.conftest import answers_for, make_wave

pytestmark = pytest.mark.django_db

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


@pytest.fixture
def skm(world):
    wave = make_wave(
        world, access_mode="link", services_spec=(("KTP-el", 60), ("Akta Kelahiran", 30))
    )
    rows = [
        (
            "KTP-el",
            [4, 4, 3, 4, 3, 4, 4, 2, 4],
            {"jenis_kelamin": "L", "usia": "30-39", "pendidikan": "sma"},
        ),
        (
            "KTP-el",
            [3, 3, 3, 4, 3, 4, 4, 2, 3],
            {"jenis_kelamin": "P", "usia": "20-29", "pekerjaan": "swasta"},
        ),
        ("Akta Kelahiran", [4, 3, 2, 4, 4, 4, 3, 3, 4], {"jenis_kelamin": "P"}),
        ("Akta Kelahiran", [4, 4, 3, 4, 4, 4, 4, 2, 4], {}),
    ]
    for i, (service, values, profile) in enumerate(rows):
        services.response_enter_paper(
            wave=wave, service=wave.services.get(name=service), answers=answers_for(wave, values),
            profile=profile, sheet_number=str(i + 1), by=world.kerja_a,
        )  # fmt: skip
    FollowUp.objects.create(
        wave=wave, item_code="U8", action="Sosialisasi kanal pengaduan SP4N-LAPOR!",
        timeline="Oktober 2025", responsible="Sekretaris Dinas",
    )  # fmt: skip
    services.wave_update(
        wave=wave, changes={"report_analysis": "Pengaduan perlu dibenahi."}, by=world.kerja_a
    )
    return services.wave_close(wave=wave, by=world.kerja_a)


# NRR: U1 15/4=3,750; U3 11/4=2,750; U8 9/4=2,250; IKM = 125/(4×9)×25 = 86,81 → B (Baik)


def test_the_skm_report_docx_has_the_profile_nrr_ikm_mutu_and_follow_up(world, client_for, skm):
    response = client_for(world.staff_a).get(
        reverse("documents:survey_skm_report", args=[skm.pk, "docx"])
    )
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text
    assert "86,81" in text and "Baik" in text
    assert "{{" not in text and "{%" not in text and not any("{{" in c for c in cells)
    assert "3,750" in cells and "2,250" in cells  # NRR U1 and U8
    assert "Sosialisasi kanal pengaduan SP4N-LAPOR!" in cells
    assert "Laki-laki" in cells and "Perempuan" in cells and "Tidak diisi" in cells
    assert "Akta Kelahiran" in cells
    assert "Pengaduan perlu dibenahi." in text
    assert f"Kepala {world.unit_a.name}" in "\n".join(cells)


@needs_pdftotext
def test_the_skm_report_pdf_shows_the_key_numbers(world, client_for, skm):
    response = client_for(world.kerja_a).get(
        reverse("documents:survey_skm_report", args=[skm.pk, "pdf"])
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text
    assert "86,81" in text and "Baik" in text
    assert "3,750" in text and "2,750" in text and "2,250" in text
    assert "Penanganan Pengaduan" in text and "Sosialisasi kanal pengaduan" in text
    assert "Perempuan" in text and "Kupang," in text


def test_the_skm_report_exists_only_for_skm_waves(world, client_for):
    spak = make_wave(world, kind="spak")
    client = client_for(world.kerja_a)
    assert (
        client.get(reverse("documents:survey_skm_report", args=[spak.pk, "pdf"])).status_code == 404
    )


@needs_pdftotext
def test_the_poster_carries_the_service_the_qr_and_the_short_url(world, client_for):
    wave = make_wave(world, access_mode="link", services_spec=(("Perekaman KTP-el", 80),))
    service = wave.services.get()
    response = client_for(world.kerja_a).get(
        reverse("documents:survey_poster", args=[wave.pk, service.pk])
    )
    text = pdf_text(response.content)
    assert "Perekaman KTP-el" in text
    assert f"/s/{wave.token}/?l={service.pk}" in text
    assert "Pindai kode QR" in text
    assert world.unit_a.name.upper() in text


@needs_pdftotext
def test_code_slips_print_every_code_once(world, client_for):
    wave = make_wave(world, kind="spkp")
    batch = services.codes_issue(
        wave=wave, service=wave.services.get(), count=30, validity_days=5, by=world.kerja_a
    )
    response = client_for(world.kerja_a).get(
        reverse("documents:survey_code_slips", args=[wave.pk, batch.pk])
    )
    text = pdf_text(response.content)
    for code in batch.codes.all():
        assert text.count(code.display) == 1

"""Excel: export laid out like the LKE worksheet; import previews every problem, writes all or none."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from integritas.audit.models import AuditRecord
from integritas.evaluation import excel, selectors, services
from integritas.evaluation.models import Answer, HasilInput

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def started(world, assessment):
    services.answer_save(
        assessment=assessment,
        question_code="P1.i.b",
        option_label="A",
        note="awal",
        by=world.kerja_a,
    )
    services.hasil_save(assessment=assessment, by=world.kerja_a, ipak_index=Decimal("3.2"))
    return assessment


def _export(client, assessment):
    response = client.get(reverse("evaluation:export_excel", args=[assessment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def _rows_by_code(sheet):
    headers = [c.value for c in sheet[1]]
    code_col = headers.index("Kode")
    return headers, {
        row[code_col].value: row for row in sheet.iter_rows(min_row=2) if row[code_col].value
    }


def _bytes(workbook):
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_export_is_laid_out_like_the_lke_worksheet(world, client_for, started, lke):
    workbook = _export(client_for(world.kerja_a), started)
    sheet = workbook["LKE"]
    headers, rows = _rows_by_code(sheet)
    assert headers[:11] == [
        "Komponen", "Area", "Sub-indikator", "Kode", "Pertanyaan", "Jawaban", "Nilai", "Bobot",
        "Skor", "Catatan", "Data dukung",
    ]  # fmt: skip
    row = rows["P1.i.b"]
    values = {h: c.value for h, c in zip(headers, row, strict=False)}
    assert values["Komponen"] == "Pengungkit – Pemenuhan"
    assert values["Area"] == "1. Manajemen Perubahan"
    assert values["Jawaban"] == "A" and values["Catatan"] == "awal"
    assert Decimal(str(values["Nilai"])) == 1 and Decimal(str(values["Bobot"])) == Decimal("0.25")
    assert "R1.i.a/jml_agen_perubahan" in rows
    assert "ipak_index" in rows
    assert sum(1 for code in rows if "/" not in code and code[0] in "PR") == len(lke.questions)
    assert workbook["Ringkasan"]["A1"].value == "Unit"


def test_a_filled_worksheet_round_trips_through_preview_and_commit(world, client_for, started):
    client = client_for(world.kerja_a)
    workbook = _export(client, started)
    sheet = workbook["LKE"]
    headers, rows = _rows_by_code(sheet)
    answer, note = headers.index("Jawaban"), headers.index("Catatan")
    rows["P1.i.b"][answer].value = "c"
    rows["P1.i.a"][answer].value = "Ya"
    rows["P1.i.a"][note].value = "SK terlampir"
    rows["R1.i.a/jml_agen_perubahan"][answer].value = 10
    rows["R1.i.a/jml_perubahan_dibuat"][answer].value = 7
    rows["R3.iii.a"][answer].value = "62,5"
    rows["ipkp_index"][answer].value = 3.45
    rows["capaian_kinerja"][answer].value = "B"
    upload = SimpleUploadedFile("lke.xlsx", _bytes(workbook), content_type=XLSX)
    preview = client.post(reverse("evaluation:import", args=[started.pk]), {"file": upload})
    body = preview.content.decode()
    assert preview.status_code == 200 and 'id="import-preview"' in body, body[:3000]
    assert not Answer.objects.filter(question_code="P1.i.a").exists()  # nothing written yet
    response = client.post(reverse("evaluation:import_commit", args=[started.pk]))
    assert response.status_code == 302
    answers = {a.question_code: a for a in Answer.objects.filter(assessment=started)}
    assert answers["P1.i.b"].option_label == "C" and answers["P1.i.b"].note == "awal"
    assert (answers["P1.i.a"].option_label, answers["P1.i.a"].note) == ("Ya", "SK terlampir")
    assert answers["R1.i.a"].inputs == {"jml_agen_perubahan": 10, "jml_perubahan_dibuat": 7}
    assert answers["R3.iii.a"].percent == Decimal("62.5")
    hasil = HasilInput.objects.get(assessment=started)
    assert (hasil.ipak_index, hasil.ipkp_index, hasil.capaian_kinerja) == (
        Decimal("3.2"),
        Decimal("3.45"),
        "B",
    )
    assert AuditRecord.objects.filter(action="lke.diimpor").count() == 1


def test_a_bad_worksheet_reports_every_problem_and_writes_nothing(world, client_for, started):
    client = client_for(world.kerja_a)
    workbook = _export(client, started)
    sheet = workbook["LKE"]
    headers, rows = _rows_by_code(sheet)
    answer = headers.index("Jawaban")
    rows["P1.i.a"][answer].value = "Mungkin"
    rows["P1.i.b"][answer].value = "C"  # valid, but must not be written either
    rows["R1.i.b"][answer].value = 140
    rows["R1.i.a/jml_agen_perubahan"][answer].value = -2
    rows["ipak_index"][answer].value = 4.5
    sheet.append(["", "", "", "Z9.x.y", "pertanyaan karangan", "A"])
    upload = SimpleUploadedFile("lke.xlsx", _bytes(workbook), content_type=XLSX)
    response = client.post(reverse("evaluation:import", args=[started.pk]), {"file": upload})
    body = response.content.decode()
    assert 'id="import-problems"' in body and "6 masalah" not in body
    for text in ("Mungkin", "140", "-2", "4,5", "Z9.x.y", "tidak dikenal"):
        assert text in body, text
    assert "Berkas ditolak: 5 masalah" in body
    commit = client.post(reverse("evaluation:import_commit", args=[started.pk]))
    assert commit.status_code == 302
    assert Answer.objects.get(question_code="P1.i.b").option_label == "A"
    assert not Answer.objects.filter(question_code="P1.i.a").exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(world, client_for, started):
    upload = SimpleUploadedFile("lke.xlsx", b"%PDF-1.4 bukan lembar kerja", content_type=XLSX)
    response = client_for(world.kerja_a).post(
        reverse("evaluation:import", args=[started.pk]), {"file": upload}
    )
    assert "Jenis berkas tidak diterima" in response.content.decode()


def test_a_submitted_assessment_cannot_be_imported_into(world, client_for, submitted):
    response = client_for(world.kerja_a).get(reverse("evaluation:import", args=[submitted.pk]))
    assert response.status_code == 404


def test_the_check_refuses_changes_to_questions_not_returned(world, submitted, ketua):
    services.assessment_return(
        assessment=submitted, question_codes=["P1.i.b"], note="perbaiki", by=world.tpi
    )
    submitted.refresh_from_db()
    data = selectors.assessment_data(submitted)
    workbook_bytes = excel.export_workbook(data)
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    headers, rows = _rows_by_code(workbook["LKE"])
    rows["P1.i.a"][headers.index("Jawaban")].value = "Tidak"
    rows["P1.i.b"][headers.index("Jawaban")].value = "B"
    check = excel.check_workbook(_bytes(workbook), data)
    assert [p.code for p in check.problems] == ["P1.i.a"]

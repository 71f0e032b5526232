"""LKE import: number cells and typed Indonesian numbers are read as meant, ambiguity refused."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integritas.evaluation.models import Answer
from integritas.evaluation.tests.test_excel import XLSX, _bytes, _export, _rows_by_code

pytestmark = pytest.mark.django_db


def _upload(client, assessment, values):
    workbook = _export(client, assessment)
    sheet = workbook["LKE"]
    headers, rows = _rows_by_code(sheet)
    answer = headers.index("Jawaban")
    for code, value in values.items():
        rows[code][answer].value = value
    upload = SimpleUploadedFile("lke.xlsx", _bytes(workbook), content_type=XLSX)
    return client.post(reverse("evaluation:import", args=[assessment.pk]), {"file": upload})


def test_typed_and_numeric_cells_are_read_as_meant(world, client_for, assessment):
    client = client_for(world.kerja_a)
    preview = _upload(
        client,
        assessment,
        {"R3.iii.a": "66,7", "R1.i.b": 87.125, "R1.i.a/jml_agen_perubahan": "1.250",
         "R1.i.a/jml_perubahan_dibuat": 1000},
    )  # fmt: skip
    body = preview.content.decode()
    assert 'id="import-preview"' in body, body[:2000]
    assert "66,7" in body and "87,125" in body
    client.post(reverse("evaluation:import_commit", args=[assessment.pk]))
    answers = {a.question_code: a for a in Answer.objects.filter(assessment=assessment)}
    assert answers["R3.iii.a"].percent == Decimal("66.7")
    assert answers["R1.i.b"].percent == Decimal("87.125")
    assert answers["R1.i.a"].inputs == {"jml_agen_perubahan": 1250, "jml_perubahan_dibuat": 1000}


@pytest.mark.parametrize(
    ("value", "words"),
    [("1.250", "dapat berarti"), ("87,12345", "paling banyak 4"), ("1,250.5", "Inggris"),
     ("1e2", "bukan angka")],
)  # fmt: skip
def test_an_ambiguous_typed_percentage_is_refused_with_its_readings(
    world, client_for, assessment, value, words
):
    body = _upload(client_for(world.kerja_a), assessment, {"R3.iii.a": value}).content.decode()
    assert 'id="import-problems"' in body and words in body
    assert not Answer.objects.filter(question_code="R3.iii.a").exists()

"""An .xlsx whose NIP is stored as a number has lost digits already: say to format it as text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from integritas.organization import imports
from integritas.organization.models import Employee
from integritas.organization.testing import make_nip

pytestmark = pytest.mark.django_db

HEADER = ["nip", "nama", "gelar_depan", "gelar_belakang", "status", "pangkat_golongan", "jabatan",
          "kode_unit", "email"]  # fmt: skip


def _xlsx(*nips) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for i, nip in enumerate(nips):
        ws.append([nip, f"Pegawai {i}", "", "", "PNS", "", "", "DUKCAPIL", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_numeric_nip_cells_are_found_by_row():
    good = make_nip(serial=41)
    cut = float(make_nip(serial=42))  # what Excel keeps: 15 significant digits
    data = _xlsx(good, int(make_nip(serial=43)), cut)
    assert imports.numeric_nip_rows(data) == {3, 4}


def test_the_import_refuses_a_numeric_nip_and_says_to_format_the_column_as_text(world, client_for):
    nip = make_nip(serial=44)
    upload = SimpleUploadedFile("pegawai.xlsx", _xlsx(make_nip(serial=45), int(nip)))
    response = client_for(world.admin).post(
        reverse("organization:import"), {"kind": "employees", "file": upload}
    )
    assert response.status_code == 200
    check = response.context["check"]
    assert not check.ok
    assert [(p.row, p.column) for p in check.problems] == [(3, "nip")]
    assert "Format kolom NIP sebagai Teks" in response.content.decode()
    assert not Employee.objects.filter(name__startswith="Pegawai ").exists()


def test_a_text_nip_passes(world, client_for):
    upload = SimpleUploadedFile("pegawai.xlsx", _xlsx(make_nip(serial=46)))
    response = client_for(world.admin).post(
        reverse("organization:import"), {"kind": "employees", "file": upload}
    )
    assert response.context["check"].ok

"""SP4N-LAPOR! export import: every bad row listed, duplicates skipped, all rows or none."""

import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from integritas.common.tabular import read_table
from integritas.complaints import lapor, services
from integritas.complaints.models import Channel, Complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-03-16 09:00 +08:00", tick=False):
        yield


HEADER = "nomor_tracking,tanggal,judul,isi,kategori,status,kode_unit\n"


def _table(text: str):
    return read_table(text.encode(), kind="csv", limits=lapor.IMPORT_FORMAT)


def test_good_rows_are_written_with_their_dates_and_a_finished_case_is_closed(world):
    table = _table(
        HEADER
        + "LPR-001,02/03/2026,KTP lambat,Sudah 3 bulan KTP belum jadi,Kependudukan,Diproses,DUKCAPIL\n"
        + "LPR-002,2026-03-03,Izin,Izin usaha ditolak tanpa alasan,Perizinan,Selesai,DPMPTSP\n"
    )
    result = lapor.lapor_import(table=table, default_unit=None, by=world.admin)
    assert len(result.rows) == 2
    first = Complaint.objects.get(lapor_tracking="LPR-001")
    assert first.channel == Channel.LAPOR and first.unit == world.unit_a
    assert first.received_on.isoformat() == "2026-03-02" and first.title == "KTP lambat"
    assert first.lapor_category == "Kependudukan" and first.status == Complaint.Status.RECEIVED
    second = Complaint.objects.get(lapor_tracking="LPR-002")
    assert second.status == Complaint.Status.CLOSED and second.outcome == Complaint.Outcome.RESOLVED


def test_every_bad_row_is_listed_and_nothing_is_written(world):
    table = _table(
        HEADER
        + "LPR-010,02/03/2026,Baik,Isi baik,,Diproses,DUKCAPIL\n"
        + ",02/03/2026,Tanpa nomor,Isi,,,DUKCAPIL\n"
        + "LPR-011,31/02/2026,Tanggal salah,Isi,,,DUKCAPIL\n"
        + "LPR-012,02/03/2026,Status aneh,Isi,,Dibakar,DUKCAPIL\n"
        + "LPR-013,02/03/2026,Unit aneh,Isi,,,TIDAKADA\n"
        + "LPR-014,01/04/2026,Masa depan,Isi,,,DUKCAPIL\n"
    )
    with pytest.raises(lapor.ImportRejected) as caught:
        lapor.lapor_import(table=table, default_unit=None, by=world.admin)
    problems = {(p.row, p.column) for p in caught.value.check.problems}
    assert problems == {(3, "nomor_tracking"), (4, "tanggal"), (5, "status"), (6, "kode_unit"),
                        (7, "tanggal")}  # fmt: skip
    assert Complaint.objects.count() == 0


def test_duplicates_in_the_register_and_in_the_file_are_skipped_and_reported(world):
    services.complaint_record(
        channel=Channel.LAPOR,
        unit=world.unit_a,
        what="lama",
        by=world.admin,
        lapor_tracking="LPR-100",
    )
    table = _table(
        HEADER
        + "LPR-100,02/03/2026,Lama,Sudah ada,,,DUKCAPIL\n"
        + "LPR-101,02/03/2026,Baru,Baru,,,DUKCAPIL\n"
        + "LPR-101,02/03/2026,Baru lagi,Diulang di berkas,,,DUKCAPIL\n"
    )
    result = lapor.lapor_import(table=table, default_unit=None, by=world.admin)
    assert [r["tracking"] for r in result.rows] == ["LPR-101"]
    assert result.duplicates == [(2, "LPR-100"), (4, "LPR-101")]
    assert Complaint.objects.count() == 2


def test_missing_required_columns_are_named(world):
    with pytest.raises(lapor.ImportRejected) as caught:
        lapor.lapor_import(
            table=_table("judul,isi\nA,B\n"), default_unit=world.unit_a, by=world.admin
        )
    assert {p.column for p in caught.value.check.problems} == {"nomor_tracking", "tanggal"}


def test_an_xlsx_export_with_the_default_unit_is_read(world, client_for):
    book = Workbook()
    sheet = book.active
    sheet.append(["Nomor Tracking", "Tanggal", "Judul", "Isi", "Kategori", "Status"])
    sheet.append(
        ["LPR-200", "05/03/2026", "Antrean", "Antrean panjang", "Layanan", "Terverifikasi"]
    )
    out = io.BytesIO()
    book.save(out)
    client = client_for(world.admin)
    upload = SimpleUploadedFile("ekspor.xlsx", out.getvalue())
    preview = client.post(
        reverse("complaints:lapor_import"), {"berkas": upload, "unit": world.unit_b.pk}
    )
    assert preview.status_code == 200 and "LPR-200" in preview.content.decode()
    assert Complaint.objects.count() == 0  # the preview writes nothing
    done = client.post(reverse("complaints:lapor_commit"))
    assert done.status_code == 302
    assert Complaint.objects.get().unit == world.unit_b


def test_a_unit_officer_cannot_import_rows_of_another_unit(world, client_for):
    upload = SimpleUploadedFile(
        "ekspor.csv", (HEADER + "LPR-300,02/03/2026,X,Isi,,,DPMPTSP\n").encode()
    )
    response = client_for(world.head_a).post(reverse("complaints:lapor_import"), {"berkas": upload})
    assert response.status_code == 400
    assert "tidak menangani pengaduan unit ini" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_disguised_import_file_is_refused(world, client_for):
    upload = SimpleUploadedFile("ekspor.xlsx", b"\x00\x01\x02 not a spreadsheet")
    response = client_for(world.admin).post(reverse("complaints:lapor_import"), {"berkas": upload})
    assert (
        response.status_code == 400 and "Jenis berkas tidak diterima" in response.content.decode()
    )

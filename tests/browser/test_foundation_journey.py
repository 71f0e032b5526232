"""Administrator logs in, opens a unit, imports a small employee file."""

import pytest

from integritas.organization.models import Employee
from integritas.organization.testing import make_nip

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_opens_a_unit_and_imports_employees(world, page, login, live_server, shot, tmp_path):
    login(page, "admin")
    shot(page, "foundation-01-home-admin")
    page.click("text=Unit Kerja")
    page.wait_for_selector("h1:has-text('Unit Kerja')")
    page.click(f"text={world.unit_a.name}")
    page.wait_for_selector(f"h1:has-text('{world.unit_a.name}')")
    shot(page, "foundation-02-unit-detail")

    bad = tmp_path / "pegawai-salah.csv"
    bad.write_text(
        "nip,nama,status,jabatan,kode_unit\n"
        f"{make_nip(serial=101)},Yakobus Manafe,PNS,Analis,DUKCAPIL\n"
        "198502302010011003,Tanggal Mustahil,PNS,Analis,DUKCAPIL\n",
        encoding="utf-8",
    )
    page.goto(f"{live_server.url}/organisasi/impor/")
    page.select_option("#id_kind", "employees")
    page.set_input_files("#id_file", str(bad))
    page.click("button:has-text('Periksa berkas')")
    problems = page.wait_for_selector("#import-problems")
    assert "bukan tanggal yang ada" in problems.inner_text()
    shot(page, "foundation-03-import-rejected")
    assert not Employee.objects.filter(name="Yakobus Manafe").exists()

    good = tmp_path / "pegawai.csv"
    good.write_text(
        "nip,nama,status,jabatan,kode_unit\n"
        f"{make_nip(serial=101)},Yakobus Manafe,PNS,Analis,DUKCAPIL\n"
        f"{make_nip(serial=102)},Martha Bessie,PPPK,Pranata Komputer,DUKCAPIL\n",
        encoding="utf-8",
    )
    page.set_input_files("#id_file", str(good))
    page.click("button:has-text('Periksa berkas')")
    page.wait_for_selector("#import-preview")
    shot(page, "foundation-04-import-preview")
    page.click("button:has-text('Simpan semua baris')")
    page.wait_for_selector("text=Impor selesai")
    shot(page, "foundation-05-import-done")
    assert (
        Employee.objects.filter(
            name__in=["Yakobus Manafe", "Martha Bessie"], unit=world.unit_a
        ).count()
        == 2
    )


def test_staff_of_unit_b_cannot_open_unit_a(world, page, login, live_server):
    login(page, "staff_b")
    response = page.goto(f"{live_server.url}/organisasi/unit/{world.unit_a.pk}/")
    assert response.status == 404

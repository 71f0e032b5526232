"""Building the zone: a mass signing, the declaration (with its gate), an action plan, a monthly
report submitted by the Tim Kerja and accepted by the Tim Pendamping."""

import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from integritas.commitment.models import Declaration, IntegrityPact
from integritas.organization.models import Employee
from integritas.organization.testing import make_nip
from integritas.planning.models import ActionRow, MonthlyReport

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _add_staff(unit, n):
    rng = random.Random(5)
    used = set(Employee.objects.values_list("nip", flat=True))
    people = []
    for i in range(n):
        nip = make_nip(rng)
        while nip in used:
            nip = make_nip(rng)
        used.add(nip)
        people.append(
            Employee(
                nip=nip, name=f"Staf Dukcapil {i + 1:02d}", unit=unit, position="Pengadministrasi"
            )
        )
    return Employee.objects.bulk_create(people)


def _fill_row(page, *, component, action, targets):
    form = page.locator("tr.action-row-form form")
    form.locator("[name=component]").select_option(component)
    form.locator("[name=goal]").fill(f"Tujuan {component}")
    form.locator("[name=indicator]").fill(f"Indikator {component} terukur")
    form.locator("[name=action]").fill(action)
    form.locator("[name=pic_text]").fill("Sekretaris Dinas")
    form.locator("[name=budget]").fill("2500000")
    for month, value in enumerate(targets, start=1):
        form.locator(f"[name=b{month:02d}]").fill(str(value))


def test_a_unit_builds_its_zone_from_pacts_to_an_accepted_report(
    world, page, login, live_server, shot, tmp_path
):
    _add_staff(world.unit_a, 6)  # 10 active employees in unit A
    unit = world.unit_a

    # 1. The head records a mass signing for half of the unit: the gate refuses at exactly half.
    login(page, "head_a")
    page.goto(f"{live_server.url}/komitmen/unit/{unit.pk}/")
    page.click("text=Penandatanganan massal")
    page.wait_for_selector("#mass-form")
    page.fill("#id_note", "Apel pagi pencanangan")
    boxes = page.locator(".employee-box")
    for i in range(5):
        boxes.nth(i).check()
    page.wait_for_selector("#selected-count:has-text('5 dipilih')")
    shot(page, "zone-01-mass-signing")
    page.click("button:has-text('Simpan penandatanganan')")
    page.wait_for_selector("text=Penandatanganan massal tercatat: 5 pegawai.")
    assert IntegrityPact.objects.filter(unit=unit).count() == 5

    page.goto(f"{live_server.url}/komitmen/unit/{unit.pk}/pencanangan/")
    gate = page.wait_for_selector("#gate")
    assert "5 dari 10 pegawai (50,00 %) — harus lebih dari 50 %" in gate.inner_text()
    assert page.locator("button:has-text('Catat pencanangan')").is_disabled()
    shot(page, "zone-02-declaration-refused")

    # 2. One more signs (select the missing ones, then keep one), and the head declares.
    page.goto(f"{live_server.url}/komitmen/unit/{unit.pk}/pakta/massal/")
    page.click("#select-missing")
    missing = page.locator(".employee-box:checked")
    assert missing.count() == 5
    for _ in range(4):
        missing.nth(1).uncheck()  # the list shrinks as boxes are unchecked
    page.wait_for_selector("#selected-count:has-text('1 dipilih')")
    page.click("button:has-text('Simpan penandatanganan')")
    page.wait_for_selector("text=Penandatanganan massal tercatat: 1 pegawai.")
    page.goto(f"{live_server.url}/komitmen/unit/{unit.pk}/pencanangan/")
    assert "6 dari 10 pegawai (60,00 %)" in page.inner_text("#gate")
    page.fill("#id_place", "Aula Dinas Kependudukan dan Pencatatan Sipil")
    page.fill("#id_saksi-0-name", "Drs. Inspektur Kota")
    page.fill("#id_saksi-1-name", "Ketua Tim Kerja ZI")
    page.fill("#id_saksi-2-name", "Tokoh Masyarakat Oebobo")
    shot(page, "zone-03-declaration-form")
    page.click("button:has-text('Catat pencanangan')")
    page.wait_for_selector("#follow-up")
    assert "tidak dapat dihapus" in page.confirmations[-1]  # asked first, said what is locked
    assert "4 pegawai belum menandatangani" in page.inner_text("main")
    shot(page, "zone-04-declared")
    declaration = Declaration.objects.get(unit=unit)
    assert (declaration.pact_signed, declaration.pact_total) == (6, 10)

    # The Piagam as a PDF, turned into an image to look at.
    pdf = page.request.get(f"{live_server.url}/dokumen/pencanangan/{declaration.pk}/piagam.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    if shutil.which("pdftoppm"):
        path = tmp_path / "piagam.pdf"
        path.write_bytes(pdf.body())
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "70",
                "-png",
                "-singlefile",
                str(path),
                str(SHOTS / "zone-05-piagam-pdf"),
            ],
            check=True,
        )

    # 3. The Tim Kerja builds an action plan of two rows; a bad target is shown in its cell.
    page.context.clear_cookies()
    login(page, "kerja_a")
    page.goto(f"{live_server.url}/rencana/unit/{unit.pk}/")
    page.click("button:has-text('Buat rencana aksi')")
    page.wait_for_selector("text=Rencana aksi pembangunan ZI")
    page.wait_for_selector("text=Belum ada baris.")
    page.click("#add-row")
    page.wait_for_selector("tr.action-row-form form")
    _fill_row(page, component="MP", action="Menetapkan agen perubahan",
              targets=[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 100, 100])  # fmt: skip
    page.click("tr.action-row-form button:has-text('Simpan baris')")
    page.wait_for_selector("td:has-text('Menetapkan agen perubahan')")
    page.click("#add-row")
    page.wait_for_selector("tr.action-row-form form")
    _fill_row(page, component="PP", action="Maklumat dan standar pelayanan",
              targets=[10, 20, 15, 40, 50, 60, 70, 80, 90, 100, 100, 100])  # fmt: skip
    page.click("tr.action-row-form button:has-text('Simpan baris')")
    error = page.wait_for_selector("tr.action-row-form .month-error")
    assert "tidak boleh lebih kecil" in error.inner_text()
    assert (
        page.locator("tr.action-row-form [name=action]").input_value()
        == "Maklumat dan standar pelayanan"
    )
    shot(page, "zone-06-row-error")
    page.locator("tr.action-row-form [name=b03]").fill("30")
    page.click("tr.action-row-form button:has-text('Simpan baris')")
    page.wait_for_selector("td:has-text('Maklumat dan standar pelayanan')")
    page.wait_for_selector("#plan-summary:has-text('2 rencana aksi')")
    shot(page, "zone-07-action-plan")
    assert ActionRow.objects.filter(plan__unit=unit).count() == 2

    # 4. The monthly report of January: fill in, save, submit.
    page.goto(f"{live_server.url}/rencana/unit/{unit.pk}/")
    page.locator("#month-strip button:has-text('Buat laporan')").first.click()
    page.wait_for_selector("#report-form")
    percents = page.locator("#report-form input[inputmode=decimal]").all()
    assert percents
    for i, field in enumerate(percents):
        field.fill(f"{10 + i},5")  # Indonesian decimals, read as 10,5 — not 105
    for field in page.locator("#report-form textarea").all():
        field.fill("Terlaksana sesuai rencana")
    page.click("button:has-text('Simpan realisasi')")
    page.wait_for_selector("text=Realisasi tersimpan.")
    page.click("#submit-report")
    page.wait_for_selector("#report-status:has-text('Diajukan')")
    shot(page, "zone-08-report-submitted")
    report = MonthlyReport.objects.get(plan__unit=unit)
    assert report.status == "submitted" and report.month == 1
    assert sorted(report.rows.values_list("percent", flat=True)) == [
        Decimal(f"{10 + i}.5") for i in range(len(percents))
    ]

    # 5. The Pendamping finds it on the home page and accepts it.
    page.context.clear_cookies()
    login(page, "pendamping")
    page.click(".card:has-text('Laporan bulanan menunggu penerimaan') a.stretched-link")
    page.wait_for_selector("text=menunggu penerimaan Tim Pendamping")
    page.click(f"text={unit.name}")
    page.wait_for_selector("#accept-report")
    page.click("#accept-report")
    page.wait_for_selector("#report-status:has-text('Diterima')")
    assert page.confirmations[-1].startswith("Terima laporan ini?")
    shot(page, "zone-09-report-accepted")
    report.refresh_from_db()
    assert report.status == "accepted" and report.reviewed_by == world.pendamping


def test_the_public_page_lists_declared_units_on_a_phone(world, phone_page, live_server, shot):
    Declaration.objects.create(
        scope="unit", unit=world.unit_a, declared_on="2025-08-17", place="Kupang",
        head_name="Kepala Dukcapil", head_position="Kepala Dinas",
    )  # fmt: skip
    phone_page.goto(f"{live_server.url}/publik/")
    phone_page.wait_for_selector(f"text={world.unit_a.name}")
    assert "17 Agustus 2025" in phone_page.inner_text("main")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone_page, "zone-10-public-phone")
    phone_page.click(f"text={world.unit_a.name}")
    phone_page.wait_for_selector("text=Mencanangkan pembangunan Zona Integritas")
    shot(phone_page, "zone-11-public-declaration-phone")

"""The administrator's pickers and the pages that say what to do, in a real browser."""

from playwright.sync_api import expect

from integritas.audit.services import record
from integritas.organization.models import Employee
from integritas.organization.testing import make_nip


def test_admin_finds_an_employee_by_nip_and_reads_the_audit_log(
    world, page, login, live_server, shot
):
    maria = Employee.objects.create(nip=make_nip(serial=901), name="Maria Ndun", unit=world.unit_a)
    Employee.objects.create(nip=make_nip(serial=902), name="Maria Ndun", unit=world.unit_b)
    login(page, "admin")

    # Search the employee picker by NIP: the options narrow without a page reload.
    page.goto(f"{live_server.url}/akun/pengguna/baru/")
    page.fill("#employee-search", maria.nip[-8:])
    expect(page.locator("#id_employee option")).to_have_count(2)
    options = page.locator("#id_employee option").all_inner_texts()
    assert options[1] == f"Maria Ndun · NIP {maria.nip} · {world.unit_a.name}"
    page.select_option("#id_employee", str(maria.pk))
    shot(page, "admin-01-employee-picker")

    # The audit log in words.
    record(actor=world.admin, action="rencana_aksi.ditetapkan", obj=world.unit_a,
           changes={"score": ["80.00", "83.33"]})  # fmt: skip
    page.goto(f"{live_server.url}/audit/")
    text = page.inner_text("main")
    assert "Rencana aksi ditetapkan" in text and "Nilai: 80,00 → 83,33" in text and "WITA" in text
    shot(page, "admin-02-audit-log")

    # An unknown address: the product's page that says what to do.
    page.goto(f"{live_server.url}/tidak-ada/")
    assert "Halaman tidak ditemukan" in page.inner_text("main")
    shot(page, "admin-03-not-found")

    # Employees filtered by unit from the picker.
    page.goto(f"{live_server.url}/organisasi/pegawai/")
    page.select_option("#unit-filter", str(world.unit_b.pk))
    page.wait_for_url(lambda url: f"unit={world.unit_b.pk}" in url)
    expect(page.locator("body")).not_to_contain_text("Staff A")
    shot(page, "admin-04-employees-by-unit")


def test_the_not_found_page_reads_well_on_a_phone(world, phone_page, login, live_server, shot):
    login(phone_page, "staff_a")
    phone_page.goto(f"{live_server.url}/tidak-ada/")
    assert "Yang dapat Anda lakukan" in phone_page.inner_text("main")
    shot(phone_page, "admin-05-not-found-phone")


def test_saying_no_to_a_decisive_step_changes_nothing(world, page, login, live_server):
    from decimal import Decimal

    from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow

    plan = ActionPlan.objects.create(unit=world.unit_a, year=2025)
    ActionRow.objects.create(plan=plan, order=1, component="MP", goal="g", indicator="i",
                             action="a", pic_text="p", **dict.fromkeys(MONTH_FIELDS, Decimal(50)))  # fmt: skip
    login(page, "head_a")
    page.goto(f"{live_server.url}/rencana/unit/{world.unit_a.pk}/2025/rencana-aksi/")
    page.evaluate("window.confirm = (text) => { window.asked = text; return false; }")
    page.click("button:has-text('Tetapkan')")
    page.wait_for_timeout(300)
    assert "tidak dapat dibatalkan" in page.evaluate("window.asked")
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT
    page.evaluate("window.confirm = () => true")
    page.click("button:has-text('Tetapkan')")
    page.wait_for_selector("button:has-text('Tetapkan')", state="detached")
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SET

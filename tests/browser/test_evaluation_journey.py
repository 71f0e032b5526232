"""LKE journey: the Tim Kerja fills and attaches evidence, the head submits, the TPI reviews and
finalises, the score page shows both rule sets' verdicts."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from integritas.evaluation import engine, selectors, services
from integritas.evaluation.models import Assessment, ReviewerAssignment

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = date.today().year
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _best(question):
    if question.is_percent:
        return {"percent": Decimal(100)}
    return {"option_label": question.best_option.label}


def _saved(page, code, action, *, review=False):
    """Do something that triggers an htmx save and wait until the server has answered.

    (The live server shares one SQLite connection between threads, so saves must not overlap.)
    """
    path = f"/{'nilai-tpi' if review else 'jawab'}/{code}/"
    with page.expect_response(lambda r: path in r.url and r.request.method == "POST"):
        action()


def _viewport(page, name):
    """The visible screen only (a whole area page is too long to look at)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _status(page, code, text="tersimpan"):
    page.wait_for_selector(f"#status-{code.replace('.', '-')}:has-text('{text}')")


def test_tim_kerja_fills_head_submits_tpi_finalises(
    world, page, login, live_server, shot, tmp_path
):
    services.framework_load(path=engine.published_frameworks()[0].source)
    ReviewerAssignment.objects.create(unit=world.unit_a, year=YEAR, user=world.tpi, is_ketua=True)

    # Tim Kerja starts the self-assessment and answers as it goes (htmx saves each change)
    login(page, "kerja_a")
    page.goto(f"{live_server.url}/lke/")
    page.select_option("#id_unit", str(world.unit_a.pk))
    page.click("button:has-text('Mulai')")
    page.wait_for_selector("text=Penilaian mandiri dimulai")
    assessment = Assessment.objects.get(unit=world.unit_a, year=YEAR)
    page.click("text=Isi penilaian mandiri")
    page.wait_for_selector("#q-P1-i-a")
    _saved(page, "P1.i.a", lambda: page.check("#opt-P1-i-a-Ya"))
    _status(page, "P1.i.a")
    _saved(page, "P1.i.b", lambda: page.check("#opt-P1-i-b-B"))
    _status(page, "P1.i.b", "0,50")
    note = "Anggota dipilih dari tiap bidang, belum semua unsur."
    _saved(page, "P1.i.b", lambda: page.fill("#note-P1-i-b", note))
    _saved(page, "R1.i.a", lambda: page.fill("#in-R1-i-a-jml_agen_perubahan", "12"))
    _status(page, "R1.i.a", "belum lengkap")
    _saved(page, "R1.i.a", lambda: page.fill("#in-R1-i-a-jml_perubahan_dibuat", "9"))
    _status(page, "R1.i.a", "0,75")
    _saved(page, "R1.i.b", lambda: page.fill("#pct-R1-i-b", "150"))
    _status(page, "R1.i.b", "antara 0 dan 100")
    assert page.input_value("#pct-R1-i-b") == "150"  # nothing typed is lost
    _saved(page, "R1.i.b", lambda: page.fill("#pct-R1-i-b", "80"))
    _status(page, "R1.i.b", "0,80")
    evidence = tmp_path / "sk-tim-kerja.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("#evidence-P1-i-a input[type=file]", str(evidence))
    page.click("#evidence-P1-i-a button:has-text('Unggah')")
    page.wait_for_selector("#evidence-P1-i-a a:has-text('sk-tim-kerja')")
    page.wait_for_selector("#progress-MP:has-text('4 dari 16')")
    page.evaluate("window.scrollTo(0, 0)")
    _viewport(page, "evaluation-01-tim-kerja-fills")

    answers = selectors.assessment_data(assessment).answers
    assert answers["P1.i.b"].note.startswith("Anggota dipilih")
    assert answers["R1.i.a"].inputs == {"jml_agen_perubahan": 12, "jml_perubahan_dibuat": 9}
    assert answers["R1.i.b"].percent == Decimal(80)

    # the rest of the worksheet, as the Tim Kerja would type it
    lke = selectors.engine_framework(assessment.framework)
    for question in lke.questions:
        if question.code not in answers:
            services.answer_save(
                assessment=assessment, question_code=question.code, by=world.kerja_a,
                **_best(question),
            )  # fmt: skip
    page.goto(f"{live_server.url}/lke/{assessment.pk}/hasil/")
    page.fill("#id_ipak_index", "3.7")
    page.fill("#id_ipkp_index", "3.75")
    page.select_option("#id_capaian_kinerja", "B")
    page.fill("#id_tlhp_percent", "100")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=Isian komponen hasil tersimpan")
    shot(page, "evaluation-02-assessment-overview")

    # the unit head submits; the assessment locks
    page.context.clear_cookies()
    login(page, "head_a")
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    page.click("#assessment-actions >> text=Ajukan ke TPI")
    page.wait_for_selector("text=Semua pertanyaan sudah dijawab")
    shot(page, "evaluation-03-head-submits")
    page.click("button:has-text('Ajukan dan kunci')")
    page.wait_for_selector("text=diajukan ke TPI dan dikunci")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED

    # the TPI ketua scores beside the self-assessment and finalises
    page.context.clear_cookies()
    login(page, "tpi")
    page.wait_for_selector("text=Menunggu penilaian TPI")
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    page.click("text=Nilai sebagai TPI")
    page.wait_for_selector("#q-P1-i-b")
    _saved(page, "P1.i.b", lambda: page.click("label[for=t-P1-i-b-C]"), review=True)
    page.wait_for_selector("#tstatus-P1-i-b:has-text('tersimpan')")
    page.wait_for_selector("#diff-P1-i-b:has-text('-0,50')")
    tpi_note = "Belum ada mekanisme pemilihan tertulis."
    _saved(
        page, "P1.i.b", lambda: page.fill("#q-P1-i-b textarea[name=note]", tpi_note), review=True
    )
    _saved(page, "P1.i.a", lambda: page.click("label[for=t-P1-i-a-Ya]"), review=True)
    page.wait_for_selector("#tstatus-P1-i-a:has-text('tersimpan')")
    page.locator("#q-P1-i-a").scroll_into_view_if_needed()
    _viewport(page, "evaluation-04-tpi-reviews")
    data = selectors.assessment_data(assessment)
    for question in lke.questions:
        if question.code not in ("P1.i.a", "P1.i.b"):
            services.review_save(
                assessment=assessment, question_code=question.code, by=world.tpi,
                **_best(question),
            )  # fmt: skip
    assert data.answers["P1.i.b"].tpi_option_label == "C"
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    page.click("#review-card button:has-text('Finalkan penilaian')")
    page.wait_for_selector("text=cuplikan hasil dibekukan")
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.FINAL and assessment.snapshot.sha256

    # the score page shows the verdicts of both rule sets
    page.wait_for_selector("#verdicts .verdict")
    verdicts = page.eval_on_selector_all(
        "#verdicts .verdict",
        "els => els.map(e => [e.dataset.ruleSet, e.dataset.predicate, e.dataset.eligible])",
    )
    assert ["perwali-kupang-23-2025", "WBK", "ya"] in verdicts
    assert len(verdicts) == 4
    assert page.inner_text("#score-source").startswith("Menampilkan nilai TPI")
    shot(page, "evaluation-05-score-page")


def test_the_fill_page_reads_well_on_a_phone(world, phone_page, login, live_server):
    services.framework_load(path=engine.published_frameworks()[0].source)
    assessment = services.assessment_create(unit=world.unit_a, year=YEAR, by=world.kerja_a)
    login(phone_page, "kerja_a")
    phone_page.goto(f"{live_server.url}/lke/{assessment.pk}/isi/MP/")
    _saved(phone_page, "P1.i.a", lambda: phone_page.check("#opt-P1-i-a-Ya"))
    phone_page.wait_for_selector("#status-P1-i-a:has-text('tersimpan')")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways ({width}px)"
    _viewport(phone_page, "evaluation-06-phone-fill")

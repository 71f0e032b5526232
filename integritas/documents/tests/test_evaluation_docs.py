"""The recap PDF of a final LKE assessment, read from its snapshot."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from integritas.evaluation import engine, services
from integritas.evaluation.models import ReviewerAssignment

pytestmark = pytest.mark.django_db
YEAR = 2025


def _best(question):
    from decimal import Decimal

    return (
        {"percent": Decimal(100)}
        if question.is_percent
        else {"option_label": question.best_option.label}
    )


@pytest.fixture
def final(world):
    from decimal import Decimal

    from integritas.evaluation import selectors

    version = services.framework_load(path=engine.published_frameworks()[0].source)
    lke = selectors.engine_framework(version)
    assessment = services.assessment_create(unit=world.unit_a, year=YEAR, by=world.kerja_a)
    for question in lke.questions[:12]:
        services.answer_save(
            assessment=assessment, question_code=question.code, by=world.kerja_a, **_best(question)
        )
    services.hasil_save(
        assessment=assessment, by=world.kerja_a, ipak_index=Decimal("3.6"),
        ipkp_index=Decimal("3.3"), capaian_kinerja="C", tlhp_percent=Decimal(80),
    )  # fmt: skip
    services.assessment_submit(assessment=assessment, by=world.head_a, confirm_incomplete=True)
    ReviewerAssignment.objects.create(unit=world.unit_a, year=YEAR, user=world.tpi, is_ketua=True)
    for question in lke.questions:
        services.review_save(
            assessment=assessment, question_code=question.code, by=world.tpi, **_best(question)
        )
    services.assessment_finalise(assessment=assessment, by=world.tpi)
    assessment.refresh_from_db()
    return assessment


def test_the_recap_of_a_final_assessment_shows_its_snapshot(world, client_for, final, tmp_path):
    response = client_for(world.head_a).get(reverse("documents:lke_report", args=[final.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    pdf = tmp_path / "rekap.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert "Rekapitulasi Hasil Evaluasi Zona Integritas".upper() in text.upper()
    # read from the frozen snapshot, but no internal hash is printed for the reader
    assert final.snapshot.sha256[:16] not in text.replace("\n", "").replace(" ", "")
    assert "Integritas ·" not in text  # no software footer on a document to be signed
    assert "Lampiran: jawaban per pertanyaan" in text
    assert "Memenuhi" in text


def test_unit_b_and_drafts_get_no_recap(world, client_for, final):
    assert (
        client_for(world.staff_b).get(reverse("documents:lke_report", args=[final.pk])).status_code
        == 404
    )
    draft = services.assessment_create(unit=world.unit_a, year=YEAR + 1, by=world.kerja_a)
    response = client_for(world.head_a).get(reverse("documents:lke_report", args=[draft.pk]))
    assert response.status_code == 404


def test_the_recap_is_read_through_the_snapshot_reader(world, final, django_assert_num_queries):
    from integritas.common.formatting import angka
    from integritas.documents import evaluation_docs
    from integritas.evaluation import pages, snapshots

    snapshot = pages.snapshot_for_user(world.head_a, final.pk)
    read = snapshots.read_snapshot(snapshot)
    # the Inspektorat's letterhead (unit, institution); nothing per answer, area or rule set
    with django_assert_num_queries(2):
        context = evaluation_docs.rekap_context(snapshot)
    assert context["totals"]["tpi"]["total"] == angka(read.scores.tpi.total, 2)
    assert context["totals"]["self"]["hasil"] == angka(read.scores.own.hasil, 2)
    assert context["finalised_name"] == read.finalised_name
    assert len(context["questions"]) == len(read.answers)
    first = next(iter(read.answers.values()))
    assert context["questions"][0]["value"] == angka(first.tpi.value, 2)

"""A document's life: draf → final (numbered, both formats stored with their SHA-256) →
ditandatangani (the signed scan bound to that version); a later change of the data is shown."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from integritas.audit.models import AuditRecord
from integritas.documents import catalogue, services
from integritas.documents.models import IssuedDocument, LetterNumber
from integritas.documents.tests.sources import make_action_plan, make_work_plan
from integritas.planning.models import ActionRow

pytestmark = pytest.mark.django_db
PDF_SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def plan(world):
    services.pattern_set(unit=world.unit_a, year=2025, pattern="800/{seq}/ORG/{year}",
                         by=world.admin)  # fmt: skip
    return make_action_plan(world)


def _register(client, plan, **data):
    return client.post(reverse("documents:register", args=["rencana-aksi", plan.pk]), data)


def test_a_preview_takes_no_number(world, client_for, plan):
    client = client_for(world.kerja_a)
    client.get(reverse("documents:download", args=["rencana-aksi", plan.pk, "pdf"]))
    _register(client, plan, action="draft")
    assert IssuedDocument.objects.get().state == "draft"
    assert not LetterNumber.objects.exists()


def test_finalising_numbers_and_stores_both_formats_with_their_hashes(world, client_for, plan):
    client = client_for(world.kerja_a)
    _register(client, plan, action="draft")
    document = IssuedDocument.objects.get()
    _register(client, plan, action="finalise", document=document.pk)
    document.refresh_from_db()
    assert document.state == "final" and document.number.number == "800/1/ORG/2025"
    assert document.finalised_by == world.kerja_a and document.finalised_at is not None
    docx = client.get(reverse("documents:issued_file", args=[document.pk, "docx"]))
    data = b"".join(docx.streaming_content)
    assert hashlib.sha256(data).hexdigest() == document.docx_sha256
    text = " ".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Nomor: 800/1/ORG/2025" in text
    pdf = b"".join(
        client.get(reverse("documents:issued_file", args=[document.pk, "pdf"])).streaming_content
    )
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == document.pdf_sha256
    doc_type = catalogue.get("rencana-aksi")
    assert document.data_sha256 == catalogue.data_sha256(catalogue.read_model(doc_type, plan))
    assert AuditRecord.objects.filter(action="dokumen.final").count() == 1


def test_the_signed_scan_is_bound_and_a_later_change_is_shown(world, client_for, plan):
    client = client_for(world.head_a)
    doc_type = catalogue.get("rencana-aksi")
    document = services.document_draft(doc_type=doc_type, obj=plan, by=world.kerja_a)
    services.document_finalise(document=document, obj=plan, by=world.kerja_a)
    scan = SimpleUploadedFile("ttd.pdf", PDF_SCAN, content_type="application/pdf")
    _register(client, plan, action="sign", document=document.pk, scan=scan)
    document.refresh_from_db()
    assert document.state == "signed" and document.signed_by == world.head_a
    assert document.signed_sha256 == hashlib.sha256(PDF_SCAN).hexdigest()
    page = client.get(reverse("documents:register", args=["rencana-aksi", plan.pk]))
    assert "berbeda dari data saat ini" not in page.content.decode()
    ActionRow.objects.filter(plan=plan).update(action="Aksi yang diubah")
    page = client.get(reverse("documents:register", args=["rencana-aksi", plan.pk]))
    html = page.content.decode()
    assert "Versi yang ditandatangani berbeda dari data saat ini" in html
    assert "ditandatangani" in html and "WITA" in html


def test_a_scan_that_is_not_a_pdf_or_image_is_refused(world, client_for, plan):
    doc_type = catalogue.get("rencana-aksi")
    document = services.document_draft(doc_type=doc_type, obj=plan, by=world.kerja_a)
    services.document_finalise(document=document, obj=plan, by=world.kerja_a)
    bad = SimpleUploadedFile("ttd.pdf", b"<html>bukan pdf</html>", content_type="application/pdf")
    response = _register(client_for(world.head_a), plan, action="sign", document=document.pk,
                         scan=bad)  # fmt: skip
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == "final" and not document.signed_file


def test_cancelling_keeps_the_number_marked_dibatalkan(world, client_for, plan):
    doc_type = catalogue.get("rencana-aksi")
    document = services.document_draft(doc_type=doc_type, obj=plan, by=world.kerja_a)
    services.document_finalise(document=document, obj=plan, by=world.kerja_a)
    _register(client_for(world.head_a), plan, action="cancel", document=document.pk,
              reason="Diganti versi baru")  # fmt: skip
    document.refresh_from_db()
    assert document.state == "cancelled" and document.number.status == "cancelled"
    again = services.document_draft(doc_type=doc_type, obj=plan, by=world.kerja_a)
    services.document_finalise(document=again, obj=plan, by=world.kerja_a)
    again.refresh_from_db()
    assert again.number.number == "800/2/ORG/2025"


def test_a_reader_of_another_unit_cannot_see_or_change_it(world, client_for, plan):
    doc_type = catalogue.get("rencana-aksi")
    document = services.document_draft(doc_type=doc_type, obj=plan, by=world.kerja_a)
    url = reverse("documents:register", args=["rencana-aksi", plan.pk])
    assert client_for(world.staff_b).get(url).status_code == 404
    response = client_for(world.staff_a).post(url, {"action": "finalise", "document": document.pk})
    assert response.status_code == 404
    document.refresh_from_db()
    assert document.state == "draft" and not LetterNumber.objects.exists()


def test_finalising_without_a_pattern_says_so_and_changes_nothing(world, client_for):
    work_plan = make_work_plan(world)
    client = client_for(world.kerja_a)
    url = reverse("documents:register", args=["keputusan-rencana-kerja", work_plan.pk])
    client.post(url, {"action": "draft"})
    document = IssuedDocument.objects.get()
    response = client.post(url, {"action": "finalise", "document": document.pk}, follow=True)
    assert "belum ditetapkan administrator" in response.content.decode()
    document.refresh_from_db()
    assert document.state == "draft" and not document.pdf_file


def test_only_the_administrator_sets_patterns(world, client_for):
    url = reverse("documents:number_patterns")
    data = {"unit": world.unit_a.pk, "year": 2026, "pattern": "800/{seq}/ORG/{year}"}
    assert client_for(world.head_a).post(url, data).status_code == 404
    assert not LetterNumber.objects.exists()
    client_for(world.admin).post(url, data)
    response = client_for(world.admin).post(url, {**data, "pattern": "800/ORG"})
    assert "{seq}" in response.content.decode()
    from integritas.documents.models import NumberPattern

    assert NumberPattern.objects.get().pattern == "800/{seq}/ORG/{year}"

"""Evidence: checked by content, stored privately with its SHA-256, revisions kept, served by permission."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from integritas.audit.models import AuditRecord
from integritas.evaluation import services
from integritas.evaluation.models import EvidenceDocument, EvidenceLink, EvidenceRevision

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(name="sk.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def uploaded(world, assessment):
    services.evidence_upload(
        assessment=assessment, item_code="P1.i.a", files=[pdf()], title="SK Tim", by=world.kerja_a
    )
    return EvidenceRevision.objects.get()


def test_an_upload_is_stored_privately_with_its_hash(world, uploaded, assessment):
    assert uploaded.sha256 == hashlib.sha256(PDF).hexdigest()
    assert uploaded.content_type == "application/pdf" and uploaded.size == len(PDF)
    assert uploaded.file.name.startswith(f"evidence/{world.unit_a.pk}/")
    assert not uploaded.file.name.endswith(".pdf")  # the stored name says nothing
    assert default_storage.exists(uploaded.file.name)
    link = EvidenceLink.objects.get()
    assert (link.assessment, link.item_code, link.document.title) == (
        assessment,
        "P1.i.a",
        "SK Tim",
    )
    entry = AuditRecord.objects.get(action="lke.data_dukung_diunggah")
    assert entry.changes["sha256"] == [None, uploaded.sha256]


def test_several_files_become_several_documents(world, assessment):
    services.evidence_upload(
        assessment=assessment, item_code="P1.i.a",
        files=[pdf("undangan.pdf"), SimpleUploadedFile("foto.png", PNG)], by=world.kerja_a,
    )  # fmt: skip
    assert sorted(EvidenceDocument.objects.values_list("title", flat=True)) == ["foto", "undangan"]
    assert EvidenceLink.objects.filter(item_code="P1.i.a").count() == 2


def test_a_file_whose_content_is_not_accepted_is_refused_and_nothing_is_kept(world, assessment):
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 this is an executable")
    with pytest.raises(ValidationError, match="laporan.pdf"):
        services.evidence_upload(
            assessment=assessment, item_code="P1.i.a", files=[pdf(), fake], by=world.kerja_a
        )
    assert not EvidenceDocument.objects.exists()
    assert not EvidenceRevision.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=100)
def test_a_file_over_the_size_limit_is_refused(world, assessment):
    with pytest.raises(ValidationError, match="terlalu besar"):
        services.evidence_upload(
            assessment=assessment, item_code="P1.i.a", files=[pdf(body=PDF * 10)], by=world.kerja_a
        )
    assert not EvidenceRevision.objects.exists()


def test_one_document_serves_several_questions(world, uploaded, assessment):
    services.evidence_link(
        assessment=assessment, item_code="P1.ii.a", document=uploaded.document, by=world.kerja_a
    )
    assert set(EvidenceLink.objects.values_list("item_code", flat=True)) == {"P1.i.a", "P1.ii.a"}
    assert EvidenceDocument.objects.count() == 1


def test_a_document_of_another_unit_cannot_be_linked(world, uploaded, framework):
    other = services.assessment_create(unit=world.unit_b, year=2025, by=world.admin)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.evidence_link(
            assessment=other, item_code="P1.i.a", document=uploaded.document, by=world.admin
        )


def test_a_new_revision_keeps_the_old_one(world, uploaded):
    second = services.evidence_revise(
        document=uploaded.document, upload=pdf(body=PDF + b"% rev 2\n"), by=world.kerja_a
    )
    assert second.number == 2
    assert uploaded.document.revisions.count() == 2
    assert default_storage.exists(uploaded.file.name) and default_storage.exists(second.file.name)


def test_unlinking_keeps_the_document(world, uploaded, assessment):
    services.evidence_unlink(link=EvidenceLink.objects.get(), by=world.kerja_a)
    assert not EvidenceLink.objects.exists()
    assert EvidenceDocument.objects.count() == 1


@pytest.mark.parametrize(
    "username, status",
    [
        ("kerja_a", 200),
        ("head_a", 200),
        ("staff_a", 200),
        ("tpi", 200),
        ("pimpinan", 200),
        ("admin", 200),
        ("staff_b", 404),
    ],
)
def test_evidence_is_served_only_to_readers_of_its_unit(
    world, client_for, uploaded, username, status
):
    response = client_for(world.users[username]).get(
        reverse("evaluation:evidence_download", args=[uploaded.pk])
    )
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_unit_b_guessing_unit_a_evidence_urls_sees_the_same_404_as_a_missing_one(
    world, client_for, uploaded
):
    client = client_for(world.staff_b)
    for url in (
        reverse("evaluation:evidence_download", args=[uploaded.pk]),
        reverse("evaluation:document_detail", args=[uploaded.document_id]),
        reverse("evaluation:unit_documents", args=[world.unit_a.pk]),
        reverse("evaluation:evidence_download", args=[uploaded.pk + 1000]),
    ):
        assert client.get(url).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client_for, uploaded):
    response = client_for(None).get(reverse("evaluation:evidence_download", args=[uploaded.pk]))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_uploading_through_the_page_with_htmx_returns_the_updated_list(
    world, client_for, assessment
):
    response = client_for(world.kerja_a).post(
        reverse("evaluation:evidence_panel", args=[assessment.pk, "P1.i.a"]),
        {"berkas": [pdf("notulen.pdf")], "title": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert b"notulen" in response.content
    assert EvidenceLink.objects.filter(assessment=assessment, item_code="P1.i.a").count() == 1


def test_a_refused_upload_through_the_page_shows_why(world, client_for, assessment):
    response = client_for(world.kerja_a).post(
        reverse("evaluation:evidence_panel", args=[assessment.pk, "P1.i.a"]),
        {"berkas": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Jenis berkas tidak diterima" in response.content.decode()
    assert not EvidenceDocument.objects.exists()


def test_unit_b_cannot_upload_to_unit_a(world, client_for, assessment):
    response = client_for(world.staff_b).post(
        reverse("evaluation:evidence_panel", args=[assessment.pk, "P1.i.a"]),
        {"berkas": [pdf()]},
    )
    assert response.status_code == 404
    assert not EvidenceDocument.objects.exists()

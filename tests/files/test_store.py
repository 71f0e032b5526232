"""The store on a real record: unknown types are downloaded, revisions are append-only."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.test.utils import isolate_apps

from integritas.common import files

from .upload_points import evaluation_evidence, integrity_pact

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def pdf(name="sk.pdf"):
    return SimpleUploadedFile(name, PDF)


def test_the_store_records_what_the_content_is(world):
    revision = evaluation_evidence(world, pdf("../SK Tim.html")).instance
    revision.refresh_from_db()
    assert revision.content_type == "application/pdf"
    assert revision.size == len(PDF) and len(revision.sha256) == 64
    assert revision.original_name == "SK Tim.html"  # kept as a record, never used as a name
    assert revision.file.name.startswith(f"evidence/{world.unit_a.pk}/")


def test_an_unknown_stored_type_is_served_as_an_octet_stream_attachment(world):
    pact = integrity_pact(world, pdf()).instance
    type(pact).objects.filter(pk=pact.pk).update(document_content_type="text/html")
    pact.refresh_from_db()
    response = files.serve(pact.document)
    assert response["Content-Type"] == files.OCTET_STREAM
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_evidence_revision_cannot_be_replaced(world):
    revision = evaluation_evidence(world, pdf()).instance
    first = revision.file.name
    with pytest.raises(ValidationError):
        files.store(revision.file, pdf("lain.pdf"))
    revision.refresh_from_db()
    assert revision.file.name == first


def test_a_missing_file_is_a_404_not_a_500(world):
    pact = integrity_pact(world, pdf()).instance
    pact.document.storage.delete(pact.document.name)
    with pytest.raises(Http404):
        files.serve(pact.document)


def test_a_plain_file_field_is_not_served(world):
    plain = FieldFile(world.unit_a, models.FileField(name="logo"), "logos/x.html")
    with pytest.raises(Http404):
        files.serve(plain)
    with pytest.raises(TypeError):
        files.store(plain, pdf())


def test_an_oversize_file_is_refused_before_anything_is_written(world, settings):
    settings.UPLOAD_MAX_BYTES = 8
    with pytest.raises(ValidationError, match="terlalu besar"):
        integrity_pact(world, pdf())


def test_a_letterhead_embeds_the_logo_with_its_stored_type(world):
    from integritas.documents.render import letterhead

    from .upload_points import unit_logo

    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
    unit = unit_logo(world, SimpleUploadedFile("logo.png", jpeg)).instance
    assert letterhead(unit)["logo_data_uri"].startswith("data:image/jpeg;base64,")


@isolate_apps("integritas.common")
def test_the_system_check_catches_a_field_without_its_record():
    class NoType(models.Model):  # noqa: DJ008
        file = files.PrivateFileField(folder="x")

        class Meta:
            app_label = "common"

    class TypeBefore(models.Model):  # noqa: DJ008
        content_type = models.CharField(max_length=120)
        file = files.PrivateFileField(folder="x", content_type_field="content_type")

        class Meta:
            app_label = "common"

    class Missing(models.Model):  # noqa: DJ008
        file = files.PrivateFileField(folder="x", content_type_field="kind")

        class Meta:
            app_label = "common"

    ids = {
        model.__name__: [e.id for e in model._meta.get_field("file").check()]
        for model in (NoType, TypeBefore, Missing)
    }
    assert ids == {
        "NoType": ["files.E001"],
        "TypeBefore": ["files.E003"],
        "Missing": ["files.E002"],
    }

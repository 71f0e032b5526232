"""A file written in a transaction that rolls back does not stay on disk."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from integritas.commitment.models import IntegrityPact

from .upload_points import evaluation_evidence, integrity_pact

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


def pdf():
    return SimpleUploadedFile("pakta.pdf", PDF, content_type="application/pdf")


class Boom(Exception):
    pass


@pytest.mark.django_db
def test_a_file_of_a_rolled_back_write_is_deleted(world):
    names = []
    with pytest.raises(Boom), transaction.atomic():
        uploaded = integrity_pact(world, pdf())
        names.append(uploaded.instance.document.name)
        assert default_storage.exists(names[0])
        raise Boom
    assert not default_storage.exists(names[0])
    assert not IntegrityPact.objects.exists()


@pytest.mark.django_db
def test_a_rolled_back_savepoint_deletes_only_its_own_files(world):
    with transaction.atomic():
        kept = evaluation_evidence(world, pdf()).instance.file.name
        with pytest.raises(Boom), transaction.atomic():
            dropped = integrity_pact(world, pdf()).instance.document.name
            raise Boom
        assert default_storage.exists(kept)
        assert not default_storage.exists(dropped)


@pytest.mark.django_db(transaction=True)
def test_a_committed_file_stays_and_a_failed_service_leaves_none(world, monkeypatch):
    from integritas.commitment import services

    uploaded = integrity_pact(world, pdf())
    name = uploaded.instance.document.name
    assert default_storage.exists(name)
    before = set(default_storage.listdir("commitment/pacts")[1])

    def audit_fails(**kwargs):
        raise Boom  # the write fails after its file was stored

    monkeypatch.setattr(services, "record", audit_fails)
    with pytest.raises(Boom):
        services.pact_record(
            employee=world.staff_b.employee, signed_on=uploaded.instance.signed_on,
            occasion="mass_signing", document=pdf(), by=world.head_a,
        )  # fmt: skip
    assert set(default_storage.listdir("commitment/pacts")[1]) == before
    assert IntegrityPact.objects.count() == 1
    assert default_storage.exists(name)
    default_storage.delete(name)

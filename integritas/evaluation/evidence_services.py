"""Evidence of an assessment: documents, append-only revisions, links to questions (Pasal 11 ayat 6-14)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from integritas.accounts import access
from integritas.audit.services import record
from integritas.common import files as filestore
from integritas.common.uploads import EVIDENCE_FAMILIES, check_upload
from integritas.evaluation import selectors
from integritas.evaluation.models import (
    Answer,
    Assessment,
    EvidenceDocument,
    EvidenceLink,
    EvidenceRevision,
)
from integritas.evaluation.services import (  # noqa: F401 - shared helpers of the app's writes
    ANSWER_FIELDS,
    HASIL_COPY_FIELDS,
    HUNDRED,
    NOTE_MAX,
    REVIEW_FIELDS,
    Status,
    _canonical,
    _locked,
    _number,
    _question,
    _require_unit_editable,
    _require_unit_writer,
    _set_status,
    _user,
    _write_answer,
    check_answer,
)

if TYPE_CHECKING:
    from integritas.accounts.models import User

# --------------------------------------------------------------------------- evidence


def _item_exists(assessment: Assessment, item_code: str) -> bool:
    framework = selectors.engine_framework(assessment.framework)
    return framework.has_question(item_code) or framework.hasil_input(item_code) is not None


def _require_evidence_editable(assessment: Assessment, item_code: str, by: User) -> None:
    _require_unit_writer(assessment, by)
    _require_unit_editable(assessment)
    if not _item_exists(assessment, item_code):
        raise ValidationError(_("Kode %(code)s tidak dikenal.") % {"code": item_code})
    if (
        assessment.status == Status.RETURNED
        and not Answer.objects.filter(
            assessment=assessment, question_code=item_code, returned=True
        ).exists()
    ):
        raise ValidationError(
            _("Hanya data dukung pertanyaan yang dikembalikan TPI yang dapat diubah.")
        )


def _store_revision(document: EvidenceDocument, upload: UploadedFile, by: User) -> EvidenceRevision:
    """Write one checked file to the private store and record its revision (append-only).

    The store deletes the file again if the transaction rolls back.
    """
    number = (document.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = EvidenceRevision(document=document, number=number, uploaded_by=_user(by))
    filestore.store(revision.file, upload)
    revision.full_clean()
    revision.save()
    return revision


@transaction.atomic
def evidence_upload(
    *,
    assessment: Assessment,
    item_code: str,
    files: list[UploadedFile],
    by: User,
    title: str = "",
) -> list[EvidenceDocument]:
    """Pasal 11: attach supporting documents to a question; each file checked by its content."""
    assessment = _locked(assessment)
    _require_evidence_editable(assessment, item_code, by)
    if not files:
        raise ValidationError(_("Pilih minimal satu berkas."))
    problems = []
    for upload in files:
        try:
            check_upload(upload, families=EVIDENCE_FAMILIES)
        except ValidationError as exc:
            problems.append(f"{upload.name}: {' '.join(exc.messages)}")
    if problems:
        raise ValidationError(problems)
    documents: list[EvidenceDocument] = []
    _upload_all(assessment, item_code, files, title, by, documents)
    return documents


def _upload_all(
    assessment: Assessment,
    item_code: str,
    files: list[UploadedFile],
    title: str,
    by: User,
    documents: list[EvidenceDocument],
) -> None:
    for upload in files:
        name = title.strip() if title.strip() and len(files) == 1 else Path(upload.name or "").stem
        document = EvidenceDocument(
            unit_id=assessment.unit_id, title=(name or _("Data dukung"))[:300], created_by=_user(by)
        )
        document.full_clean()
        document.save()
        revision = _store_revision(document, upload, by)
        link = EvidenceLink(
            document=document, assessment=assessment, item_code=item_code, linked_by=_user(by)
        )
        link.full_clean()
        link.save()
        record(
            actor=by,
            action="lke.data_dukung_diunggah",
            obj=document,
            unit_id=assessment.unit_id,
            changes={
                "assessment": [None, assessment.pk],
                "item_code": [None, item_code],
                "sha256": [None, revision.sha256],
                "original_name": [None, revision.original_name],
            },
        )
        documents.append(document)


@transaction.atomic
def evidence_revise(
    *, document: EvidenceDocument, upload: UploadedFile, by: User
) -> EvidenceRevision:
    """Add a new revision to a document; earlier revisions (and final snapshots) stay as they were."""
    if not access.can_write_unit(by, document.unit_id):
        raise PermissionDenied
    document = EvidenceDocument.objects.select_for_update().get(pk=document.pk)
    revision = _store_revision(document, upload, by)
    record(
        actor=by,
        action="lke.data_dukung_direvisi",
        obj=document,
        unit_id=document.unit_id,
        changes={
            "revision": [revision.number - 1, revision.number],
            "sha256": [None, revision.sha256],
        },
    )
    return revision


@transaction.atomic
def evidence_link(
    *, assessment: Assessment, item_code: str, document: EvidenceDocument, by: User
) -> EvidenceLink:
    """Let one document serve another question of the same unit's assessment."""
    assessment = _locked(assessment)
    _require_evidence_editable(assessment, item_code, by)
    if document.unit_id != assessment.unit_id:
        raise PermissionDenied
    link, created = EvidenceLink.objects.get_or_create(
        document=document,
        assessment=assessment,
        item_code=item_code,
        defaults={"linked_by": _user(by)},
    )
    if created:
        record(
            actor=by,
            action="lke.data_dukung_ditautkan",
            obj=document,
            unit_id=assessment.unit_id,
            changes={"assessment": [None, assessment.pk], "item_code": [None, item_code]},
        )
    return link


@transaction.atomic
def evidence_unlink(*, link: EvidenceLink, by: User) -> None:
    """Remove a document from a question; the document and its revisions stay."""
    assessment = _locked(link.assessment)
    _require_evidence_editable(assessment, link.item_code, by)
    record(
        actor=by,
        action="lke.data_dukung_dilepas",
        obj=link.document,
        unit_id=assessment.unit_id,
        changes={"assessment": [assessment.pk, None], "item_code": [link.item_code, None]},
    )
    link.delete()

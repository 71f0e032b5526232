"""Writes of the document register: number patterns, numbers, versions, signed returns.

Official letters of the Pemerintah Kota Kupang carry a number from the unit's register; the
Lampiran of Peraturan Wali Kota Kupang Nomor 23 Tahun 2025 (Pasal 7, 11 and 12) are issued,
signed and kept as such. A number is taken only when a document is finalised.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import OperationalError, connection, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import record
from integritas.common import files
from integritas.documents import catalogue
from integritas.documents.models import (
    DocumentTemplate,
    IssuedDocument,
    LetterNumber,
    NumberPattern,
)

if TYPE_CHECKING:
    from integritas.accounts.models import User

T = TypeVar("T")
PLACEHOLDERS = {"seq", "unit", "year"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def pattern_check(pattern: str) -> str:
    """The pattern, trimmed; ``ValidationError`` when it has no ``{seq}`` or an unknown field."""
    pattern = pattern.strip()
    names = _PLACEHOLDER.findall(pattern)
    unknown = sorted(set(names) - PLACEHOLDERS)
    if unknown:
        raise ValidationError(
            _(
                "Pola nomor memuat isian yang tidak dikenal: %(names)s. Gunakan {seq}, {unit}, {year}."
            )
            % {"names": ", ".join("{" + n + "}" for n in unknown)}
        )
    if names.count("seq") != 1:
        raise ValidationError(_("Pola nomor harus memuat {seq} (nomor urut) tepat satu kali."))
    return pattern


def format_number(pattern: str, *, sequence: int, unit_code: str, year: int) -> str:
    return (
        pattern.replace("{seq}", str(sequence))
        .replace("{unit}", unit_code)
        .replace("{year}", str(year))
    )


def pattern_set(*, unit: Any, year: int, pattern: str, by: User) -> NumberPattern:
    """Set (or change) a unit's numbering for a year; numbers already given keep their text."""
    pattern = pattern_check(pattern)
    with transaction.atomic():
        current = NumberPattern.objects.select_for_update().filter(unit=unit, year=year).first()
        before = current.pattern if current else None
        if current is None:
            current = NumberPattern(unit=unit, year=year)
        current.pattern = pattern
        current.updated_by = by
        current.full_clean()
        current.save()
        record(actor=by, action="nomor_surat.pola_ditetapkan", obj=current, unit_id=unit.pk,
               changes={"pattern": [before, pattern]})  # fmt: skip
    return current


def _allocate(*, unit: Any, year: int, by: User) -> LetterNumber:
    pattern = NumberPattern.objects.select_for_update().filter(unit=unit, year=year).first()
    if pattern is None:
        raise ValidationError(
            _("Pola nomor surat %(unit)s tahun %(year)s belum ditetapkan administrator.")
            % {"unit": unit.name, "year": year}
        )
    NumberPattern.objects.filter(pk=pattern.pk).update(last_sequence=F("last_sequence") + 1)
    pattern.refresh_from_db(fields=["last_sequence"])
    sequence = pattern.last_sequence
    number = LetterNumber(
        unit=unit, year=year, sequence=sequence, allocated_by=by,
        number=format_number(pattern.pattern, sequence=sequence, unit_code=unit.code, year=year),
    )  # fmt: skip
    number.full_clean()
    number.save()
    record(actor=by, action="nomor_surat.diberikan", obj=number, unit_id=unit.pk,
           changes={"number": [None, number.number]})  # fmt: skip
    return number


def number_allocate(*, unit: Any, year: int, by: User) -> LetterNumber:
    """The next number of the unit's register for the year, inside the caller's transaction.

    The counter row is locked (``SELECT … FOR UPDATE``) and incremented in the same
    transaction that saves the number and the document; a rollback gives the sequence back, so
    there are no gaps, and the unique constraint on (unit, year, sequence) forbids duplicates.
    """
    if connection.in_atomic_block:
        return _allocate(unit=unit, year=year, by=by)
    with transaction.atomic():
        return _allocate(unit=unit, year=year, by=by)


def number_cancel(*, number: LetterNumber, reason: str, by: User) -> LetterNumber:
    """Cancel a number: it stays in the register, marked *dibatalkan*, and is never reused."""
    with transaction.atomic():
        number = LetterNumber.objects.select_for_update().get(pk=number.pk)
        if number.status == LetterNumber.Status.CANCELLED:
            raise ValidationError(_("Nomor ini sudah dibatalkan."))
        number.status = LetterNumber.Status.CANCELLED
        number.cancelled_by = by
        number.cancelled_at = timezone.now()
        number.cancel_reason = reason.strip()[:300]
        number.full_clean()
        number.save()
        record(actor=by, action="nomor_surat.dibatalkan", obj=number, unit_id=number.unit_id,
               changes={"status": [LetterNumber.Status.ACTIVE, LetterNumber.Status.CANCELLED]})  # fmt: skip
    return number


# --- versions -----------------------------------------------------------------------------------


def document_draft(*, doc_type: catalogue.DocumentType, obj: Any, by: User) -> IssuedDocument:
    """Open a draft version of a document for its source record (no number yet)."""
    context = catalogue.read_model(doc_type, obj)
    unit = doc_type.unit_of(obj)
    with transaction.atomic():
        document = IssuedDocument(
            type_code=doc_type.code, object_id=obj.pk, unit=unit, year=doc_type.year_of(obj),
            data_sha256=catalogue.data_sha256(context), created_by=by,
        )  # fmt: skip
        document.full_clean()
        document.save()
        record(actor=by, action="dokumen.draf", obj=document, unit_id=unit.pk)
    return document


def _locked(document: IssuedDocument, state: str) -> IssuedDocument:
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if document.state != state:
        raise ValidationError(
            _("Dokumen berstatus %(state)s; langkah ini tidak dapat dilakukan.")
            % {"state": document.get_state_display()}
        )
    return document


def document_finalise(*, document: IssuedDocument, obj: Any, by: User) -> IssuedDocument:
    """Number a draft, render both formats with the number and store them with their SHA-256."""
    doc_type = catalogue.get(document.type_code)
    assert doc_type is not None
    context = catalogue.read_model(doc_type, obj)
    with transaction.atomic():
        document = _locked(document, IssuedDocument.State.DRAFT)
        number = ""
        if doc_type.numbered:
            letter = number_allocate(unit=document.unit, year=document.year, by=by)
            document.number = letter
            number = letter.number
        for fmt in catalogue.FORMATS:
            rendered = catalogue.render(doc_type, obj, fmt, number=number, context=context)
            field = document.docx_file if fmt == "docx" else document.pdf_file
            files.store(field, ContentFile(rendered.data, name=rendered.filename))
        document.data_sha256 = catalogue.data_sha256(context)
        document.state = IssuedDocument.State.FINAL
        document.finalised_by = by
        document.finalised_at = timezone.now()
        document.full_clean()
        document.save()
        record(actor=by, action="dokumen.final", obj=document, unit_id=document.unit_id,
               changes={"state": [IssuedDocument.State.DRAFT, IssuedDocument.State.FINAL], "number": [None, number or None],
                        "docx_sha256": [None, document.docx_sha256],
                        "pdf_sha256": [None, document.pdf_sha256]})  # fmt: skip
    return document


def document_sign(*, document: IssuedDocument, upload: Any, by: User) -> IssuedDocument:
    """Bind the signed scan (PDF or image) to the finalised version it was printed from."""
    with transaction.atomic():
        document = _locked(document, IssuedDocument.State.FINAL)
        stored = files.store(document.signed_file, upload)
        document.state = IssuedDocument.State.SIGNED
        document.signed_by = by
        document.signed_at = timezone.now()
        document.full_clean()
        document.save()
        record(actor=by, action="dokumen.ditandatangani", obj=document,
               unit_id=document.unit_id,
               changes={"state": [IssuedDocument.State.FINAL, IssuedDocument.State.SIGNED], "signed_sha256": [None, stored.sha256]})  # fmt: skip
    return document


def document_cancel(*, document: IssuedDocument, reason: str, by: User) -> IssuedDocument:
    """Cancel a version; its number stays in the register, marked *dibatalkan*."""
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if document.state == IssuedDocument.State.CANCELLED:
            raise ValidationError(_("Dokumen ini sudah dibatalkan."))
        before = document.state
        if document.number is not None:
            number_cancel(number=document.number, reason=reason, by=by)
        document.state = IssuedDocument.State.CANCELLED
        document.cancelled_by = by
        document.cancelled_at = timezone.now()
        document.save()
        record(actor=by, action="dokumen.dibatalkan", obj=document, unit_id=document.unit_id,
               changes={"state": [before, IssuedDocument.State.CANCELLED]})  # fmt: skip
    return document


# --- templates ----------------------------------------------------------------------------------


def template_upload(*, doc_type: catalogue.DocumentType, upload: Any, by: User) -> DocumentTemplate:
    """Keep a new .docx template version for a type (refused if it uses unknown fields)."""
    from integritas.documents.templates_store import check_template

    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    check_template(doc_type, content)
    with transaction.atomic():
        latest = DocumentTemplate.objects.filter(type_code=doc_type.code).aggregate(
            top=Max("version")
        )["top"]
        template = DocumentTemplate(type_code=doc_type.code, version=(latest or 0) + 1,
                                    uploaded_by=by)  # fmt: skip
        stored = files.store(template.file, upload)
        DocumentTemplate.objects.filter(type_code=doc_type.code).update(is_active=False)
        template.full_clean()
        template.save()
        record(actor=by, action="templat_dokumen.diunggah", obj=template,
               changes={"version": [latest, template.version], "sha256": [None, stored.sha256]})  # fmt: skip
    return template


def template_use_shipped(*, doc_type: catalogue.DocumentType, by: User) -> None:
    """Go back to the template shipped with the application (the uploaded ones are kept)."""
    with transaction.atomic():
        changed = DocumentTemplate.objects.filter(type_code=doc_type.code, is_active=True).update(
            is_active=False
        )
        record(actor=by, action="templat_dokumen.bawaan", object_type="documents.templat",
               object_id=doc_type.code, object_repr=doc_type.title,
               changes={"active": [bool(changed), False]})  # fmt: skip


def retry_locked(call: Callable[[], T], *, attempts: int = 50) -> T:
    """Run a write again when SQLite reports its database locked (a concurrent writer)."""
    for attempt in range(attempts):
        try:
            return call()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")

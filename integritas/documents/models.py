"""The register of official documents: letter numbers, finalised versions, signed returns and
the templates an administrator uploaded.

A document is numbered only when it is finalised (never when it is previewed); the number comes
from the unit's pattern for the year, under a row lock on the pattern's counter and a unique
constraint on (unit, year, sequence), so two requests at once never get the same number and no
number is skipped. A cancelled document keeps its number, marked *dibatalkan*.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from integritas.common.files import PrivateFileField
from integritas.common.uploads import IMAGE, OFFICE, PDF
from integritas.organization.models import Unit

TEMPLATE_MAX_BYTES = 5 * 1024 * 1024


class NumberPattern(models.Model):
    """A unit's numbering for a year, e.g. ``800/{seq}/ORG/{year}``; it holds the counter."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="number_patterns", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    pattern = models.CharField(
        _("pola nomor"),
        max_length=120,
        help_text=_(
            "Misalnya 800/{seq}/ORG/{year}. {seq} = nomor urut, {unit} = kode unit, {year} = tahun."
        ),
    )
    last_sequence = models.PositiveIntegerField(_("nomor urut terakhir"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pola nomor surat")
        verbose_name_plural = _("pola nomor surat")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="number_pattern_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.pattern}"


class LetterNumber(models.Model):
    """One allocated letter number; never deleted, never reused."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("aktif")
        CANCELLED = "cancelled", _("dibatalkan")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="letter_numbers")
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("nomor urut"))
    number = models.CharField(_("nomor surat"), max_length=150)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    allocated_at = models.DateTimeField(auto_now_add=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("alasan pembatalan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nomor surat")
        verbose_name_plural = _("nomor surat")
        ordering = ["unit", "year", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "sequence"], name="letter_number_sequence_once"
            ),
            models.UniqueConstraint(fields=["unit", "number"], name="letter_number_once"),
        ]

    def __str__(self) -> str:
        return self.number


class IssuedDocument(models.Model):
    """One version of a catalogue document: draf → final (numbered, stored) → ditandatangani."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draf")
        FINAL = "final", _("final")
        SIGNED = "signed", _("ditandatangani")
        CANCELLED = "cancelled", _("dibatalkan")

    type_code = models.CharField(_("jenis dokumen"), max_length=60)
    object_id = models.PositiveIntegerField()  # the source record of the owning app
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="issued_documents")
    year = models.PositiveSmallIntegerField(_("tahun"))
    state = models.CharField(_("status"), max_length=16, choices=State.choices, default=State.DRAFT)
    number = models.OneToOneField(
        LetterNumber, on_delete=models.PROTECT, null=True, blank=True, related_name="document"
    )
    data_sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    docx_file = PrivateFileField(
        folder="documents/issued", families={OFFICE}, kinds={"docx"}, blank=True,
        content_type_field="docx_content_type", sha256_field="docx_sha256", append_only=True,
    )  # fmt: skip
    docx_content_type = models.CharField(max_length=120, blank=True, editable=False)
    docx_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    pdf_file = PrivateFileField(
        folder="documents/issued", families={PDF}, blank=True,
        content_type_field="pdf_content_type", sha256_field="pdf_sha256", append_only=True,
    )  # fmt: skip
    pdf_content_type = models.CharField(max_length=120, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    signed_file = PrivateFileField(
        _("pindaian bertanda tangan"), folder="documents/signed", families={PDF, IMAGE},
        blank=True, content_type_field="signed_content_type", sha256_field="signed_sha256",
        original_name_field="signed_original_name", append_only=True,
    )  # fmt: skip
    signed_content_type = models.CharField(max_length=120, blank=True, editable=False)
    signed_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    signed_original_name = models.CharField(max_length=255, blank=True, editable=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen resmi")
        verbose_name_plural = _("dokumen resmi")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["type_code", "object_id"], name="issued_document_source")]

    def __str__(self) -> str:
        return f"{self.type_code} {self.unit} {self.year} ({self.state})"


class DocumentTemplate(models.Model):
    """A .docx template an administrator uploaded for a type; every version is kept."""

    type_code = models.CharField(_("jenis dokumen"), max_length=60)
    version = models.PositiveIntegerField(_("versi"))
    file = PrivateFileField(
        _("templat .docx"), folder="documents/templates", families={OFFICE}, kinds={"docx"},
        max_bytes=TEMPLATE_MAX_BYTES, content_type_field="content_type", sha256_field="sha256",
        original_name_field="original_name", append_only=True,
    )  # fmt: skip
    content_type = models.CharField(max_length=120, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    is_active = models.BooleanField(_("dipakai"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("templat dokumen")
        verbose_name_plural = _("templat dokumen")
        ordering = ["type_code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["type_code", "version"], name="document_template_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.type_code} v{self.version}"

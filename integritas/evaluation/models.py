"""LKE worksheet versions, assessments, answers, evidence, TPI review and final snapshots.

One assessment per unit, year and worksheet version: a conditional UniqueConstraint over the
rows that are not superseded. A final assessment is never edited; a new one (its `revision`
one higher) supersedes it, and the old row stays, marked superseded, with its snapshot.
"""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integritas.common.files import PrivateFileField
from integritas.common.uploads import EVIDENCE_FAMILIES
from integritas.organization.models import Unit

ZERO = Decimal(0)
FOUR = Decimal(4)
HUNDRED = Decimal(100)


class FrameworkVersion(models.Model):
    """A.1: one LKE worksheet version as loaded from its YAML file; immutable once published."""

    code = models.CharField(_("kode"), max_length=50)
    version = models.PositiveIntegerField(_("versi"))
    title = models.CharField(_("judul"), max_length=300)
    regulation = models.TextField(_("dasar hukum"), blank=True)
    year = models.PositiveIntegerField(_("tahun"), default=0)
    sha256 = models.CharField(
        _("SHA-256 isi"), max_length=64, help_text=_("Sidik isi berkas (JSON kanonik).")
    )
    data = models.JSONField(_("isi kerangka kerja"))
    published = models.BooleanField(_("diterbitkan"), default=False)
    published_at = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    loaded_at = models.DateTimeField(_("dimuat pada"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-version", "code"]
        verbose_name = _("versi LKE")
        verbose_name_plural = _("versi LKE")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.code} v{self.version})"


class Assessment(models.Model):
    """One filling of the LKE by a unit for a year (Pasal 11 ayat 6-14, Pasal 15, Pasal 19)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep (diisi unit)")
        SUBMITTED = "submitted", _("Diajukan ke TPI")
        IN_REVIEW = "in_review", _("Dinilai TPI")
        RETURNED = "returned", _("Dikembalikan untuk perbaikan")
        FINAL = "final", _("Final")
        SUPERSEDED = "superseded", _("Digantikan")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("unit")
    )
    year = models.PositiveIntegerField(
        _("tahun"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="assessments",
        verbose_name=_("versi LKE"),
    )  # fmt: skip
    revision = models.PositiveIntegerField(_("revisi"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    review_round = models.PositiveIntegerField(_("putaran pengembalian"), default=0)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by",
        verbose_name=_("menggantikan"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "unit__name", "-revision"]
        verbose_name = _("penilaian LKE")
        verbose_name_plural = _("penilaian LKE")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "framework"],
                condition=~Q(status="superseded"),
                name="assessment_one_current_per_unit_year_framework",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "framework", "revision"],
                name="assessment_revision_once",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["final", "superseded"]) | Q(finalised_at__isnull=True),
                name="assessment_finalised_only_when_final",
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="assessment_year_status")]

    def __str__(self) -> str:
        suffix = f" (revisi {self.revision})" if self.revision > 1 else ""
        return f"LKE {self.unit.name} {self.year}{suffix}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:assessment_detail", args=[self.pk])

    @property
    def unit_may_edit(self) -> bool:
        """Pasal 11: the unit fills its self-assessment until it is submitted (or returned)."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def under_review(self) -> bool:
        """Pasal 15, 19: the TPI scores a submitted assessment."""
        return self.status in (self.Status.SUBMITTED, self.Status.IN_REVIEW)

    @property
    def is_final(self) -> bool:
        return self.status in (self.Status.FINAL, self.Status.SUPERSEDED)


class Answer(models.Model):
    """One question's self-assessment answer and, beside it, the TPI's score."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_code = models.CharField(_("kode pertanyaan"), max_length=20)
    option_label = models.CharField(_("pilihan"), max_length=10, blank=True)
    percent = models.DecimalField(
        _("persentase"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    inputs = models.JSONField(_("isian jumlah"), default=dict, blank=True)
    note = models.TextField(_("catatan unit"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    tpi_option_label = models.CharField(_("pilihan TPI"), max_length=10, blank=True)
    tpi_percent = models.DecimalField(
        _("persentase TPI"), max_digits=7, decimal_places=4, null=True, blank=True
    )
    tpi_inputs = models.JSONField(_("isian jumlah TPI"), default=dict, blank=True)
    tpi_note = models.TextField(_("catatan TPI"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    returned = models.BooleanField(_("dikembalikan"), default=False)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    returned_round = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "id"]
        verbose_name = _("jawaban LKE")
        verbose_name_plural = _("jawaban LKE")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_code"], name="answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__gte=0, percent__lte=100),
                name="answer_percent_0_100",
            ),
            models.CheckConstraint(
                condition=Q(tpi_percent__isnull=True) | Q(tpi_percent__gte=0, tpi_percent__lte=100),
                name="answer_tpi_percent_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.option_label or self.percent or '-'}"


class HasilInput(models.Model):
    """§1.6: the hasil inputs of an assessment — IPAK, IPKP (0-4), capaian kinerja A-E, TLHP %."""

    class Capaian(models.TextChoices):
        A = "A", "A"
        B = "B", "B"
        C = "C", "C"
        D = "D", "D"
        E = "E", "E"

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="hasil")
    ipak_index = models.DecimalField(
        _("IPAK (0-4)"), max_digits=6, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(FOUR)],
    )  # fmt: skip
    ipak_source = models.CharField(_("sumber IPAK"), max_length=300, blank=True)
    ipak_wave_id = models.PositiveIntegerField(null=True, blank=True)
    ipkp_index = models.DecimalField(
        _("IPKP (0-4)"), max_digits=6, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(FOUR)],
    )  # fmt: skip
    ipkp_source = models.CharField(_("sumber IPKP"), max_length=300, blank=True)
    ipkp_wave_id = models.PositiveIntegerField(null=True, blank=True)
    capaian_kinerja = models.CharField(
        _("capaian kinerja"), max_length=1, choices=Capaian.choices, blank=True
    )
    tlhp_percent = models.DecimalField(
        _("TLHP (%)"), max_digits=7, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
    )  # fmt: skip
    note = models.TextField(_("catatan"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("isian komponen hasil")
        verbose_name_plural = _("isian komponen hasil")
        constraints = [
            models.CheckConstraint(
                condition=Q(ipak_index__isnull=True) | Q(ipak_index__gte=0, ipak_index__lte=4),
                name="hasil_ipak_0_4",
            ),
            models.CheckConstraint(
                condition=Q(ipkp_index__isnull=True) | Q(ipkp_index__gte=0, ipkp_index__lte=4),
                name="hasil_ipkp_0_4",
            ),
            models.CheckConstraint(
                condition=Q(tlhp_percent__isnull=True)
                | Q(tlhp_percent__gte=0, tlhp_percent__lte=100),
                name="hasil_tlhp_0_100",
            ),
            models.CheckConstraint(
                condition=Q(capaian_kinerja__in=["", "A", "B", "C", "D", "E"]),
                name="hasil_capaian_a_e",
            ),
        ]

    def __str__(self) -> str:
        return f"Hasil {self.assessment}"


def evidence_path(instance: "EvidenceRevision", filename: str) -> str:
    """The upload_to of the first migration; files are now named by common.files.store."""
    return f"evidence/{instance.document.unit_id}/{uuid.uuid4().hex}"


class EvidenceDocument(models.Model):
    """A supporting document (data dukung) of a unit; it may serve several questions."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="evidence_documents", verbose_name=_("unit")
    )
    title = models.CharField(_("judul dokumen"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "title", "id"]
        verbose_name = _("dokumen data dukung")
        verbose_name_plural = _("dokumen data dukung")

    def __str__(self) -> str:
        return self.title


class EvidenceRevision(models.Model):
    """One uploaded version of an evidence document; append-only, its SHA-256 recorded."""

    document = models.ForeignKey(
        EvidenceDocument, on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revisi ke"))
    file = PrivateFileField(
        _("berkas"), folder="evidence/{document.unit_id}", families=EVIDENCE_FAMILIES, append_only=True,
        content_type_field="content_type", sha256_field="sha256", size_field="size",
        original_name_field="original_name",
    )  # fmt: skip
    original_name = models.CharField(_("nama berkas asli"), max_length=255)
    content_type = models.CharField(_("jenis isi"), max_length=120)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("revisi data dukung")
        verbose_name_plural = _("revisi data dukung")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="evidence_revision_once"),
            models.CheckConstraint(condition=Q(size__gt=0), name="evidence_revision_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.document} (rev. {self.number})"


class EvidenceLink(models.Model):
    """A document serving one question (or hasil input) of one assessment."""

    document = models.ForeignKey(EvidenceDocument, on_delete=models.PROTECT, related_name="links")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="evidence_links"
    )
    item_code = models.CharField(_("kode pertanyaan/isian"), max_length=30)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "item_code", "id"]
        verbose_name = _("tautan data dukung")
        verbose_name_plural = _("tautan data dukung")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "assessment", "item_code"], name="evidence_link_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_code} ← {self.document}"


class ReviewerAssignment(models.Model):
    """Pasal 15, 19: a TPI member assigned to evaluate a unit in a year; one ketua per unit-year."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reviewer_assignments", verbose_name=_("unit")
    )
    year = models.PositiveIntegerField(_("tahun"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments",
        verbose_name=_("anggota TPI"),
    )  # fmt: skip
    is_ketua = models.BooleanField(_("ketua penilai"), default=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit__name", "-is_ketua"]
        verbose_name = _("penugasan TPI")
        verbose_name_plural = _("penugasan TPI")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "user"], name="reviewer_once"),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=Q(is_ketua=True), name="reviewer_one_ketua"
            ),
        ]

    def __str__(self) -> str:
        role = _("ketua") if self.is_ketua else _("anggota")
        return f"{self.user} — {self.unit} {self.year} ({role})"


class AssessmentSnapshot(models.Model):
    """The frozen record of a final assessment that documents and decisions point to."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="snapshot")
    data = models.JSONField()
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuplikan penilaian final")
        verbose_name_plural = _("cuplikan penilaian final")

    def __str__(self) -> str:
        return f"Cuplikan {self.assessment} ({self.sha256[:12]})"

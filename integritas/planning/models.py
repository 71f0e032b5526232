"""Work plan, action plan (B01–B12), monthly reports, innovations, media and mentoring logs."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integritas.common.files import PrivateFileField
from integritas.common.formatting import tanggal
from integritas.common.uploads import EVIDENCE_FAMILIES, PDF, private_name
from integritas.organization.models import Employee, Unit
from integritas.planning.components import COMPONENTS
from integritas.planning.rules import MONTH_CODES

PERCENT_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
MONTH_FIELDS = tuple(code.lower() for code in MONTH_CODES)  # b01 … b12


# The upload_to of the first migration; files are now named by common.files.store.
def _private_name(folder: str, filename: str) -> str:
    return private_name(f"planning/{folder}", filename)


def evidence_upload_to(instance, filename: str) -> str:
    return _private_name("evidence", filename)


def innovation_upload_to(instance, filename: str) -> str:
    return _private_name("innovations", filename)


def decree_upload_to(instance, filename: str) -> str:
    return _private_name("decrees", filename)


class Component(models.TextChoices):
    """Pasal 11 ayat (6)–(8): the six pengungkit areas and the two hasil components."""

    MP = "MP", _("Manajemen Perubahan")
    TT = "TT", _("Penataan Tatalaksana")
    SDM = "SDM", _("Penataan Manajemen SDM")
    AK = "AK", _("Penguatan Akuntabilitas Kinerja")
    PW = "PW", _("Penguatan Pengawasan")
    PP = "PP", _("Peningkatan Kualitas Pelayanan Publik")
    BERSIH = "bersih", _("Hasil: Pemerintahan yang Bersih dan Bebas KKN")
    PELAYANAN = "pelayanan", _("Hasil: Peningkatan Kualitas Pelayanan Publik")


assert [c.code for c in COMPONENTS] == list(Component.values)


class WorkPlan(models.Model):
    """A unit's rencana kerja pembangunan ZI for a year, set by the head's decree (Pasal 11)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="work_plans", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    decree_number = models.CharField(_("nomor keputusan kepala unit"), max_length=150)
    decree_date = models.DateField(_("tanggal keputusan"))
    decree_file = PrivateFileField(
        _("pindaian keputusan bertanda tangan (PDF)"), folder="planning/decrees", families={PDF},
        blank=True, content_type_field="decree_file_content_type",
        sha256_field="decree_file_sha256",
    )  # fmt: skip
    decree_file_sha256 = models.CharField(max_length=64, blank=True)
    decree_file_content_type = models.CharField(max_length=120, blank=True)
    socialisation = models.TextField(
        _("sosialisasi pembangunan ZI"),
        help_text=_("Pasal 11 ayat (5): melalui media apa saja pembangunan ZI disosialisasikan."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "unit__name"]
        verbose_name = _("rencana kerja pembangunan ZI")
        verbose_name_plural = _("rencana kerja pembangunan ZI")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="work_plan_once_per_unit_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="work_plan_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Rencana kerja')} {self.unit.code} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("planning:work_plan", args=[self.unit_id, self.year])


class WorkPlanTarget(models.Model):
    """The priority targets of one component in a work plan (Pasal 11 ayat 4)."""

    work_plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="targets")
    component = models.CharField(_("komponen"), max_length=10, choices=Component.choices)
    targets = models.TextField(_("target prioritas"), blank=True)

    class Meta:
        ordering = ["work_plan", "id"]
        verbose_name = _("target prioritas")
        verbose_name_plural = _("target prioritas")
        constraints = [
            models.UniqueConstraint(
                fields=["work_plan", "component"], name="work_plan_target_once_per_component"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work_plan} · {self.component}"


class ActionPlan(models.Model):
    """A unit's yearly rencana aksi with monthly targets (Pasal 12, Lampiran C)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SET = "set", _("Ditetapkan")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="action_plans", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit__name"]
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="action_plan_once_per_unit_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="action_plan_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Rencana aksi')} {self.unit.code} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("planning:action_plan", args=[self.unit_id, self.year])


class ActionRow(models.Model):
    """One row of Lampiran C: komponen, tujuan, indikator, rencana aksi, B01…B12."""

    class BudgetSource(models.TextChoices):
        """Pasal 18: APBD or another lawful, non-binding source."""

        APBD = "apbd", _("APBD")
        LAINNYA = "other", _("Sumber lain yang sah dan tidak mengikat")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveIntegerField(_("urutan"), default=0)
    component = models.CharField(_("komponen"), max_length=10, choices=Component.choices)
    goal = models.TextField(_("tujuan"))
    indicator = models.TextField(_("indikator"))
    action = models.TextField(_("rencana aksi"))
    pic_employee = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("penanggung jawab (pegawai)"),
    )  # fmt: skip
    pic_text = models.CharField(_("penanggung jawab"), max_length=200, blank=True)
    budget = models.DecimalField(
        _("anggaran (Rp)"), max_digits=15, decimal_places=2, default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )  # fmt: skip
    budget_source = models.CharField(
        _("sumber anggaran"), max_length=10, choices=BudgetSource.choices,
        default=BudgetSource.APBD,
    )  # fmt: skip
    budget_source_note = models.CharField(_("keterangan sumber"), max_length=200, blank=True)
    lke_question_codes = models.JSONField(_("kode pertanyaan LKE"), default=list, blank=True)
    b01 = models.DecimalField("B01", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b02 = models.DecimalField("B02", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b03 = models.DecimalField("B03", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b04 = models.DecimalField("B04", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b05 = models.DecimalField("B05", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b06 = models.DecimalField("B06", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b07 = models.DecimalField("B07", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b08 = models.DecimalField("B08", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b09 = models.DecimalField("B09", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b10 = models.DecimalField("B10", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b11 = models.DecimalField("B11", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)
    b12 = models.DecimalField("B12", max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = _("baris rencana aksi")
        verbose_name_plural = _("baris rencana aksi")
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="action_budget_not_negative"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{m}__gte": 0}) & Q(**{f"{m}__lte": 100}),
                    name=f"action_{m}_percent",
                )
                for m in MONTH_FIELDS
            ],
            models.CheckConstraint(
                condition=Q(budget_source="apbd") | ~Q(budget_source_note=""),
                name="action_other_source_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.component}: {self.action[:60]}"

    @property
    def targets(self) -> list[Decimal]:
        return [getattr(self, m) for m in MONTH_FIELDS]

    def target(self, month: int) -> Decimal:
        return getattr(self, MONTH_FIELDS[month - 1])

    @property
    def pic_label(self) -> str:
        if self.pic_employee_id and self.pic_employee is not None:
            return self.pic_employee.full_name
        return self.pic_text

    @property
    def budget_source_label(self) -> str:
        if self.budget_source == self.BudgetSource.APBD:
            return f"APBD – {self.budget_source_note}" if self.budget_source_note else "APBD"
        return self.budget_source_note or str(self.BudgetSource.LAINNYA.label)


class MonthlyReport(models.Model):
    """The Tim Kerja's monthly report on the action plan (Pasal 12 ayat 4–5)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Dikembalikan")
        ACCEPTED = "accepted", _("Diterima")

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="reports")
    month = models.PositiveSmallIntegerField(_("bulan"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    revision = models.PositiveSmallIntegerField(_("jumlah pengajuan"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "month"]
        verbose_name = _("laporan bulanan")
        verbose_name_plural = _("laporan bulanan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "month"], name="report_once_per_plan_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="report_month_1_to_12"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(revision__gte=1),
                name="report_reviewed_only_after_submission",
            ),
        ]
        indexes = [models.Index(fields=["status"], name="report_status")]

    def __str__(self) -> str:
        return f"{_('Laporan')} {self.plan.unit.code} B{self.month:02d}/{self.plan.year}"

    def get_absolute_url(self) -> str:
        return reverse("planning:report_detail", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class RealisationRow(models.Model):
    """The realisation of one action in a monthly report (cumulative percent, like the target)."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="rows")
    action_row = models.ForeignKey(ActionRow, on_delete=models.PROTECT, related_name="realisations")
    percent = models.DecimalField(
        _("realisasi (%)"), max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS
    )
    narrative = models.TextField(_("uraian capaian"), blank=True)

    class Meta:
        ordering = ["report", "action_row__order", "action_row_id"]
        verbose_name = _("realisasi rencana aksi")
        verbose_name_plural = _("realisasi rencana aksi")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "action_row"], name="realisation_once_per_action"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="realisation_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.action_row_id}: {self.percent}"


class ReportEvidence(models.Model):
    """A file supporting a monthly report; private, served only after an access check."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="evidence")
    action_row = models.ForeignKey(
        ActionRow, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("untuk rencana aksi"),
    )  # fmt: skip
    file = PrivateFileField(
        folder="planning/evidence", families=EVIDENCE_FAMILIES, content_type_field="content_type",
        sha256_field="sha256", size_field="size", original_name_field="original_name",
    )  # fmt: skip
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("bukti laporan")
        verbose_name_plural = _("bukti laporan")

    def __str__(self) -> str:
        return self.original_name


class ReportEvent(models.Model):
    """One step of a report's workflow, shown as its history."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Dikembalikan")
        ACCEPTED = "accepted", _("Diterima")

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "at", "id"]
        verbose_name = _("riwayat laporan")
        verbose_name_plural = _("riwayat laporan")

    def __str__(self) -> str:
        return f"{self.report} {self.kind}"


class Innovation(models.Model):
    """Pasal 9 angka 4: an innovation to improve public service or prevent corruption."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="innovations")
    name = models.CharField(_("nama inovasi"), max_length=200)
    problem = models.TextField(_("masalah yang diatasi"))
    change = models.TextField(_("perubahan yang dilakukan"))
    started_on = models.DateField(_("tanggal mulai diterapkan"))
    evidence_url = models.URLField(_("tautan bukti"), max_length=500, blank=True)
    evidence_file = PrivateFileField(
        _("berkas bukti"), folder="planning/innovations", families=EVIDENCE_FAMILIES, blank=True,
        content_type_field="evidence_content_type", sha256_field="evidence_sha256",
        original_name_field="evidence_name",
    )  # fmt: skip
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")

    def __str__(self) -> str:
        return self.name

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_url or self.evidence_file)


class MediaEntry(models.Model):
    """Pasal 9 angka 5–6, Pasal 11 ayat 5: a publication or public event about the ZI changes."""

    class Channel(models.TextChoices):
        WEBSITE = "website", _("Laman resmi")
        SOCIAL = "social", _("Media sosial")
        PRESS = "press", _("Media massa (cetak/daring)")
        BROADCAST = "broadcast", _("Radio/televisi")
        PRINT = "print", _("Spanduk, baliho, brosur")
        EVENT = "event", _("Kegiatan tatap muka dengan masyarakat/pemangku kepentingan")
        INTERNAL = "internal", _("Sosialisasi internal pegawai")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="media_entries")
    published_on = models.DateField(_("tanggal"))
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    title = models.CharField(_("judul/kegiatan"), max_length=300)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    audience = models.CharField(_("sasaran/jangkauan"), max_length=200, blank=True)
    note = models.TextField(_("keterangan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("log media dan komunikasi")
        verbose_name_plural = _("log media dan komunikasi")

    def __str__(self) -> str:
        return self.title


class MentoringEntry(models.Model):
    """Pasal 10, Pasal 17 ayat 1–2: the Tim Pendamping's assistance and consultation."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("Layanan konsultasi")
        ASSISTANCE = "assistance", _("Asistensi")
        MONITORING = "monitoring", _("Pemantauan perkembangan menuju WBBM")

    class FollowUp(models.TextChoices):
        OPEN = "open", _("Belum ditindaklanjuti")
        IN_PROGRESS = "in_progress", _("Sedang ditindaklanjuti")
        DONE = "done", _("Selesai")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="mentoring_entries")
    held_on = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    topic = models.CharField(_("topik"), max_length=300)
    advice = models.TextField(_("saran/arahan"))
    follow_up = models.TextField(_("tindak lanjut yang disepakati"), blank=True)
    follow_up_status = models.CharField(
        _("status tindak lanjut"), max_length=12, choices=FollowUp.choices, default=FollowUp.OPEN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("log pendampingan")
        verbose_name_plural = _("log pendampingan")

    def __str__(self) -> str:
        return f"{tanggal(self.held_on)} {self.topic}"

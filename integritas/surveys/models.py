"""Survey waves, their services, response codes, responses and answers.

A wave snapshots the instrument it collects with (items, answer texts, scale, weights), so a
later edit of the bundled file never changes a running or closed wave (docs/zi-rules.md A.1). Answers are
one row per item so the database computes COUNT/SUM per item with one GROUP BY (Pasal 11 ayat 10–14).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from math import lcm

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integritas.organization.models import Unit
from integritas.surveys.instruments import Instrument, parse_instrument

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class SurveyWave(models.Model):
    """One survey run of a unit for one period (Pasal 11 ayat 10–14)."""

    class Kind(models.TextChoices):
        SKM = "skm", _("SKM — Survei Kepuasan Masyarakat")
        SPAK = "spak", _("SPAK — Survei Persepsi Anti Korupsi")
        SPKP = "spkp", _("SPKP — Survei Persepsi Kualitas Pelayanan")

    class PeriodType(models.TextChoices):
        QUARTER = "quarter", _("Triwulan")
        SEMESTER = "semester", _("Semester")
        YEAR = "year", _("Tahun")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")

    class AccessMode(models.TextChoices):
        CODE = "code", _("Kode sekali pakai (terkuat)")
        OPEN = "link", _("Tautan terbuka (kontrol lemah)")

    class Conversion(models.TextChoices):
        PROPORTIONAL = "proportional", _("Proporsional: rata-rata × 4/6")
        RANGE_1_4 = "range-1-4", _("Rentang 1–4: 1 + (rata-rata − 1) × 3/5")
        RANGE_0_4 = "range-0-4", _("Rentang 0–4: (rata-rata − 1) × 4/5")

    class SampleMethod(models.TextChoices):
        FORMULA = "formula", _("Rumus Krejcie & Morgan")
        TABLE_NEXT_ROW = "table-next-row", _("Tabel Krejcie & Morgan, baris berikutnya ke atas")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="survey_waves", verbose_name=_("unit")
    )
    kind = models.CharField(_("jenis survei"), max_length=4, choices=Kind.choices)
    instrument_code = models.CharField(_("kode instrumen"), max_length=60)
    instrument = models.JSONField(_("instrumen (salinan)"))
    scale = models.PositiveSmallIntegerField(_("skala jawaban"), default=4)
    weight_denominator = models.PositiveIntegerField(
        _("penyebut bobot"),
        default=1,
        help_text=_(
            "KPK penyebut bobot butir; skor tertimbang responden disimpan sebagai bilangan bulat."
        ),
    )
    conversion = models.CharField(
        _("konversi skala 1–6"), max_length=20, choices=Conversion.choices, blank=True
    )
    sample_method = models.CharField(
        _("metode sampel"),
        max_length=20,
        choices=SampleMethod.choices,
        default=SampleMethod.FORMULA,
    )
    period_type = models.CharField(_("periode"), max_length=10, choices=PeriodType.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    period_number = models.PositiveSmallIntegerField(_("ke-"), default=1)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    access_mode = models.CharField(
        _("cara mengisi"), max_length=10, choices=AccessMode.choices, default=AccessMode.CODE
    )
    code_validity_days = models.PositiveSmallIntegerField(_("masa berlaku kode (hari)"), default=7)
    hold_policy = models.JSONField(
        _("aturan penahanan jawaban"),
        default=dict,
        blank=True,
        help_text=_(
            "Hanya angka yang diubah dari bawaan; bawaan dihitung dari jumlah pertanyaan "
            "dan cara mengisi (lihat policy.py)."
        ),
    )
    token = models.CharField(_("token tautan publik"), max_length=24, unique=True)
    report_analysis = models.TextField(_("analisis hasil"), blank=True)
    results = models.JSONField(_("hasil saat ditutup"), default=dict, blank=True)
    result_value = models.DecimalField(
        _("nilai indeks"), max_digits=9, decimal_places=4, null=True, blank=True
    )
    result_mutu = models.CharField(_("mutu"), max_length=2, blank=True)
    result_respondents = models.PositiveIntegerField(_("responden"), default=0)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    opened_at = models.DateTimeField(_("dibuka pada"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("ditutup oleh"),
    )

    class Meta:
        ordering = ["-year", "-period_number", "unit__name", "kind"]
        verbose_name = _("gelombang survei")
        verbose_name_plural = _("gelombang survei")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "period_type", "period_number"],
                name="survey_wave_one_per_unit_kind_period",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="survey_wave_start_before_end",
            ),
            models.CheckConstraint(condition=Q(scale__in=[4, 6]), name="survey_wave_scale_4_or_6"),
            models.CheckConstraint(
                condition=Q(scale=4, conversion="") | Q(scale=6) & ~Q(conversion=""),
                name="survey_wave_conversion_iff_scale_6",
            ),
            models.CheckConstraint(
                condition=Q(kind="skm", scale=4) | ~Q(kind="skm"), name="survey_wave_skm_is_1_4"
            ),
            models.CheckConstraint(
                condition=Q(period_type="quarter", period_number__gte=1, period_number__lte=4)
                | Q(period_type="semester", period_number__gte=1, period_number__lte=2)
                | Q(period_type="year", period_number=1),
                name="survey_wave_period_number_in_range",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="survey_wave_year_range"
            ),
            models.CheckConstraint(
                condition=Q(code_validity_days__gte=1, code_validity_days__lte=366),
                name="survey_wave_code_validity_range",
            ),
        ]
        indexes = [models.Index(fields=["unit", "kind", "status"], name="survey_wave_unit_kind")]

    def __str__(self) -> str:
        return f"{self.short_kind} {self.period_label} — {self.unit.name}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:wave_detail", args=[self.pk])

    @property
    def short_kind(self) -> str:
        return self.kind.upper()

    @property
    def period_label(self) -> str:
        if self.period_type == self.PeriodType.YEAR:
            return _("Tahun %(year)d") % {"year": self.year}
        label = self.get_period_type_display()
        return f"{label} {ROMAN.get(self.period_number, self.period_number)} {self.year}"

    @property
    def title(self) -> str:
        return f"{self.short_kind} {self.period_label}"

    @cached_property
    def instrument_obj(self) -> Instrument:
        """The wave's own instrument copy, validated (weights sum to 1)."""
        return parse_instrument(self.instrument, source=f"gelombang {self.pk}")

    @property
    def item_codes(self) -> tuple[str, ...]:
        return self.instrument_obj.codes

    def weights(self) -> dict[str, Fraction]:
        return self.instrument_obj.weights()

    def integer_weights(self) -> dict[str, int]:
        """Each weight × weight_denominator: whole numbers, so a weighted total stays exact."""
        return {
            code: int(weight * self.weight_denominator) for code, weight in self.weights().items()
        }

    @property
    def result_display(self) -> Decimal | None:
        """The frozen IKM/index rounded exactly to 2 decimals, as every page shows it."""
        value = (self.results or {}).get("overall", {}).get("value")
        return Decimal(value) if value else None

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def uses_codes(self) -> bool:
        return self.access_mode == self.AccessMode.CODE

    def public_path(self) -> str:
        return reverse("survey_public:form", args=[self.token])


def weight_denominator_for(instrument: Instrument) -> int:
    """The least common multiple of the weight denominators (9 for nine equal unsur)."""
    return lcm(*(item.weight.denominator for item in instrument.items))


def period_dates(period_type: str, year: int, number: int) -> tuple[date, date]:
    """First and last day of a quarter, semester or year."""
    if period_type == SurveyWave.PeriodType.QUARTER:
        first_month = 3 * (number - 1) + 1
        last_month = first_month + 2
    elif period_type == SurveyWave.PeriodType.SEMESTER:
        first_month = 6 * (number - 1) + 1
        last_month = first_month + 5
    else:
        first_month, last_month = 1, 12
    end = (
        date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    ).toordinal() - 1
    return date(year, first_month, 1), date.fromordinal(end)


class WaveService(models.Model):
    """A service (jenis layanan) surveyed in a wave, with its population and target sample."""

    wave = models.ForeignKey(SurveyWave, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("jenis layanan"), max_length=200)
    population = models.PositiveIntegerField(
        _("populasi"), help_text=_("Jumlah penerima layanan dalam periode survei.")
    )
    target_sample = models.PositiveIntegerField(_("target sampel"))
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("layanan yang disurvei")
        verbose_name_plural = _("layanan yang disurvei")
        constraints = [
            models.UniqueConstraint(fields=["wave", "name"], name="survey_service_unique_name"),
            models.CheckConstraint(
                condition=Q(population__gte=1), name="survey_service_population_positive"
            ),
            models.CheckConstraint(
                condition=Q(target_sample__lte=models.F("population")),
                name="survey_service_target_within_population",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CodeBatch(models.Model):
    """A batch of single-use response codes issued at once for one service counter."""

    wave = models.ForeignKey(SurveyWave, on_delete=models.CASCADE, related_name="code_batches")
    service = models.ForeignKey(WaveService, on_delete=models.PROTECT, related_name="code_batches")
    count = models.PositiveIntegerField(_("jumlah kode"))
    issued_at = models.DateTimeField(_("diterbitkan"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("kumpulan kode")
        verbose_name_plural = _("kumpulan kode")

    def __str__(self) -> str:
        return f"{self.count} kode · {self.service}"


class ResponseCode(models.Model):
    """A single-use code printed on a queue ticket or receipt; one response per code.

    The code is deliberately not linked to the response it admitted: only that it was used,
    so a counter officer cannot trace an answer back to the person handed the code.
    """

    wave = models.ForeignKey(SurveyWave, on_delete=models.CASCADE, related_name="codes")
    service = models.ForeignKey(WaveService, on_delete=models.PROTECT, related_name="codes")
    batch = models.ForeignKey(CodeBatch, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("kode"), max_length=16)
    issued_at = models.DateTimeField(_("diterbitkan"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    used_at = models.DateTimeField(_("dipakai"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("kode survei")
        verbose_name_plural = _("kode survei")
        constraints = [
            models.UniqueConstraint(fields=["wave", "code"], name="survey_code_unique_per_wave"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("issued_at")),
                name="survey_code_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"


class Response(models.Model):
    """One questionnaire, from the public form or typed in from paper; never deleted.

    No name, no raw address: `ip_hash` and `browser_hash` are keyed hashes salted per wave, kept
    only to spot bursts and repeat submissions.
    """

    class Channel(models.TextChoices):
        PUBLIC = "public", _("Formulir daring")
        PAPER = "paper", _("Kuesioner kertas")

    class Status(models.TextChoices):
        HELD = "held", _("Ditahan untuk ditinjau")
        ACCEPTED = "accepted", _("Diterima")
        REJECTED = "rejected", _("Ditolak")

    class Reason(models.TextChoices):
        FAST = "fast", _("Diisi sangat cepat")
        PATTERN = "pattern", _("Pola jawaban identik berulang")
        BURST = "burst", _("Banyak jawaban dari alamat yang sama")
        HONEYPOT = "honeypot", _("Kolom tersembunyi (jebakan robot) terisi")
        TIMING = "timing", _("Waktu pengisian tidak dapat diverifikasi")
        KIOSK = "kiosk", _("Kios melebihi batas jawaban per jam")

    wave = models.ForeignKey(SurveyWave, on_delete=models.PROTECT, related_name="responses")
    service = models.ForeignKey(WaveService, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    review_reasons = models.JSONField(_("alasan ditahan"), default=list, blank=True)
    hold_details = models.JSONField(
        _("angka alasan ditahan"),
        default=dict,
        blank=True,
        help_text="Per reason code: the measured value and the policy limit at the time of holding.",
    )
    review_note = models.CharField(_("catatan peninjau"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("masuk"), db_index=True)
    duration_seconds = models.PositiveIntegerField(_("lama mengisi (detik)"), null=True, blank=True)
    idempotency_key = models.CharField(max_length=64)
    ip_hash = models.CharField(max_length=64, blank=True)
    browser_hash = models.CharField(max_length=64, blank=True)
    answer_pattern = models.CharField(max_length=200)
    weighted_total = models.PositiveIntegerField(
        help_text="Σ answer × weight × wave.weight_denominator (exact respondent score)."
    )
    gender = models.CharField(_("jenis kelamin"), max_length=20, blank=True)
    age_band = models.CharField(_("usia"), max_length=20, blank=True)
    education = models.CharField(_("pendidikan"), max_length=20, blank=True)
    occupation = models.CharField(_("pekerjaan"), max_length=20, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("dimasukkan oleh"),
    )
    kiosk = models.ForeignKey(
        "surveys.Kiosk",
        on_delete=models.PROTECT,
        related_name="responses",
        null=True,
        blank=True,
        verbose_name=_("kios"),
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "idempotency_key"], name="survey_response_idempotent"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["held", "accepted", "rejected"]),
                name="survey_response_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["wave", "status", "service"], name="survey_resp_wave_status"),
            models.Index(fields=["wave", "ip_hash", "submitted_at"], name="survey_resp_wave_ip"),
            models.Index(
                fields=["wave", "answer_pattern", "submitted_at"], name="survey_resp_wave_pattern"
            ),
            models.Index(fields=["wave", "browser_hash"], name="survey_resp_wave_browser"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"

    def reason_labels(self) -> list[str]:
        labels = dict(self.Reason.choices)
        return [str(labels.get(code, code)) for code in self.review_reasons]

    def hold_explanations(self) -> list[str]:
        """Each reason in words, with the measured value and the wave's limit at holding time."""
        from integritas.surveys.policy import explain_reason

        return [
            explain_reason(code, (self.hold_details or {}).get(code))
            for code in self.review_reasons
        ]


class Kiosk(models.Model):
    """A counter tablet unlocked by staff for one wave: a fresh respondent after each answer.

    The tablet holds a random key in a cookie; only its keyed hash is stored. While unlocked the
    tablet is exempt from the one-response-per-browser block and the same-address rule, but has
    its own ceiling of answers per hour (an honest counter serves people one at a time).
    """

    wave = models.ForeignKey(SurveyWave, on_delete=models.PROTECT, related_name="kiosks")
    label = models.CharField(_("nama kios/loket"), max_length=100)
    service = models.ForeignKey(
        WaveService,
        on_delete=models.PROTECT,
        related_name="kiosks",
        null=True,
        blank=True,
        verbose_name=_("layanan di loket ini"),
    )
    key_hash = models.CharField(max_length=64, unique=True)
    per_hour_limit = models.PositiveSmallIntegerField(
        _("batas jawaban per jam"),
        default=30,
        help_text=_("Jawaban di atas batas ini dalam 60 menit ditahan untuk ditinjau."),
    )
    unlocked_at = models.DateTimeField(_("dibuka pada"))
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dibuka oleh"),
    )
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("dikunci oleh"),
    )

    class Meta:
        ordering = ["-unlocked_at", "-id"]
        verbose_name = _("kios survei")
        verbose_name_plural = _("kios survei")
        constraints = [
            models.CheckConstraint(
                condition=Q(per_hour_limit__gte=1, per_hour_limit__lte=600),
                name="survey_kiosk_limit_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_unlocked(self) -> bool:
        return self.locked_at is None


PROFILE_COLUMNS: dict[str, str] = {
    "jenis_kelamin": "gender",
    "usia": "age_band",
    "pendidikan": "education",
    "pekerjaan": "occupation",
}
"""Instrument profile codes (14/2017 questionnaire) → Response columns; jenis_layanan is the service."""


class Answer(models.Model):
    """One answer to one item of one response."""

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    item_code = models.CharField(max_length=20)
    value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["response_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "item_code"], name="survey_answer_once_per_item"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=6), name="survey_answer_value_1_6"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_code}={self.value}"


class FollowUp(models.Model):
    """A follow-up action on a weak unsur/item (rencana tindak lanjut of the SKM report)."""

    wave = models.ForeignKey(SurveyWave, on_delete=models.CASCADE, related_name="follow_ups")
    item_code = models.CharField(_("unsur/butir"), max_length=20)
    action = models.CharField(_("program/kegiatan"), max_length=500)
    timeline = models.CharField(_("waktu"), max_length=100)
    responsible = models.CharField(_("penanggung jawab"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")

    def __str__(self) -> str:
        return f"{self.item_code}: {self.action}"


class RateCounter(models.Model):
    """Requests of one hashed client address in one minute (public throttle, see throttle.py)."""

    bucket = models.CharField(max_length=64)
    minute = models.BigIntegerField(help_text="Unix time // 60")
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "minute"], name="survey_rate_counter_unique")
        ]
        indexes = [models.Index(fields=["minute"], name="survey_rate_counter_minute")]

    def __str__(self) -> str:
        return f"{self.bucket[:8]}@{self.minute}: {self.hits}"

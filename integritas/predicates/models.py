"""Prerequisite facts, the wajib-lapor register, recommendations, predicates, monitoring (Pasal 14–20)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integritas.common.files import PrivateFileField
from integritas.common.formatting import tanggal
from integritas.common.uploads import IMAGE, PDF, private_name
from integritas.evaluation.models import Assessment
from integritas.organization.models import Employee, Institution, Unit

YEAR_VALIDATORS = [MinValueValidator(2020), MaxValueValidator(2100)]
PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


SCAN_FAMILIES = frozenset({PDF, IMAGE})


# The upload_to of the first migrations; files are now named by common.files.store.
def fact_upload_to(instance, filename: str) -> str:
    return private_name("predicates/facts", filename)


def decision_upload_to(instance, filename: str) -> str:
    return private_name("predicates/decisions", filename)


def decree_upload_to(instance, filename: str) -> str:
    return private_name("predicates/decrees", filename)


class Level(models.TextChoices):
    WBK = "wbk", _("Menuju WBK")
    WBBM = "wbbm", _("Menuju WBBM")


class InstitutionKind(models.TextChoices):
    PEMDA = "pemda", _("Pemerintah daerah")
    KL = "kl", _("Kementerian/lembaga")


class Opinion(models.TextChoices):
    WTP = "WTP", _("Wajar Tanpa Pengecualian (WTP)")
    WDP = "WDP", _("Wajar Dengan Pengecualian (WDP)")
    TW = "TW", _("Tidak Wajar (TW)")
    TMP = "TMP", _("Tidak Menyatakan Pendapat (TMP)")


class Grade(models.TextChoices):
    AA = "AA", "AA"
    A = "A", "A"
    BB = "BB", "BB"
    B = "B", "B"
    CC = "CC", "CC"
    C = "C", "C"
    D = "D", "D"


def _source_required(obj: models.Model, pairs: list[tuple[str, str]]) -> None:
    errors = {
        source: _("Sebutkan dokumen sumbernya (mis. nomor dan tanggal LHP/LHE).")
        for value, source in pairs
        if getattr(obj, value) not in (None, "") and not getattr(obj, source).strip()
    }
    if errors:
        raise ValidationError(errors)


class InstitutionFacts(models.Model):
    """The instansi-level prerequisites of one year (Pasal 14, tingkat instansi pemerintah)."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    kind = models.CharField(
        _("jenis instansi"),
        max_length=10,
        choices=InstitutionKind.choices,
        default=InstitutionKind.PEMDA,
    )
    opini_bpk = models.CharField(_("opini BPK"), max_length=3, choices=Opinion.choices, blank=True)
    opini_source = models.CharField(_("sumber opini (LHP BPK)"), max_length=300, blank=True)
    opini_file = PrivateFileField(
        _("berkas LHP BPK"), folder="predicates/facts", families=SCAN_FAMILIES, blank=True,
        content_type_field="opini_file_content_type",
    )  # fmt: skip
    opini_file_content_type = models.CharField(max_length=120, blank=True)
    sakip = models.CharField(
        _("predikat SAKIP instansi"), max_length=2, choices=Grade.choices, blank=True
    )
    sakip_source = models.CharField(_("sumber SAKIP (LHE SAKIP)"), max_length=300, blank=True)
    sakip_file = PrivateFileField(
        _("berkas LHE SAKIP"), folder="predicates/facts", families=SCAN_FAMILIES, blank=True,
        content_type_field="sakip_file_content_type",
    )  # fmt: skip
    sakip_file_content_type = models.CharField(max_length=120, blank=True)
    indeks_rb = models.CharField(_("indeks RB"), max_length=2, choices=Grade.choices, blank=True)
    indeks_rb_source = models.CharField(_("sumber indeks RB"), max_length=300, blank=True)
    indeks_rb_file = PrivateFileField(
        _("berkas hasil evaluasi RB"), folder="predicates/facts", families=SCAN_FAMILIES, blank=True,
        content_type_field="indeks_rb_file_content_type",
    )  # fmt: skip
    indeks_rb_file_content_type = models.CharField(max_length=120, blank=True)
    spip_level = models.PositiveSmallIntegerField(
        _("level maturitas SPIP"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    spip_source = models.CharField(_("sumber SPIP (laporan BPKP)"), max_length=300, blank=True)
    spip_file = PrivateFileField(
        _("berkas penilaian SPIP"), folder="predicates/facts", families=SCAN_FAMILIES, blank=True,
        content_type_field="spip_file_content_type",
    )  # fmt: skip
    spip_file_content_type = models.CharField(max_length=120, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fakta instansi")
        verbose_name_plural = _("fakta instansi")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "year"], name="institution_facts_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{_('Persyaratan instansi')} {self.year}"

    def clean(self) -> None:
        _source_required(
            self,
            [("opini_bpk", "opini_source"), ("sakip", "sakip_source"), ("indeks_rb", "indeks_rb_source"),
             ("spip_level", "spip_source")],
        )  # fmt: skip


class UnitFacts(models.Model):
    """The unit-level prerequisites of one year (Pasal 14, tingkat unit kerja/satuan kerja)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    core_service = models.BooleanField(_("core layanan instansi"), null=True, blank=True)
    core_service_reason = models.CharField(_("alasan core layanan"), max_length=500, blank=True)
    significant_impact = models.BooleanField(
        _("dampak signifikan pada persepsi masyarakat"), null=True, blank=True
    )
    significant_impact_reason = models.CharField(
        _("alasan dampak signifikan"), max_length=500, blank=True
    )
    tlhp_percent = models.DecimalField(
        _("penyelesaian TLHP APIP/BPK (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        validators=PERCENT_VALIDATORS,
    )  # fmt: skip
    tlhp_source = models.CharField(_("sumber TLHP"), max_length=300, blank=True)
    sakip_internal = models.CharField(
        _("predikat SAKIP evaluasi internal"), max_length=2, choices=Grade.choices, blank=True
    )
    sakip_internal_source = models.CharField(_("sumber SAKIP internal"), max_length=300, blank=True)
    wbk_since = models.DateField(_("mulai membangun menuju WBK (koreksi)"), null=True, blank=True)
    wbk_since_reason = models.CharField(_("alasan koreksi tanggal WBK"), max_length=500, blank=True)
    wbbm_since = models.DateField(_("mulai membangun menuju WBBM (koreksi)"), null=True, blank=True)
    wbbm_since_reason = models.CharField(
        _("alasan koreksi tanggal WBBM"), max_length=500, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fakta unit")
        verbose_name_plural = _("fakta unit")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unit_facts_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{_('Persyaratan unit')} {self.unit} {self.year}"

    def clean(self) -> None:
        errors = {}
        if self.core_service is not None and not self.core_service_reason.strip():
            errors["core_service_reason"] = _("Jelaskan alasannya.")
        if self.significant_impact is not None and not self.significant_impact_reason.strip():
            errors["significant_impact_reason"] = _("Jelaskan alasannya.")
        if self.wbk_since is not None and not self.wbk_since_reason.strip():
            errors["wbk_since_reason"] = _("Koreksi tanggal memerlukan alasan.")
        if self.wbbm_since is not None and not self.wbbm_since_reason.strip():
            errors["wbbm_since_reason"] = _("Koreksi tanggal memerlukan alasan.")
        if errors:
            raise ValidationError(errors)
        _source_required(
            self, [("tlhp_percent", "tlhp_source"), ("sakip_internal", "sakip_internal_source")]
        )


class ReportingDuty(models.Model):
    """One employee who must report (wajib lapor) LHKPN or LHKASN for a year, and whether he did."""

    class Kind(models.TextChoices):
        LHKPN = "lhkpn", "LHKPN"
        LHKASN = "lhkasn", "LHKASN"

    year = models.PositiveIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("jenis laporan"), max_length=6, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    nip = models.CharField(_("NIP"), max_length=18)
    name = models.CharField(_("nama"), max_length=200)
    employee = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported = models.BooleanField(_("sudah melapor"), default=False)
    reported_on = models.DateField(_("tanggal lapor"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit__name", "name"]
        verbose_name = _("wajib lapor")
        verbose_name_plural = _("wajib lapor")
        constraints = [
            models.UniqueConstraint(fields=["year", "kind", "nip"], name="reporting_duty_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} {self.name}"


class Recommendation(models.Model):
    """The TPI's recommendation to the Wali Kota for one unit and year (Pasal 16 ayat 1–3)."""

    class Outcome(models.TextChoices):
        PROPOSED = "proposed", _("Diusulkan ke TPN")
        IMPROVE = "improve", _("Perbaikan pembangunan ZI")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Menunggu keputusan Wali Kota")
        APPROVED = "approved", _("Disetujui Wali Kota")
        DECLINED = "declined", _("Tidak disetujui Wali Kota")
        NOT_NEEDED = "not_needed", _("Tidak memerlukan keputusan")

    class TpnResult(models.TextChoices):
        PENDING = "pending", _("Belum ada hasil TPN")
        GRANTED = "granted", _("Ditetapkan")
        NOT_GRANTED = "not_granted", _("Tidak ditetapkan")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    year = models.PositiveIntegerField(_("tahun"), validators=YEAR_VALIDATORS)
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("predikat"), max_length=4, choices=Level.choices)
    outcome = models.CharField(_("rekomendasi"), max_length=10, choices=Outcome.choices)
    affirmation = models.BooleanField(_("afirmasi Stranas PK"), default=False)
    note = models.TextField(_("catatan TPI"), blank=True)
    check_result = models.JSONField(_("hasil pemeriksaan persyaratan"), default=dict)
    verdicts = models.JSONField(_("hasil aturan nilai"), default=dict)
    improvements = models.JSONField(_("butir perbaikan"), default=list, blank=True)
    total = models.DecimalField(_("nilai total"), max_digits=6, decimal_places=2)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recommended_at = models.DateTimeField(_("direkomendasikan pada"))
    decision = models.CharField(
        _("keputusan"), max_length=12, choices=Decision.choices, default=Decision.PENDING
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    decision_on_paper = models.BooleanField(_("keputusan di atas kertas"), default=False)
    decision_scan = PrivateFileField(
        _("pindaian keputusan"), folder="predicates/decisions", families=SCAN_FAMILIES, blank=True,
        content_type_field="decision_scan_content_type",
    )  # fmt: skip
    decision_scan_content_type = models.CharField(max_length=120, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    tpn_result = models.CharField(
        _("hasil TPN"), max_length=12, choices=TpnResult.choices, default=TpnResult.PENDING
    )
    tpn_notes = models.TextField(_("catatan TPN"), blank=True)
    tpn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tpn_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "unit__name"]
        verbose_name = _("rekomendasi TPI")
        verbose_name_plural = _("rekomendasi TPI")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="recommendation_once_per_unit_year"
            ),
            models.CheckConstraint(
                condition=Q(outcome="proposed") | Q(decision="not_needed"),
                name="recommendation_only_proposals_are_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Rekomendasi')} {self.unit} {self.year}: {self.get_outcome_display()}"

    @property
    def is_proposal(self) -> bool:
        return self.outcome == self.Outcome.PROPOSED


class Predicate(models.Model):
    """A predicate in the register, with its history (Pasal 16 ayat 8, Pasal 17 ayat 9–11)."""

    class Status(models.TextChoices):
        STANDING = "standing", _("Berlaku")
        REVOKED = "revoked", _("Dicabut")
        SUPERSEDED = "superseded", _("Digantikan predikat WBBM")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    level = models.CharField(_("predikat"), max_length=4, choices=Level.choices)
    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="predicate"
    )
    granted_on = models.DateField(_("tanggal penetapan"))
    decree_number = models.CharField(_("nomor KepMenPANRB"), max_length=150)
    decree_scan = PrivateFileField(
        _("pindaian keputusan"), folder="predicates/decrees", families=SCAN_FAMILIES, blank=True,
        content_type_field="decree_scan_content_type",
    )  # fmt: skip
    decree_scan_content_type = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.STANDING
    )
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    tpn_revocation_note = models.TextField(_("rekomendasi pencabutan TPN"), blank=True)
    tpn_revocation_on = models.DateField(_("tanggal rekomendasi TPN"), null=True, blank=True)
    revoked_on = models.DateField(_("tanggal pencabutan"), null=True, blank=True)
    revocation_number = models.CharField(
        _("nomor keputusan pencabutan"), max_length=150, blank=True
    )
    revocation_scan = PrivateFileField(
        _("pindaian pencabutan"), folder="predicates/decrees", families=SCAN_FAMILIES, blank=True,
        content_type_field="revocation_scan_content_type",
    )  # fmt: skip
    revocation_scan_content_type = models.CharField(max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-granted_on", "unit__name"]
        verbose_name = _("predikat")
        verbose_name_plural = _("register predikat")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="revoked", revoked_on__isnull=False)
                | (~Q(status="revoked") & Q(revoked_on__isnull=True)),
                name="predicate_revoked_has_a_date",
            ),
            models.UniqueConstraint(
                fields=["unit", "level"],
                condition=Q(status="standing"),
                name="predicate_one_standing_per_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.unit} ({tanggal(self.granted_on)})"


class Monitoring(models.Model):
    """One two-yearly monitoring of a predicate by the TPI (Pasal 17 ayat 3–7)."""

    predicate = models.ForeignKey(Predicate, on_delete=models.PROTECT, related_name="monitorings")
    due_on = models.DateField(_("jatuh tempo"))
    done_on = models.DateField(_("tanggal monitoring"))
    still_meets = models.BooleanField(_("masih memenuhi kriteria"))
    findings = models.TextField(_("hasil monitoring"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on"]
        verbose_name = _("monitoring predikat")
        verbose_name_plural = _("monitoring predikat")

    def __str__(self) -> str:
        return f"{_('Monitoring')} {self.predicate} {tanggal(self.done_on)}"


class FollowUp(models.Model):
    """The follow-up of a recommendation (Pasal 19 ayat 2, Pasal 20): who does what, by when, done."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="follow_ups"
    )
    action = models.CharField(_("tindak lanjut"), max_length=500)
    responsible = models.CharField(_("penanggung jawab"), max_length=200)
    due_on = models.DateField(_("target selesai"))
    done_on = models.DateField(_("selesai pada"), null=True, blank=True)
    done_note = models.CharField(_("keterangan selesai"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("tindak lanjut rekomendasi")
        verbose_name_plural = _("tindak lanjut rekomendasi")

    def __str__(self) -> str:
        return f"{_('Tindak lanjut')} {self.recommendation.unit}: {self.action[:60]}"

"""Integrity pacts, declarations (pencanangan) and designation of ZI units (Pasal 5–8)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integritas.common.files import PrivateFileField
from integritas.common.formatting import tanggal
from integritas.common.uploads import IMAGE, PDF, private_name
from integritas.organization.models import Employee, Unit


# The upload_to of the first migration; files are now named by common.files.store.
def _private_name(folder: str, filename: str) -> str:
    return private_name(f"commitment/{folder}", filename)


def pact_upload_to(instance, filename: str) -> str:
    return _private_name("pacts", filename)


def signing_upload_to(instance, filename: str) -> str:
    return _private_name("signings", filename)


def photo_upload_to(instance, filename: str) -> str:
    return _private_name("photos", filename)


def decree_upload_to(instance, filename: str) -> str:
    return _private_name("decrees", filename)


class Occasion(models.TextChoices):
    """Pasal 6 ayat (2): when pacts are signed."""

    PELANTIKAN_CPNS = "cpns_inauguration", _("Pelantikan calon ASN")
    MUTASI = "transfer", _("Pelantikan dalam rangka mutasi")
    MASSAL = "mass_signing", _("Penandatanganan massal/serentak")
    LAINNYA = "other", _("Lainnya")


class PactSigning(models.Model):
    """A mass signing session (Pasal 6 ayat 2): many employees of one unit at once."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="pact_signings", verbose_name=_("unit")
    )
    signed_on = models.DateField(_("tanggal penandatanganan"))
    occasion = models.CharField(_("acara"), max_length=20, choices=Occasion.choices)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    document = PrivateFileField(
        _("pindaian dokumen"), folder="commitment/signings", families={PDF}, blank=True,
        content_type_field="document_content_type", sha256_field="document_sha256",
        original_name_field="document_name",
    )  # fmt: skip
    document_name = models.CharField(max_length=255, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    document_content_type = models.CharField(max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("penandatanganan massal")
        verbose_name_plural = _("penandatanganan massal")

    def __str__(self) -> str:
        return f"{self.unit.code} {tanggal(self.signed_on)} ({self.get_occasion_display()})"


class IntegrityPact(models.Model):
    """One employee's signed Pakta Integritas (Pasal 1 angka 8, Pasal 6)."""

    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="integrity_pacts",
        verbose_name=_("pegawai"),
    )  # fmt: skip
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit saat menandatangani")
    )
    signed_on = models.DateField(_("tanggal penandatanganan"))
    occasion = models.CharField(_("acara"), max_length=20, choices=Occasion.choices)
    occasion_note = models.CharField(_("keterangan acara"), max_length=200, blank=True)
    signing = models.ForeignKey(
        PactSigning, on_delete=models.CASCADE, null=True, blank=True, related_name="pacts",
        verbose_name=_("penandatanganan massal"),
    )  # fmt: skip
    document = PrivateFileField(
        _("pindaian pakta"), folder="commitment/pacts", families={PDF, IMAGE}, blank=True,
        content_type_field="document_content_type", sha256_field="document_sha256",
        original_name_field="document_name",
    )  # fmt: skip
    document_name = models.CharField(max_length=255, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    document_content_type = models.CharField(max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("pakta integritas")
        verbose_name_plural = _("pakta integritas")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "signed_on"], name="pact_once_per_employee_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {tanggal(self.signed_on)}"

    @property
    def has_document(self) -> bool:
        return bool(self.document) or (self.signing is not None and bool(self.signing.document))


class Declaration(models.Model):
    """The pencanangan of ZI building: by the Wali Kota for the city, or by a unit (Pasal 5–7)."""

    class Scope(models.TextChoices):
        CITY = "city", _("Pencanangan Pemerintah Kota (Wali Kota)")
        UNIT = "unit", _("Pencanangan Perangkat Daerah/Unit Kerja")

    scope = models.CharField(_("lingkup"), max_length=10, choices=Scope.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="declarations",
        verbose_name=_("unit"),
    )  # fmt: skip
    declared_on = models.DateField(_("tanggal pencanangan"))
    place = models.CharField(_("tempat"), max_length=200)
    head = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("kepala unit"),
    )  # fmt: skip
    head_name = models.CharField(_("nama yang mencanangkan"), max_length=200)
    head_position = models.CharField(_("jabatan"), max_length=200)
    # The numbers the Pasal 6 gate saw at the moment of declaring (kept for the record).
    pact_signed = models.PositiveIntegerField(_("pegawai sudah menandatangani"), default=0)
    pact_total = models.PositiveIntegerField(_("pegawai aktif"), default=0)
    head_signed = models.BooleanField(_("kepala sudah menandatangani"), default=False)
    min_share = models.DecimalField(
        _("ambang sebagian besar"), max_digits=4, decimal_places=3, default=0
    )
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-declared_on", "-id"]
        verbose_name = _("pencanangan")
        verbose_name_plural = _("pencanangan")
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="city") & Q(unit__isnull=True))
                | (Q(scope="unit") & Q(unit__isnull=False)),
                name="declaration_scope_matches_unit",
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(unit__isnull=False), name="declaration_once_per_unit"
            ),
            models.UniqueConstraint(
                fields=["scope"], condition=Q(scope="city"), name="declaration_once_for_city"
            ),
        ]

    def __str__(self) -> str:
        where = self.unit.name if self.unit is not None else _("Pemerintah Kota Kupang")
        return f"{_('Pencanangan')} {where} ({tanggal(self.declared_on)})"

    def get_absolute_url(self) -> str:
        return reverse("commitment:declaration_detail", args=[self.pk])

    @property
    def is_city(self) -> bool:
        return self.scope == self.Scope.CITY


class DeclarationWitness(models.Model):
    """A witness of the Piagam Pencanangan (Lampiran A angka 2)."""

    class Role(models.TextChoices):
        INSPEKTORAT = "inspectorate", _("Inspektorat")
        TIM_ZI = "zi_team", _("Tim Pembangunan Zona Integritas")
        MASYARAKAT = "public", _("Unsur Masyarakat")

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="witnesses")
    role = models.CharField(_("unsur"), max_length=20, choices=Role.choices)
    name = models.CharField(_("nama lengkap dan gelar"), max_length=200)
    position = models.CharField(_("jabatan/lembaga"), max_length=200, blank=True)

    class Meta:
        ordering = ["declaration", "role", "id"]
        verbose_name = _("saksi pencanangan")
        verbose_name_plural = _("saksi pencanangan")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class DeclarationPublication(models.Model):
    """How the declaration was published (Pasal 7 ayat 2): a media link or a photo."""

    class Kind(models.TextChoices):
        LINK = "link", _("Tautan media")
        PHOTO = "photo", _("Foto")

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="publications"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    caption = models.CharField(_("keterangan"), max_length=300, blank=True)
    photo = PrivateFileField(
        _("foto"), folder="commitment/photos", families={IMAGE}, blank=True,
        content_type_field="photo_content_type", sha256_field="photo_sha256",
    )  # fmt: skip
    photo_content_type = models.CharField(max_length=50, blank=True)
    photo_sha256 = models.CharField(max_length=64, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declaration", "id"]
        verbose_name = _("publikasi pencanangan")
        verbose_name_plural = _("publikasi pencanangan")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="")) | (Q(kind="photo") & ~Q(photo="")),
                name="publication_has_its_content",
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.url or self.get_kind_display()


class DesignationDecree(models.Model):
    """The Wali Kota's decree naming the ZI units (Pasal 8 ayat 2)."""

    number = models.CharField(_("nomor keputusan"), max_length=150, unique=True)
    decree_date = models.DateField(_("tanggal keputusan"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    title = models.CharField(
        _("tentang"), max_length=300,
        default=_("Penetapan Perangkat Daerah/Unit Kerja Pembangunan Zona Integritas"),
    )  # fmt: skip
    file = PrivateFileField(
        _("berkas keputusan (PDF)"), folder="commitment/decrees", families={PDF}, blank=True,
        content_type_field="file_content_type", sha256_field="file_sha256",
    )  # fmt: skip
    file_sha256 = models.CharField(max_length=64, blank=True)
    file_content_type = models.CharField(max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-decree_date", "-id"]
        verbose_name = _("keputusan penetapan unit ZI")
        verbose_name_plural = _("keputusan penetapan unit ZI")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="designation_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Keputusan Wali Kota')} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("commitment:decree_detail", args=[self.pk])


class DesignatedUnit(models.Model):
    """A unit named in a designation decree, with the Pasal 8 ayat (1) criteria it meets."""

    decree = models.ForeignKey(DesignationDecree, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="designations", verbose_name=_("unit")
    )
    core_business = models.BooleanField(_("melaksanakan layanan utama (core business)"))
    high_risk = models.BooleanField(_("berisiko tinggi"))
    wide_impact = models.BooleanField(_("berdampak luas pada masyarakat"))
    reasons = models.TextField(_("alasan penetapan"))

    class Meta:
        ordering = ["decree", "unit__name"]
        verbose_name = _("unit yang ditetapkan")
        verbose_name_plural = _("unit yang ditetapkan")
        constraints = [
            models.UniqueConstraint(fields=["decree", "unit"], name="designated_once_per_decree"),
            models.CheckConstraint(
                condition=Q(core_business=True) | Q(high_risk=True) | Q(wide_impact=True),
                name="designation_meets_a_criterion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.decree.number})"

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integritas.common.files import PrivateFileField
from integritas.common.uploads import IMAGE, PDF
from integritas.organization.nip import validate_nip

LOGO_MAX_BYTES = 2 * 1024 * 1024


class Institution(models.Model):
    """The city government (Instansi pemerintah)."""

    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=50)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("laman"), blank=True)
    logo = PrivateFileField(
        _("logo"), folder="organization/logos", families={IMAGE}, kinds={"png", "jpeg"},
        max_bytes=LOGO_MAX_BYTES, blank=True, content_type_field="logo_content_type",
    )  # fmt: skip
    logo_content_type = models.CharField(max_length=120, blank=True, editable=False)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A Perangkat Daerah or unit kerja; units form a tree (Pasal 1)."""

    class Type(models.TextChoices):
        SEKRETARIAT = "secretariat", _("Sekretariat")
        INSPEKTORAT = "inspectorate", _("Inspektorat")
        DINAS = "department", _("Dinas")
        BADAN = "agency", _("Badan")
        SATPOL = "satpol", _("Satuan Polisi Pamong Praja")
        KECAMATAN = "district", _("Kecamatan")
        KELURAHAN = "urban_village", _("Kelurahan")
        PUSKESMAS = "puskesmas", _("Puskesmas")
        RSUD = "rsud", _("RSUD")
        UPT = "upt", _("UPT")
        BAGIAN = "section", _("Bagian")
        SEKOLAH = "school", _("Satuan Pendidikan")
        LAINNYA = "other", _("Lainnya")

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("unit induk"),
    )  # fmt: skip
    type = models.CharField(_("jenis"), max_length=20, choices=Type.choices)
    name = models.CharField(_("nama"), max_length=200)
    code = models.CharField(_("kode singkat"), max_length=30, unique=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    website = models.URLField(_("laman"), blank=True)
    logo = PrivateFileField(
        _("logo kop surat"), folder="organization/logos", families={IMAGE}, kinds={"png", "jpeg"},
        max_bytes=LOGO_MAX_BYTES, blank=True, content_type_field="logo_content_type",
    )  # fmt: skip
    logo_content_type = models.CharField(max_length=120, blank=True, editable=False)
    head = models.ForeignKey(
        "Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="headed_units",
        verbose_name=_("kepala"),
    )  # fmt: skip
    is_stranas_pk = models.BooleanField(
        _("unit layanan Stranas-PK"),
        default=False,
        help_text=_("RSUD, Dukcapil, PTSP, pendidikan, ketenagakerjaan (PermenPANRB 5/2024)."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organization:unit_detail", args=[self.pk])


class Employee(models.Model):
    """An ASN (PNS or PPPK) of the city."""

    class Kind(models.TextChoices):
        PNS = "PNS", _("PNS")
        PPPK = "PPPK", _("PPPK")

    class Gender(models.TextChoices):
        L = "L", _("Laki-laki")
        P = "P", _("Perempuan")

    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip])
    name = models.CharField(_("nama"), max_length=150)
    front_title = models.CharField(_("gelar depan"), max_length=50, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=80, blank=True)
    kind = models.CharField(
        _("status kepegawaian"), max_length=4, choices=Kind.choices, default=Kind.PNS
    )
    rank = models.CharField(_("pangkat/golongan"), max_length=80, blank=True)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="employees", verbose_name=_("unit")
    )
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        indexes = [
            models.Index(fields=["unit", "is_active", "name"], name="employee_unit_active_name")
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip() if self.front_title else self.name
        return f"{name}, {self.back_title}" if self.back_title else name


class EmployeeMove(models.Model):
    """A move of an employee between units (mutasi), kept as history."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="moves")
    from_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("dari unit")
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("ke unit")
    )
    moved_on = models.DateField(_("tanggal mutasi"))
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-moved_on", "-id"]
        verbose_name = _("mutasi pegawai")
        verbose_name_plural = _("mutasi pegawai")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_unit=models.F("to_unit")), name="move_changes_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} {self.from_unit} → {self.to_unit}"


class Team(models.Model):
    """A ZI team: a unit's Tim Kerja, or the city's Tim Pendamping or TPI (Pasal 10, 11, 13)."""

    class Kind(models.TextChoices):
        TIM_KERJA = "work_team", _("Tim Kerja Pembangunan ZI")
        PENDAMPING = "mentoring", _("Tim Pendamping")
        TPI = "tpi", _("Tim Penilai Internal (TPI)")

    kind = models.CharField(_("jenis tim"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="teams",
        verbose_name=_("unit"), help_text=_("Hanya untuk Tim Kerja; Tim Pendamping dan TPI berlaku se-kota."),
    )  # fmt: skip
    name = models.CharField(_("nama tim"), max_length=200)
    decree_number = models.CharField(_("nomor SK"), max_length=100)
    decree_date = models.DateField(_("tanggal SK"))
    decree_file = PrivateFileField(
        _("berkas SK"), folder="organization/decrees", families={PDF, IMAGE}, blank=True,
        content_type_field="decree_file_content_type",
    )  # fmt: skip
    decree_file_content_type = models.CharField(max_length=120, blank=True, editable=False)
    period_start = models.DateField(_("mulai berlaku"))
    period_end = models.DateField(_("berakhir"), null=True, blank=True)
    selection_method = models.TextField(
        _("mekanisme pemilihan anggota"), blank=True,
        help_text=_("Pasal 11 ayat (2): bagaimana anggota tim dipilih."),
    )  # fmt: skip
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("tim")
        verbose_name_plural = _("tim")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="work_team") & Q(unit__isnull=False))
                | (~Q(kind="work_team") & Q(unit__isnull=True)),
                name="team_unit_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="team_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organization:team_detail", args=[self.pk])


class TeamMember(models.Model):
    class Role(models.TextChoices):
        PENGARAH = "adviser", _("Pengarah")
        KETUA = "chair", _("Ketua")
        WAKIL = "vice_chair", _("Wakil Ketua")
        SEKRETARIS = "secretary", _("Sekretaris")
        KOORDINATOR = "coordinator", _("Koordinator Area")
        ANGGOTA = "member", _("Anggota")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="team_memberships"
    )
    role = models.CharField(
        _("peran dalam tim"), max_length=20, choices=Role.choices, default=Role.ANGGOTA
    )
    area = models.CharField(_("area tanggung jawab"), max_length=100, blank=True)

    class Meta:
        ordering = ["team", "role", "employee__name"]
        verbose_name = _("anggota tim")
        verbose_name_plural = _("anggota tim")
        constraints = [
            models.UniqueConstraint(fields=["team", "employee"], name="team_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} ({self.get_role_display()})"

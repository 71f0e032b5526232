"""The complaint register (Pasal 17 ayat 8): cases, messages both ways, files, time-limit data.

Anonymity by design: no model here has a field for an IP address, a user agent or an original
file name; the complainant's name and contact are optional and blank by default.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integritas.common.files import PrivateFileField
from integritas.common.uploads import IMAGE, PDF, private_name
from integritas.complaints import timelimits
from integritas.organization.models import Unit


# The upload_to of the first migration; files are now named by common.files.store.
def attachment_upload_to(instance, filename: str) -> str:
    return private_name("complaints", filename)


class Channel(models.TextChoices):
    WEB = "web", _("Formulir daring (laman ini)")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    LETTER = "letter", _("Surat")
    EMAIL = "email", _("Surel")
    WHATSAPP = "whatsapp", _("WhatsApp")
    TELEPHONE = "telephone", _("Telepon")
    WALK_IN = "walk_in", _("Datang langsung")
    BOX = "box", _("Kotak saran")


class Kind(models.TextChoices):
    """Ombudsman maladministration categories, then the other kinds of complaint."""

    PENUNDAAN = "undue_delay", _("Maladministrasi: penundaan berlarut")
    TIDAK_MELAYANI = "failure_to_serve", _("Maladministrasi: tidak memberikan pelayanan")
    TIDAK_KOMPETEN = "incompetence", _("Maladministrasi: tidak kompeten")
    WEWENANG = "abuse_of_authority", _("Maladministrasi: penyalahgunaan wewenang")
    PROSEDUR = "procedural_deviation", _("Maladministrasi: penyimpangan prosedur")
    IMBALAN = "solicitation", _("Maladministrasi: permintaan imbalan/pungli")
    TIDAK_PATUT = "impropriety", _("Maladministrasi: tidak patut")
    BERPIHAK = "partiality", _("Maladministrasi: berpihak")
    DISKRIMINASI = "discrimination", _("Maladministrasi: diskriminasi")
    KONFLIK = "conflict_of_interest", _("Maladministrasi: konflik kepentingan")
    KUALITAS = "service_quality", _("Kualitas pelayanan")
    INFORMASI = "information_request", _("Permintaan informasi")
    SARAN = "suggestion", _("Saran")
    BELUM = "unclassified", _("Belum diklasifikasi")


MALADMINISTRATION = frozenset(
    {
        Kind.PENUNDAAN, Kind.TIDAK_MELAYANI, Kind.TIDAK_KOMPETEN, Kind.WEWENANG, Kind.PROSEDUR,
        Kind.IMBALAN, Kind.TIDAK_PATUT, Kind.BERPIHAK, Kind.DISKRIMINASI, Kind.KONFLIK,
    }
)  # fmt: skip


class Severity(models.TextChoices):
    RINGAN = timelimits.RINGAN, _("Ringan")
    NORMATIF = timelimits.NORMATIF, _("Normatif")
    TIDAK_BERKADAR = timelimits.TIDAK_BERKADAR, _("Tidak berkadar pengawasan")
    BERKADAR = timelimits.BERKADAR, _("Berkadar pengawasan")


class Complaint(models.Model):
    """One complaint or whistle-blowing report, whatever channel it came by."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Diterima")
        IDENTIFICATION = "identification", _("Identifikasi")
        CLARIFICATION = "clarification", _("Klarifikasi ke unit")
        MONITORING = "monitoring", _("Pemantauan penyelesaian")
        IN_PROGRESS = "in_progress", _("Ditindaklanjuti unit")
        CLOSED = "closed", _("Selesai")

    class Route(models.TextChoices):
        TPI = "tpi", _("Tim Penilai Internal")
        UNIT = "unit", _("Petugas pengaduan unit")

    class Outcome(models.TextChoices):
        NONE = "", _("—")
        RESOLVED = "resolved", _("Selesai ditindaklanjuti")
        NOT_GROUNDED = "not_grounded", _("Tidak terbukti")
        OUT_OF_SCOPE = "out_of_scope", _("Bukan kewenangan / dialihkan")
        DUPLICATE = "duplicate", _("Pengaduan ganda")

    number = models.CharField(_("nomor register"), max_length=20, unique=True)
    channel = models.CharField(_("kanal"), max_length=12, choices=Channel.choices)
    lapor_tracking = models.CharField(
        _("nomor tracking SP4N-LAPOR!"), max_length=40, null=True, blank=True, unique=True
    )
    lapor_category = models.CharField(_("kategori SP4N-LAPOR!"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("unit yang diadukan"),
    )
    service = models.CharField(_("layanan"), max_length=200, blank=True)
    title = models.CharField(_("judul"), max_length=200, blank=True)
    what = models.TextField(_("apa yang terjadi"))
    happened_on = models.DateField(_("kapan terjadi"), null=True, blank=True)
    happened_where = models.CharField(_("di mana"), max_length=300, blank=True)
    reporter_name = models.CharField(_("nama pelapor"), max_length=200, blank=True)
    reporter_contact = models.CharField(_("kontak pelapor"), max_length=200, blank=True)
    identity_shared = models.BooleanField(
        _("identitas boleh diketahui unit"), default=False,
        help_text=_("Tanpa izin ini, unit yang diadukan tidak melihat nama dan kontak pelapor."),
    )  # fmt: skip
    whistleblowing = models.BooleanField(
        _("laporan pelanggaran (whistle-blowing)"), default=False,
        help_text=_("Laporan ASN tentang gratifikasi, konflik kepentingan atau kecurangan di dalam unit."),
    )  # fmt: skip
    kind = models.CharField(
        _("klasifikasi"), max_length=20, choices=Kind.choices, default=Kind.BELUM
    )
    severity = models.CharField(
        _("kelas penyelesaian"), max_length=20, choices=Severity.choices, default=Severity.NORMATIF
    )
    route = models.CharField(_("ditangani oleh"), max_length=10, choices=Route.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    outcome = models.CharField(
        _("hasil"), max_length=20, choices=Outcome.choices, blank=True, default=Outcome.NONE
    )
    receipt_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    form_key_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    received_on = models.DateField(_("tanggal diterima"))
    acknowledge_by = models.DateField(_("batas tanggapan awal"))
    resolve_by = models.DateField(_("batas penyelesaian"))
    acknowledged_on = models.DateField(_("ditanggapi pada"), null=True, blank=True)
    identified_on = models.DateField(_("identifikasi pada"), null=True, blank=True)
    clarification_on = models.DateField(_("klarifikasi diminta pada"), null=True, blank=True)
    unit_answered_on = models.DateField(_("unit menjawab pada"), null=True, blank=True)
    monitoring_on = models.DateField(_("pemantauan sejak"), null=True, blank=True)
    closed_on = models.DateField(_("selesai pada"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel="lapor") | Q(lapor_tracking__isnull=False),
                name="complaint_lapor_has_tracking",
            ),
            models.CheckConstraint(
                condition=Q(whistleblowing=False) | Q(route="tpi"),
                name="complaint_whistleblowing_goes_to_tpi",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="complaint_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(acknowledge_by__gte=models.F("received_on"))
                & Q(resolve_by__gte=models.F("received_on")),
                name="complaint_dues_after_receipt",
            ),
        ]
        indexes = [models.Index(fields=["unit", "received_on"], name="complaint_unit_received")]

    def __str__(self) -> str:
        return str(_("Pengaduan %(number)s") % {"number": self.number})

    @property
    def is_maladministration(self) -> bool:
        return self.kind in MALADMINISTRATION


class Message(models.Model):
    """One step of the conversation: from the complainant, to the complainant, or internal."""

    class Direction(models.TextChoices):
        FROM_COMPLAINANT = "from_complainant", _("Dari pelapor")
        TO_COMPLAINANT = "to_complainant", _("Jawaban kepada pelapor")
        TO_UNIT = "to_unit", _("Permintaan klarifikasi kepada unit")
        FROM_UNIT = "from_unit", _("Jawaban unit")
        NOTE = "note", _("Catatan internal")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(_("arah"), max_length=20, choices=Direction.choices)
    body = models.TextField(_("isi"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form_key_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pesan pengaduan")
        verbose_name_plural = _("pesan pengaduan")

    def __str__(self) -> str:
        return f"{self.complaint.number} · {self.get_direction_display()}"

    @property
    def visible_to_complainant(self) -> bool:
        return self.direction in {self.Direction.FROM_COMPLAINANT, self.Direction.TO_COMPLAINANT}


class Attachment(models.Model):
    """A file of a case; stored under a random name, images re-saved without metadata."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    # No original_name_field: the complainant's file name is never kept (anonymity).
    file = PrivateFileField(
        folder="complaints", families={IMAGE, PDF}, kinds={"pdf", "jpeg", "png"},
        content_type_field="content_type", sha256_field="sha256", size_field="size",
    )  # fmt: skip
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    label = models.CharField(_("nama tampilan"), max_length=60)
    from_complainant = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("lampiran pengaduan")
        verbose_name_plural = _("lampiran pengaduan")

    def __str__(self) -> str:
        return self.label


class ComplaintOfficer(models.Model):
    """A unit's complaint officer, named by the administrator; handles the unit's routed cases."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="complaint_officers", verbose_name=_("unit")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="complaint_units",
        verbose_name=_("pengguna"),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("petugas pengaduan unit")
        verbose_name_plural = _("petugas pengaduan unit")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="complaint_officer_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.unit}"


class ExtraHoliday(models.Model):
    """A cuti bersama or local holiday the administrator adds for a year (not a working day)."""

    class Kind(models.TextChoices):
        CUTI_BERSAMA = "collective_leave", _("Cuti bersama")
        LOCAL = "local", _("Libur daerah")

    day = models.DateField(_("tanggal"), unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        ordering = ["day"]
        verbose_name = _("cuti bersama / libur daerah")
        verbose_name_plural = _("cuti bersama / libur daerah")

    def __str__(self) -> str:
        return f"{self.day:%d-%m-%Y} {self.name}"


class TimeLimit(models.Model):
    """A time limit in working days; the defaults are loaded by a migration, editable by admin."""

    class Key(models.TextChoices):
        ACKNOWLEDGE = timelimits.ACKNOWLEDGE, _("Tanggapan awal")
        RINGAN = timelimits.RINGAN, _("Penyelesaian: ringan")
        NORMATIF = timelimits.NORMATIF, _("Penyelesaian: normatif")
        TIDAK_BERKADAR = timelimits.TIDAK_BERKADAR, _("Penyelesaian: tidak berkadar pengawasan")
        BERKADAR = timelimits.BERKADAR, _("Penyelesaian: berkadar pengawasan")

    key = models.CharField(max_length=20, choices=Key.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("hari kerja"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("batas waktu pengaduan")
        verbose_name_plural = _("batas waktu pengaduan")
        constraints = [
            models.CheckConstraint(
                condition=Q(working_days__gte=1, working_days__lte=365),
                name="time_limit_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.working_days}"

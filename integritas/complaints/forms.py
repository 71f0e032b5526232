"""Forms of the complaint pages (public intake, tracking, staff steps, settings)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integritas.common.forms import BootstrapForm
from integritas.complaints.models import Channel, Complaint, ExtraHoliday, Kind, Severity
from integritas.organization.models import Unit

FORM_KEY_FIELD = "formulir"
KIND_PUBLIC_CHOICES = [(Kind.BELUM, _("Tidak tahu / biar petugas yang menentukan"))] + [
    (value, label) for value, label in Kind.choices if value != Kind.BELUM
]


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."))
    return value


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PublicComplaintForm(BootstrapForm):
    unit = UnitChoiceField(
        label=_("Unit/kantor yang diadukan"), queryset=Unit.objects.none(),
        empty_label=_("— pilih unit —"),
        error_messages={"required": _("Pilih unit yang diadukan."),
                        "invalid_choice": _("Unit itu tidak ada dalam daftar.")},
    )  # fmt: skip
    service = forms.CharField(
        label=_("Layanan"), max_length=200, required=False,
        help_text=_("Misalnya: KTP-el, izin usaha, rawat jalan."),
    )  # fmt: skip
    what = forms.CharField(
        label=_("Apa yang terjadi?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Ceritakan apa yang terjadi.")},
    )  # fmt: skip
    happened_on = forms.DateField(
        label=_("Kapan terjadi?"), required=False, widget=forms.DateInput(),
        validators=[_not_future],
        error_messages={"invalid": _("Tanggal tidak dikenali.")},
    )  # fmt: skip
    happened_where = forms.CharField(label=_("Di mana?"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=_("Jenis pengaduan"), choices=KIND_PUBLIC_CHOICES, required=False,
        initial=Kind.BELUM,
    )  # fmt: skip
    whistleblowing = forms.BooleanField(
        label=_("Saya pegawai (ASN) dan melaporkan gratifikasi, konflik kepentingan atau "
                "kecurangan di dalam unit ini. Laporan ini tidak ditunjukkan kepada unit tersebut."),
        required=False,
    )  # fmt: skip
    reporter_name = forms.CharField(
        label=_("Nama (boleh dikosongkan)"), max_length=200, required=False
    )
    reporter_contact = forms.CharField(
        label=_("Nomor HP atau surel (boleh dikosongkan)"), max_length=200, required=False
    )
    identity_shared = forms.BooleanField(
        label=_("Unit yang diadukan boleh mengetahui nama dan kontak saya."), required=False
    )
    formulir = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True).order_by("name")

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Kind.BELUM


class TrackForm(BootstrapForm):
    kode = forms.CharField(
        label=_("Kode tanda terima"), max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false", "placeholder": "XXXX-XXXX-XXXX-XXXX"}),
        error_messages={"required": _("Masukkan kode tanda terima Anda.")},
    )  # fmt: skip


class ReplyForm(BootstrapForm):
    body = forms.CharField(
        label=_("Tulis balasan atau keterangan tambahan"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Isi balasan wajib diisi.")},
    )  # fmt: skip
    formulir = forms.CharField(widget=forms.HiddenInput, required=False)


class StaffComplaintForm(BootstrapForm):
    channel = forms.ChoiceField(
        label=_("Kanal"), choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    lapor_tracking = forms.CharField(
        label=_("Nomor tracking SP4N-LAPOR!"), max_length=40, required=False
    )
    received_on = forms.DateField(
        label=_("Tanggal diterima"), widget=forms.DateInput(), validators=[_not_future]
    )
    unit = UnitChoiceField(label=_("Unit yang diadukan"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Judul"), max_length=200, required=False)
    service = forms.CharField(label=_("Layanan"), max_length=200, required=False)
    what = forms.CharField(
        label=_("Isi pengaduan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    happened_on = forms.DateField(
        label=_("Kapan terjadi"), required=False, widget=forms.DateInput(), validators=[_not_future]
    )
    happened_where = forms.CharField(label=_("Di mana"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Klasifikasi"), choices=Kind.choices, initial=Kind.BELUM)
    whistleblowing = forms.BooleanField(
        label=_("Laporan pelanggaran (whistle-blowing)"), required=False
    )
    reporter_name = forms.CharField(label=_("Nama pelapor"), max_length=200, required=False)
    reporter_contact = forms.CharField(label=_("Kontak pelapor"), max_length=200, required=False)
    identity_shared = forms.BooleanField(
        label=_("Pelapor mengizinkan unit mengetahui identitasnya"), required=False
    )
    with_receipt = forms.BooleanField(
        label=_("Buat kode tanda terima untuk diserahkan kepada pelapor"), required=False
    )
    formulir = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class ClassifyForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Klasifikasi"), choices=Kind.choices)
    severity = forms.ChoiceField(label=_("Kelas penyelesaian"), choices=Severity.choices)
    route = forms.ChoiceField(label=_("Ditangani oleh"), choices=Complaint.Route.choices)
    whistleblowing = forms.BooleanField(
        label=_("Laporan pelanggaran (whistle-blowing)"), required=False
    )


class StepForm(BootstrapForm):
    body = forms.CharField(
        label=_("Catatan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Isi catatan wajib diisi.")},
    )  # fmt: skip


class CloseForm(BootstrapForm):
    outcome = forms.ChoiceField(
        label=_("Hasil penanganan"), choices=[c for c in Complaint.Outcome.choices if c[0]]
    )
    body = forms.CharField(
        label=_("Jawaban kepada pelapor"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Jawaban kepada pelapor wajib diisi.")},
    )  # fmt: skip


class MessageForm(BootstrapForm):
    body = forms.CharField(
        label=_("Pesan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Isi pesan wajib diisi.")},
    )  # fmt: skip
    internal = forms.BooleanField(
        label=_("Catatan internal (tidak terlihat pelapor)"), required=False
    )
    formulir = forms.CharField(widget=forms.HiddenInput, required=False)


class HolidayForm(BootstrapForm):
    day = forms.DateField(label=_("Tanggal"), widget=forms.DateInput())
    kind = forms.ChoiceField(label=_("Jenis"), choices=ExtraHoliday.Kind.choices)
    name = forms.CharField(label=_("Keterangan"), max_length=200)


class LaporImportForm(BootstrapForm):
    berkas = forms.FileField(label=_("Berkas ekspor SP4N-LAPOR! (CSV atau XLSX)"))
    unit = UnitChoiceField(
        label=_("Unit untuk baris tanpa kolom kode_unit"),
        queryset=Unit.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(is_active=True).order_by("name")


def add_service_error(form, exc) -> None:
    """Attach a service's ValidationError to the form; keys the form lacks become general."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class UnitAnswerForm(StepForm):
    body = forms.CharField(
        label=_("Jawaban unit dan tindakan yang diambil"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Isi jawaban unit wajib diisi.")},
    )  # fmt: skip
    formulir = forms.CharField(widget=forms.HiddenInput, required=False)

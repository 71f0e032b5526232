"""Forms of the predicates pages; every file is checked by its content."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from integritas.commitment.forms import CheckedFileField
from integritas.common.forms import BootstrapForm, BootstrapModelForm
from integritas.common.uploads import CSV, IMAGE, PDF, SPREADSHEET, check_upload
from integritas.predicates.models import InstitutionFacts, Recommendation, ReportingDuty, UnitFacts

SCAN_FAMILIES = {PDF, IMAGE}
YES_NO = [("", _("— belum dicatat —")), ("ya", _("Ya")), ("tidak", _("Tidak"))]


def _yes_no(value: str) -> bool | None:
    return {"ya": True, "tidak": False}.get(value)


class InstitutionFactsForm(BootstrapModelForm):
    opini_upload = CheckedFileField(
        label=_("Berkas LHP BPK"), required=False, families=SCAN_FAMILIES
    )
    sakip_upload = CheckedFileField(
        label=_("Berkas LHE SAKIP"), required=False, families=SCAN_FAMILIES
    )
    indeks_rb_upload = CheckedFileField(
        label=_("Berkas hasil evaluasi RB"), required=False, families=SCAN_FAMILIES
    )
    spip_upload = CheckedFileField(
        label=_("Berkas penilaian SPIP"), required=False, families=SCAN_FAMILIES
    )

    class Meta:
        model = InstitutionFacts
        fields = [
            "kind", "opini_bpk", "opini_source", "sakip", "sakip_source", "indeks_rb", "indeks_rb_source",
            "spip_level", "spip_source",
        ]  # fmt: skip
        labels = {
            "opini_bpk": _("Opini BPK atas laporan keuangan"),
            "indeks_rb": _("Indeks Reformasi Birokrasi"),
        }

    def files_to_attach(self) -> dict:
        pairs = {
            "opini_upload": "opini_file", "sakip_upload": "sakip_file", "indeks_rb_upload": "indeks_rb_file",
            "spip_upload": "spip_file",
        }  # fmt: skip
        return {
            target: self.cleaned_data[name]
            for name, target in pairs.items()
            if self.cleaned_data.get(name)
        }


class UnitFactsForm(BootstrapModelForm):
    core_service_choice = forms.ChoiceField(
        label=_("Unit merupakan core layanan instansi"), choices=YES_NO, required=False
    )
    significant_impact_choice = forms.ChoiceField(
        label=_("Memberikan dampak signifikan terhadap persepsi masyarakat"),
        choices=YES_NO,
        required=False,
    )

    class Meta:
        model = UnitFacts
        fields = [
            "core_service_reason", "significant_impact_reason", "tlhp_percent", "tlhp_source", "sakip_internal",
            "sakip_internal_source", "wbk_since", "wbk_since_reason", "wbbm_since", "wbbm_since_reason",
        ]  # fmt: skip
        widgets = {"wbk_since": forms.DateInput(), "wbbm_since": forms.DateInput()}

    field_order = ["core_service_choice", "core_service_reason", "significant_impact_choice"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("core_service", "significant_impact"):
            value = getattr(self.instance, name)
            self.fields[f"{name}_choice"].initial = (
                "" if value is None else ("ya" if value else "tidak")
            )

    def clean(self):
        cleaned = super().clean()
        # the yes/no answers reach the instance before the model's own checks run
        self.instance.core_service = _yes_no(cleaned.get("core_service_choice", ""))
        self.instance.significant_impact = _yes_no(cleaned.get("significant_impact_choice", ""))
        return cleaned

    def values(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["core_service"] = _yes_no(self.cleaned_data["core_service_choice"])
        data["significant_impact"] = _yes_no(self.cleaned_data["significant_impact_choice"])
        return data


class RecommendForm(BootstrapForm):
    outcome = forms.ChoiceField(
        label=_("Rekomendasi kepada Wali Kota"), choices=Recommendation.Outcome.choices
    )
    note = forms.CharField(
        label=_("Catatan TPI"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class DecisionForm(BootstrapForm):
    approve = forms.TypedChoiceField(
        label=_("Keputusan"), coerce=lambda v: v == "ya",
        choices=[("ya", _("Setujui dan usulkan ke TPN")), ("tidak", _("Tidak disetujui"))],
    )  # fmt: skip
    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class PaperDecisionForm(DecisionForm):
    scan = CheckedFileField(
        label=_("Pindaian keputusan yang ditandatangani"), families=SCAN_FAMILIES
    )


class TpnResultForm(BootstrapForm):
    granted = forms.TypedChoiceField(
        label=_("Hasil TPN"), coerce=lambda v: v == "ya",
        choices=[("ya", _("Ditetapkan (KepMenPANRB)")), ("tidak", _("Tidak ditetapkan"))],
    )  # fmt: skip
    decree_number = forms.CharField(label=_("Nomor KepMenPANRB"), max_length=150, required=False)
    granted_on = forms.DateField(
        label=_("Tanggal penetapan"), required=False, widget=forms.DateInput()
    )
    scan = CheckedFileField(label=_("Pindaian keputusan"), required=False, families=SCAN_FAMILIES)
    notes = forms.CharField(
        label=_("Catatan TPN"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MonitoringForm(BootstrapForm):
    done_on = forms.DateField(label=_("Tanggal monitoring"), widget=forms.DateInput())
    still_meets = forms.TypedChoiceField(
        label=_("Kesimpulan"), coerce=lambda v: v == "ya",
        choices=[("ya", _("Masih memenuhi kriteria")), ("tidak", _("Tidak lagi memenuhi kriteria"))],
    )  # fmt: skip
    findings = forms.CharField(
        label=_("Hasil monitoring"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RevocationForm(BootstrapForm):
    tpn_note = forms.CharField(
        label=_("Rekomendasi pencabutan TPN"), widget=forms.Textarea(attrs={"rows": 2})
    )
    tpn_on = forms.DateField(label=_("Tanggal rekomendasi TPN"), widget=forms.DateInput())
    number = forms.CharField(label=_("Nomor keputusan pencabutan"), max_length=150)
    revoked_on = forms.DateField(label=_("Tanggal pencabutan"), widget=forms.DateInput())
    scan = CheckedFileField(
        label=_("Pindaian keputusan pencabutan"), required=False, families=SCAN_FAMILIES
    )


class DutyImportForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Laporan"), choices=ReportingDuty.Kind.choices)
    file = forms.FileField(label=_("Berkas CSV atau XLSX (ekspor e-LHKPN / LHKASN)"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.sniffed = check_upload(uploaded, families={CSV, SPREADSHEET})
        return uploaded


class FollowUpForm(BootstrapForm):
    action = forms.CharField(label=_("Tindak lanjut"), max_length=500)
    responsible = forms.CharField(label=_("Penanggung jawab"), max_length=200)
    due_on = forms.DateField(label=_("Target selesai"), widget=forms.DateInput())

"""Forms of the evaluation pages; an answer's own fields are read by `answer_kwargs`."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integritas.accounts.models import Role, User
from integritas.common.files import CheckedFileField
from integritas.common.forms import BootstrapForm, BootstrapModelForm
from integritas.common.uploads import EVIDENCE_FAMILIES, SPREADSHEET, check_upload
from integritas.evaluation import engine
from integritas.evaluation.models import HasilInput
from integritas.organization.models import Unit


def answer_kwargs(data: Any, question: engine.Question) -> dict[str, Any]:
    """Read one question's posted fields: option, percent, its Jumlah inputs and the note."""
    return {
        "option_label": data.get("option", ""),
        "percent": data.get("percent", "").strip() or None,
        "inputs": {i.code: data.get(f"in_{i.code}", "").strip() for i in question.inputs},
        "note": data.get("note", ""),
    }


def year_choices() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year + 1, this_year - 4, -1)]


class AssessmentCreateForm(BootstrapForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.TypedChoiceField(label=_("Tahun penilaian"), coerce=int, choices=year_choices)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


class HasilForm(BootstrapModelForm):
    class Meta:
        model = HasilInput
        fields = ["ipak_index", "ipkp_index", "capaian_kinerja", "tlhp_percent", "note"]
        labels = {
            "ipak_index": _("Indeks Persepsi Anti Korupsi (IPAK, 0-4)"),
            "ipkp_index": _("Indeks Persepsi Kualitas Pelayanan (IPKP, 0-4)"),
            "capaian_kinerja": _("Capaian kinerja lebih baik (A-E)"),
            "tlhp_percent": _("Tindak lanjut hasil pemeriksaan (TLHP, %)"),
            "note": _("Catatan / sumber data"),
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class SubmitForm(BootstrapForm):
    confirm_incomplete = forms.BooleanField(
        label=_("Saya memahami bahwa pertanyaan yang belum dijawab dihitung 0."), required=False
    )


class ReturnForm(BootstrapForm):
    codes = forms.MultipleChoiceField(label=_("Pertanyaan"), choices=())
    note = forms.CharField(
        label=_("Catatan perbaikan untuk unit"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = [(c, c) for c in codes]  # type: ignore[attr-defined]


class ReviewerAssignForm(BootstrapForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.filter(is_active=True))
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int, choices=year_choices)
    user = forms.ModelChoiceField(label=_("Anggota TPI"), queryset=User.objects.none())
    is_ketua = forms.BooleanField(label=_("Ketua penilai (memfinalkan)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(roles__role=Role.TPI, is_active=True)
            .select_related("employee__unit")
            .order_by("first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: (  # type: ignore[attr-defined]
            f"{u} — {u.employee.unit.code}" if u.employee_id else str(u)
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class EvidenceUploadForm(BootstrapForm):
    berkas = MultipleFileField(label=_("Berkas (PDF, gambar, dokumen perkantoran)"))
    title = forms.CharField(
        label=_("Judul dokumen"),
        required=False,
        max_length=300,
        help_text=_("Kosongkan untuk memakai nama berkas."),
    )


class EvidenceReviseForm(BootstrapForm):
    file = CheckedFileField(label=_("Berkas revisi"), families=EVIDENCE_FAMILIES)


class ImportForm(BootstrapForm):
    file = forms.FileField(label=_("Berkas LKE (.xlsx) hasil ekspor yang sudah diisi"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload(upload, families={SPREADSHEET})
        return upload

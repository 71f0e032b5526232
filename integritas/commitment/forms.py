from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integritas.commitment.models import (
    Declaration,
    DeclarationPublication,
    DeclarationWitness,
    DesignatedUnit,
    DesignationDecree,
    Occasion,
)
from integritas.common.files import CheckedFileField
from integritas.common.forms import BootstrapForm, BootstrapModelForm
from integritas.common.uploads import IMAGE, PDF
from integritas.organization.models import Employee, Unit


def _date_widget():
    return forms.DateInput()


class PactForm(BootstrapForm):
    employee = forms.ModelChoiceField(Employee.objects.none(), label=_("Pegawai"))
    signed_on = forms.DateField(label=_("Tanggal penandatanganan"), widget=_date_widget())
    occasion = forms.ChoiceField(label=_("Acara"), choices=Occasion.choices)
    occasion_note = forms.CharField(label=_("Keterangan acara"), required=False, max_length=200)
    document = CheckedFileField(
        label=_("Pindaian pakta (PDF atau foto, bila ada)"), required=False, families={PDF, IMAGE}
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["employee"]).queryset = Employee.objects.filter(
            unit=unit, is_active=True
        ).order_by("name")
        self.fields["signed_on"].initial = timezone.localdate()


class MassSigningForm(BootstrapForm):
    signed_on = forms.DateField(label=_("Tanggal penandatanganan"), widget=_date_widget())
    occasion = forms.ChoiceField(
        label=_("Acara"), choices=Occasion.choices, initial=Occasion.MASSAL
    )
    note = forms.CharField(
        label=_("Keterangan (mis. apel pagi, pelantikan)"), required=False, max_length=300
    )
    document = CheckedFileField(
        label=_("Pindaian dokumen penandatanganan (satu PDF untuk seluruh sesi, bila ada)"),
        required=False,
        families={PDF},
    )
    employees = forms.ModelMultipleChoiceField(
        Employee.objects.none(),
        label=_("Pegawai yang menandatangani"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sedikitnya satu pegawai.")},
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["employees"]).queryset = Employee.objects.filter(
            unit=unit, is_active=True
        )
        self.fields["signed_on"].initial = timezone.localdate()


class DeclarationForm(BootstrapModelForm):
    class Meta:
        model = Declaration
        fields = ["declared_on", "place", "note"]
        widgets = {"declared_on": forms.DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class CityDeclarationForm(BootstrapModelForm):
    class Meta:
        model = Declaration
        fields = ["declared_on", "place", "head_name", "head_position", "note"]
        widgets = {"declared_on": forms.DateInput(), "note": forms.Textarea(attrs={"rows": 2})}
        labels = {"head_name": _("Nama Wali Kota (lengkap dan gelar)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head_position"].initial = "Wali Kota Kupang"


class WitnessForm(BootstrapModelForm):
    class Meta:
        model = DeclarationWitness
        fields = ["role", "name", "position"]


class WitnessRowForm(WitnessForm):
    """A witness row on the declaration form; an empty name means "no witness here"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


WitnessFormSet = forms.formset_factory(WitnessRowForm, extra=0)


def witness_initial() -> list[dict[str, str]]:
    """Lampiran A angka 2: the Piagam is witnessed by Inspektorat, Tim ZI and the public."""
    return [{"role": role} for role in DeclarationWitness.Role.values]


class PublicationForm(BootstrapForm):
    kind = forms.ChoiceField(label=_("Jenis"), choices=DeclarationPublication.Kind.choices)
    url = forms.URLField(label=_("Tautan media"), required=False, max_length=500)
    caption = forms.CharField(label=_("Keterangan"), required=False, max_length=300)
    photo = CheckedFileField(label=_("Foto (PNG/JPEG)"), required=False, families={IMAGE})

    def clean(self):
        data = super().clean()
        if data.get("kind") == DeclarationPublication.Kind.LINK and not data.get("url"):
            self.add_error("url", _("Isi tautan publikasi."))
        if data.get("kind") == DeclarationPublication.Kind.PHOTO and not data.get("photo"):
            self.add_error("photo", _("Pilih berkas foto."))
        return data


class DecreeForm(BootstrapModelForm):
    upload = CheckedFileField(label=_("Berkas keputusan (PDF)"), required=False, families={PDF})

    class Meta:
        model = DesignationDecree
        fields = ["number", "decree_date", "year", "title"]
        widgets = {"decree_date": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["year"].initial = timezone.localdate().year


class DesignatedUnitForm(BootstrapModelForm):
    class Meta:
        model = DesignatedUnit
        fields = ["unit", "core_business", "high_risk", "wide_impact", "reasons"]
        widgets = {"reasons": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, decree: DesignationDecree, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.decree = decree
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = (
            Unit.objects.filter(is_active=True)
            .exclude(designations__decree=decree)
            .order_by("name")
        )

    def clean(self):
        data = super().clean()
        if not (data.get("core_business") or data.get("high_risk") or data.get("wide_impact")):
            raise forms.ValidationError(
                _("Pilih sedikitnya satu kriteria Pasal 8 ayat (1) yang dipenuhi unit.")
            )
        return data

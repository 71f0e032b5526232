from django import forms
from django.utils.translation import gettext_lazy as _

from integritas.common.forms import BootstrapForm, BootstrapModelForm
from integritas.common.uploads import CSV, SPREADSHEET, check_upload
from integritas.organization.models import Employee, Institution, Team, TeamMember, Unit


class UnitForm(BootstrapModelForm):
    class Meta:
        model = Unit
        fields = [
            "name",
            "code",
            "type",
            "parent",
            "head",
            "address",
            "phone",
            "email",
            "website",
            "logo",
            "is_stranas_pk",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Unit.objects.order_by("name")
        self.fields["head"].queryset = (
            Employee.objects.filter(unit=self.instance, is_active=True)
            if self.instance.pk
            else Employee.objects.none()
        )

    def clean_logo(self):
        return _checked_image(self.cleaned_data.get("logo"))

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        node = parent
        while node is not None and self.instance.pk:
            if node.pk == self.instance.pk:
                raise forms.ValidationError(
                    _("Unit induk tidak boleh unit ini sendiri atau sub-unitnya.")
                )
            node = node.parent
        return parent


def _checked_image(uploaded):
    if uploaded and hasattr(uploaded, "content_type"):
        from integritas.common.uploads import IMAGE

        found = check_upload(uploaded, families={IMAGE}, max_bytes=2 * 1024 * 1024)
        if found.kind not in ("png", "jpeg"):
            raise forms.ValidationError(_("Logo harus PNG atau JPEG."))
    return uploaded


class InstitutionForm(BootstrapModelForm):
    class Meta:
        model = Institution
        fields = ["name", "short_name", "address", "phone", "email", "website", "logo"]

    def clean_logo(self):
        return _checked_image(self.cleaned_data.get("logo"))


class EmployeeForm(BootstrapModelForm):
    class Meta:
        model = Employee
        fields = [
            "nip",
            "name",
            "front_title",
            "back_title",
            "kind",
            "rank",
            "position",
            "unit",
            "email",
            "is_active",
        ]
        help_texts = {
            "nip": _("18 digit: tanggal lahir (8), TMT (6), jenis kelamin (1), nomor urut (3).")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["unit"].disabled = True
            self.fields["unit"].help_text = _(
                "Pindah unit melalui menu Mutasi agar riwayatnya tercatat."
            )


class MoveForm(BootstrapForm):
    to_unit = forms.ModelChoiceField(
        label=_("Unit tujuan"), queryset=Unit.objects.filter(is_active=True)
    )
    moved_on = forms.DateField(label=_("Tanggal mutasi"), widget=forms.DateInput)
    decree_number = forms.CharField(label=_("Nomor SK mutasi"), required=False, max_length=100)
    note = forms.CharField(label=_("Keterangan"), required=False, max_length=300)

    def __init__(self, *args, employee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.employee = employee

    def clean_to_unit(self):
        unit = self.cleaned_data["to_unit"]
        if self.employee and unit.pk == self.employee.unit_id:
            raise forms.ValidationError(_("Pegawai sudah berada di unit ini."))
        return unit


class ImportForm(BootstrapForm):
    kind = forms.ChoiceField(
        label=_("Data"), choices=[("employees", _("Pegawai")), ("units", _("Unit kerja"))]
    )
    file = forms.FileField(label=_("Berkas CSV atau XLSX"))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.sniffed = check_upload(uploaded, families={CSV, SPREADSHEET})
        return uploaded


class TeamForm(BootstrapModelForm):
    class Meta:
        model = Team
        fields = [
            "kind",
            "unit",
            "name",
            "decree_number",
            "decree_date",
            "decree_file",
            "period_start",
            "period_end",
            "selection_method",
            "is_active",
        ]
        widgets = {
            "decree_date": forms.DateInput, "period_start": forms.DateInput, "period_end": forms.DateInput,
            "selection_method": forms.Textarea(attrs={"rows": 3}),
        }  # fmt: skip

    def clean_decree_file(self):
        uploaded = self.cleaned_data.get("decree_file")
        if uploaded and hasattr(uploaded, "content_type"):
            from integritas.common.uploads import IMAGE, PDF

            check_upload(uploaded, families={PDF, IMAGE})
        return uploaded

    def clean(self):
        cleaned = super().clean()
        kind, unit = cleaned.get("kind"), cleaned.get("unit")
        if kind == Team.Kind.TIM_KERJA and not unit:
            self.add_error(
                "unit", _("Tim Kerja harus ditetapkan untuk satu unit (SK kepala unit).")
            )
        if kind and kind != Team.Kind.TIM_KERJA and unit:
            self.add_error(
                "unit",
                _(
                    "Tim Pendamping dan TPI ditetapkan Wali Kota untuk seluruh kota; kosongkan unit."
                ),
            )
        return cleaned


class TeamMemberForm(BootstrapModelForm):
    class Meta:
        model = TeamMember
        fields = ["employee", "role", "area"]
        labels = {"employee": _("Pegawai")}

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        qs = Employee.objects.filter(is_active=True).select_related("unit")
        if team is not None and team.unit_id:
            qs = qs.filter(unit_id=team.unit_id)
        field = self.fields["employee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = qs.order_by("name", "nip")
        # Namesakes are told apart by NIP and unit.
        field.label_from_instance = lambda e: f"{e.name} · NIP {e.nip} · {e.unit.name}"

    def clean_employee(self):
        employee = self.cleaned_data["employee"]
        if self.team and TeamMember.objects.filter(team=self.team, employee=employee).exists():
            raise forms.ValidationError(_("Pegawai ini sudah menjadi anggota tim."))
        return employee

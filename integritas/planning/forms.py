from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from integritas.common.files import CheckedFileField
from integritas.common.forms import BootstrapForm, BootstrapModelForm
from integritas.common.number_fields import IndonesianDecimalField, IndonesianNumberInput
from integritas.common.uploads import EVIDENCE_FAMILIES, IMAGE, PDF, SPREADSHEET
from integritas.organization.models import Employee, Unit
from integritas.planning import lke, rules
from integritas.planning.components import COMPONENTS
from integritas.planning.models import (
    MONTH_FIELDS,
    ActionRow,
    Innovation,
    MediaEntry,
    MentoringEntry,
    WorkPlan,
)

TARGET_MESSAGES = {
    rules.MISSING: _("Isi target bulan ini (0–100)."),
    rules.OUT_OF_RANGE: _("Target harus antara 0 dan 100."),
    rules.DECREASING: _("Target kumulatif tidak boleh lebih kecil dari bulan sebelumnya."),
    rules.WRONG_COUNT: _("Rencana aksi memerlukan tepat dua belas target bulanan (B01–B12)."),
}


class WorkPlanForm(BootstrapForm):
    decree_number = forms.CharField(label=_("Nomor keputusan kepala unit"), max_length=150)
    decree_date = forms.DateField(label=_("Tanggal keputusan"), widget=forms.DateInput())
    socialisation = forms.CharField(
        label=_("Sosialisasi pembangunan ZI (Pasal 11 ayat 5)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Media yang dipakai: laman, media sosial, spanduk, apel pagi, forum konsultasi publik, …"
        ),
    )
    decree_upload = CheckedFileField(
        label=_("Pindaian keputusan yang sudah ditandatangani (PDF, bila ada)"),
        required=False,
        families={PDF},
    )

    def __init__(self, *args, plan: WorkPlan | None = None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        if plan is not None:
            initial.update(
                decree_number=plan.decree_number, decree_date=plan.decree_date,
                socialisation=plan.socialisation,
            )  # fmt: skip
            for target in plan.targets.all():
                initial[f"target_{target.component}"] = target.targets
        super().__init__(*args, initial=initial, **kwargs)
        for component in COMPONENTS:
            self.fields[f"target_{component.code}"] = forms.CharField(
                label=f"{component.name} ({component.weight:g} %)".replace(".", ","),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                help_text=component.clause,
            )

    def target_fields(self):
        return [(c, self[f"target_{c.code}"]) for c in COMPONENTS]

    def targets(self) -> dict[str, str]:
        return {c.code: self.cleaned_data.get(f"target_{c.code}", "") for c in COMPONENTS}

    def clean(self):
        data = super().clean()
        if not any((data.get(f"target_{c.code}") or "").strip() for c in COMPONENTS):
            raise forms.ValidationError(
                _("Isi target prioritas sedikitnya untuk satu komponen (Pasal 11 ayat 4).")
            )
        return data


class ActionRowForm(BootstrapModelForm):
    lke_codes = forms.CharField(
        label=_("Kode pertanyaan LKE yang diperbaiki"),
        required=False,
        help_text=_("Mis. P1.ii.a, R5.iii.b — dipisahkan koma."),
    )

    class Meta:
        model = ActionRow
        fields = [
            "component", "goal", "indicator", "action", "pic_employee", "pic_text", "budget",
            "budget_source", "budget_source_note", *MONTH_FIELDS,
        ]  # fmt: skip
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 2}),
            "indicator": forms.Textarea(attrs={"rows": 2}),
            "action": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["pic_employee"]
        ).queryset = Employee.objects.filter(unit=unit, is_active=True).order_by("name")
        self.fields["pic_employee"].required = False
        # Rupiah: a dot always groups thousands here (15.000.000; sen after a comma).
        self.fields["budget"] = IndonesianDecimalField(
            label=self.fields["budget"].label, min_value=Decimal(0), max_digits=15,
            decimal_places=2, dot_groups=True, required=self.fields["budget"].required,
            widget=IndonesianNumberInput(attrs={"class": "form-control num"}, integer=True),
        )  # fmt: skip
        for name in MONTH_FIELDS:
            self.fields[name] = IndonesianDecimalField(
                label=name.upper(), required=False, max_digits=6, decimal_places=2,
                widget=IndonesianNumberInput(
                    attrs={"class": "form-control form-control-sm num month-input",
                           "aria-label": name.upper()}
                ),
            )  # fmt: skip
        if self.instance.pk:
            self.fields["lke_codes"].initial = ", ".join(self.instance.lke_question_codes or [])

    def month_fields(self):
        return [self[m] for m in MONTH_FIELDS]

    def clean_lke_codes(self) -> list[str]:
        codes = lke.split_codes(self.cleaned_data.get("lke_codes", ""))
        unknown = lke.unknown_codes(codes)
        if unknown:
            raise forms.ValidationError(
                _("Bukan kode pertanyaan LKE: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes

    def clean(self):
        data = super().clean()
        values: list[Decimal | None] = []
        for name in MONTH_FIELDS:
            values.append(data.get(name))
        for problem in rules.target_problems(values):
            name = MONTH_FIELDS[problem.month - 1] if problem.month else MONTH_FIELDS[0]
            if name not in self.errors:
                self.add_error(name, TARGET_MESSAGES[problem.kind])
        if not data.get("pic_employee") and not (data.get("pic_text") or "").strip():
            self.add_error(
                "pic_text", _("Isi penanggung jawab (pilih pegawai atau tulis namanya).")
            )
        if (
            data.get("budget_source") == ActionRow.BudgetSource.LAINNYA
            and not (data.get("budget_source_note") or "").strip()
        ):
            self.add_error(
                "budget_source_note",
                _("Sebutkan sumber lain yang sah dan tidak mengikat (Pasal 18)."),
            )
        return data

    def save(self, commit=True):
        self.instance.lke_question_codes = self.cleaned_data.get("lke_codes", [])
        return super().save(commit=commit)


class ActionPlanImportForm(BootstrapForm):
    file = CheckedFileField(
        label=_("Berkas .xlsx dengan tata letak Lampiran C"), families={SPREADSHEET}
    )


class ReportForm(forms.Form):
    """One percent + narrative pair per action row, named by the row id."""

    def __init__(self, *args, rows, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            current = existing.get(row.pk)
            self.fields[f"percent_{row.pk}"] = IndonesianDecimalField(
                label=_("Realisasi %(code)s (%%)") % {"code": row.component},
                required=False, min_value=0, max_value=100, max_digits=5, decimal_places=2,
                initial=current.percent if current else None,
                widget=IndonesianNumberInput(attrs={"class": "form-control num"}),
            )  # fmt: skip
            self.fields[f"narrative_{row.pk}"] = forms.CharField(
                label=_("Uraian capaian"), required=False,
                initial=current.narrative if current else "",
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )  # fmt: skip

    def lines(self):
        return [(row, self[f"percent_{row.pk}"], self[f"narrative_{row.pk}"]) for row in self.rows]

    def entries(self):
        from integritas.planning.services import Realisation

        return {
            row.pk: Realisation(
                percent=self.cleaned_data.get(f"percent_{row.pk}"),
                narrative=(self.cleaned_data.get(f"narrative_{row.pk}") or "").strip(),
            )
            for row in self.rows
        }


class EvidenceForm(BootstrapForm):
    file = CheckedFileField(label=_("Berkas bukti"), families=EVIDENCE_FAMILIES)
    action_row = forms.ModelChoiceField(
        ActionRow.objects.none(), label=_("Untuk rencana aksi"), required=False
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["action_row"]).queryset = plan.rows.order_by(
            "order", "id"
        )


class ReturnForm(BootstrapForm):
    note = forms.CharField(
        label=_("Catatan untuk Tim Kerja"), widget=forms.Textarea(attrs={"rows": 3})
    )


class InnovationForm(BootstrapModelForm):
    evidence_upload = CheckedFileField(
        label=_("Berkas bukti (PDF, gambar, dokumen)"), required=False,
        families=EVIDENCE_FAMILIES | {IMAGE},
    )  # fmt: skip

    class Meta:
        model = Innovation
        fields = ["name", "problem", "change", "started_on", "evidence_url"]
        widgets = {
            "started_on": forms.DateInput(),
            "problem": forms.Textarea(attrs={"rows": 2}),
            "change": forms.Textarea(attrs={"rows": 2}),
        }


class MediaEntryForm(BootstrapModelForm):
    class Meta:
        model = MediaEntry
        fields = ["published_on", "channel", "title", "url", "audience", "note"]
        widgets = {"published_on": forms.DateInput(), "note": forms.Textarea(attrs={"rows": 2})}


class MentoringEntryForm(BootstrapModelForm):
    class Meta:
        model = MentoringEntry
        fields = ["held_on", "kind", "topic", "advice", "follow_up", "follow_up_status"]
        widgets = {
            "held_on": forms.DateInput(),
            "advice": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

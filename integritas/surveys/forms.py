from __future__ import annotations

from fractions import Fraction
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integritas.common.forms import BootstrapForm, BootstrapModelForm
from integritas.common.number_fields import IndonesianIntegerField
from integritas.common.numbers import NumberError, parse_number
from integritas.organization.models import Unit
from integritas.surveys.models import PROFILE_COLUMNS, FollowUp, SurveyWave, WaveService
from integritas.surveys.services import EDITABLE_AFTER_DRAFT, MAX_CODES_PER_BATCH

HONEYPOT_FIELD = "kontak_faks"
FORM_KEY_FIELD = "formulir"
ITEM_PREFIX = "q_"


class WaveCreateForm(BootstrapForm):
    unit = forms.ModelChoiceField(label=_("Unit kerja"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Jenis survei"), choices=SurveyWave.Kind.choices)
    period_type = forms.ChoiceField(label=_("Periode"), choices=SurveyWave.PeriodType.choices)
    period_number = IndonesianIntegerField(
        label=_("Periode ke-"), min_value=1, max_value=4, initial=1,
        help_text=_("Triwulan 1–4, semester 1–2; untuk tahunan isi 1."),
    )  # fmt: skip
    year = IndonesianIntegerField(label=_("Tahun"), min_value=2000, max_value=2100, group=False)
    access_mode = forms.ChoiceField(
        label=_("Cara responden masuk"),
        choices=SurveyWave.AccessMode.choices,
        initial=SurveyWave.AccessMode.CODE,
        help_text=_(
            "Kode sekali pakai (dicetak pada karcis antrean/struk) adalah perlindungan terkuat. "
            "Tautan terbuka hanya membatasi satu jawaban per peramban — mudah diakali."
        ),
    )
    code_validity_days = IndonesianIntegerField(
        label=_("Masa berlaku kode (hari)"), min_value=1, max_value=366, initial=7
    )
    scale = forms.TypedChoiceField(
        label=_("Skala jawaban"),
        coerce=int,
        choices=[(4, _("1–4 (bawaan)")), (6, _("1–6 (kuesioner bintang)"))],
        initial=4,
        help_text=_("SKM selalu 1–4. SPAK/SPKP skala 1–6 wajib memilih konversi."),
    )
    conversion = forms.ChoiceField(
        label=_("Konversi skala 1–6 ke indeks 0–4"),
        choices=[("", "—"), *SurveyWave.Conversion.choices],
        required=False,
    )
    sample_method = forms.ChoiceField(
        label=_("Metode target sampel"),
        choices=SurveyWave.SampleMethod.choices,
        initial=SurveyWave.SampleMethod.FORMULA,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["unit"]).queryset = units
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        kind, scale = data.get("kind"), data.get("scale")
        period_type, number = data.get("period_type"), data.get("period_number")
        if kind == SurveyWave.Kind.SKM and scale == 6:
            self.add_error("scale", _("SKM (PermenPANRB 14/2017) selalu memakai skala 1–4."))
        if scale == 6 and not data.get("conversion"):
            self.add_error("conversion", _("Pilih konversi untuk skala 1–6."))
        if scale == 4:
            data["conversion"] = ""
        limits = {
            SurveyWave.PeriodType.QUARTER: 4,
            SurveyWave.PeriodType.SEMESTER: 2,
            SurveyWave.PeriodType.YEAR: 1,
        }
        if period_type and number and number > limits[period_type]:
            self.add_error(
                "period_number",
                _("Periode ke-%(n)d tidak ada untuk %(type)s.")
                % {"n": number, "type": dict(SurveyWave.PeriodType.choices)[period_type]},
            )
        return data


class WaveEditForm(BootstrapModelForm):
    class Meta:
        model = SurveyWave
        fields = [
            "period_type", "period_number", "year", "access_mode", "code_validity_days",
            "conversion", "sample_method", "end_date", "report_analysis",
        ]  # fmt: skip
        widgets = {
            "end_date": forms.DateInput(),
            "report_analysis": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wave = self.instance
        if wave.scale != 6:
            del self.fields["conversion"]
        else:
            self.fields["conversion"].required = True
        if not wave.is_draft:
            keep = EDITABLE_AFTER_DRAFT[SurveyWave.Status(wave.status)]
            for name in list(self.fields):
                if name not in keep:
                    del self.fields[name]

    def changed(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.changed_data}


class ServiceForm(BootstrapModelForm):
    class Meta:
        model = WaveService
        fields = ["name", "population"]


class ItemAddForm(BootstrapForm):
    name = forms.CharField(label=_("Nama unsur/butir"), max_length=120)
    text = forms.CharField(label=_("Pertanyaan"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, scale: int, **kwargs):
        super().__init__(*args, **kwargs)
        for value in range(1, scale + 1):
            self.fields[f"answer_{value}"] = forms.CharField(
                label=_("Teks jawaban nilai %(v)d") % {"v": value}, max_length=120
            )
        self.scale = scale

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer_{v}"] for v in range(1, self.scale + 1)]


def parse_weight(text: str) -> Fraction:
    """Read a weight typed as a fraction (1/10) or an Indonesian decimal (0,1 or 0.125)."""
    text = (text or "").strip()
    refused = forms.ValidationError(
        _("Bobot %(text)s bukan angka; tulis pecahan (1/10) atau desimal (0,1).") % {"text": text}
    )
    try:
        if "/" in text:
            numerator, denominator = text.split("/", 1)
            return Fraction(
                int(parse_number(numerator, integer=True)),
                int(parse_number(denominator, integer=True)),
            )
        return Fraction(parse_number(text, decimals=12))
    except ZeroDivisionError:
        raise refused from None
    except NumberError as exc:
        raise forms.ValidationError(
            _("Bobot: %(reason)s Tulis pecahan (1/10) atau desimal (0,1).")
            % {"reason": exc.message}
        ) from None


class WeightsForm(BootstrapForm):
    def __init__(self, *args, wave: SurveyWave, **kwargs):
        super().__init__(*args, **kwargs)
        for item in wave.instrument_obj.items:
            self.fields[item.code] = forms.CharField(
                label=f"{item.code} — {item.name}", initial=str(item.weight), max_length=20
            )

    def clean(self):
        data = super().clean()
        weights: dict[str, Fraction] = {}
        for code in list(self.fields):
            if code in data:
                try:
                    weights[code] = parse_weight(data[code])
                except forms.ValidationError as exc:
                    self.add_error(code, exc)
                    continue
                if weights[code] <= 0:
                    self.add_error(code, _("Bobot harus lebih dari 0."))
        if not self.errors and sum(weights.values(), Fraction(0)) != 1:
            raise forms.ValidationError(
                _("Jumlah bobot harus tepat 1 (sekarang %(sum)s).")
                % {"sum": str(sum(weights.values(), Fraction(0)))}
            )
        data["weights"] = weights
        return data


class CodeIssueForm(BootstrapForm):
    service = forms.ModelChoiceField(
        label=_("Jenis layanan / loket"), queryset=WaveService.objects.none()
    )
    count = IndonesianIntegerField(
        label=_("Jumlah kode"), min_value=1, max_value=MAX_CODES_PER_BATCH, initial=50
    )
    validity_days = IndonesianIntegerField(
        label=_("Berlaku (hari)"), min_value=1, max_value=366, required=False,
        help_text=_("Kosongkan untuk memakai masa berlaku gelombang."),
    )  # fmt: skip

    def __init__(self, *args, wave: SurveyWave, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["service"]).queryset = wave.services.all()
        self.fields["validity_days"].initial = wave.code_validity_days


class AnswersForm(forms.Form):
    """The questionnaire of a wave: one radio group per item, then the respondent profile."""

    def __init__(self, *args, wave: SurveyWave, with_service: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.wave = wave
        instrument = wave.instrument_obj
        if with_service:
            services = list(wave.services.all())
            self.fields["service"] = forms.TypedChoiceField(
                label=_("Jenis layanan yang Anda terima"),
                choices=[("", _("— pilih —"))] + [(s.pk, s.name) for s in services],
                coerce=int,
                error_messages={"required": _("Pilih jenis layanan.")},
            )
            self.services = {s.pk: s for s in services}
        for item in instrument.items:
            self.fields[ITEM_PREFIX + item.code] = forms.TypedChoiceField(
                label=item.text,
                choices=[(a.value, a.text) for a in item.answers],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu jawaban.")},
            )
            self.fields[ITEM_PREFIX + item.code].item = item  # type: ignore[attr-defined]
        for profile_field in instrument.profile:
            if profile_field.code not in PROFILE_COLUMNS:
                continue
            self.fields["p_" + profile_field.code] = forms.ChoiceField(
                label=profile_field.label,
                choices=[("", _("— tidak diisi —"))]
                + [(c.code, c.label) for c in profile_field.choices],
                required=False,
            )

    def item_fields(self):
        return [self[name] for name in self.fields if name.startswith(ITEM_PREFIX)]

    def profile_fields(self):
        return [self[name] for name in self.fields if name.startswith("p_")]

    def answers(self) -> dict[str, int]:
        return {
            name[len(ITEM_PREFIX) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(ITEM_PREFIX)
        }

    def profile(self) -> dict[str, str]:
        return {
            name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("p_")
        }

    def chosen_service(self) -> WaveService | None:
        return getattr(self, "services", {}).get(self.cleaned_data.get("service"))


class PaperForm(AnswersForm):
    sheet_number = forms.CharField(
        label=_("Nomor lembar kuesioner"), max_length=40,
        help_text=_("Nomor yang tertulis pada lembar kertas; satu lembar hanya dapat dimasukkan sekali."),
    )  # fmt: skip

    field_order = ["sheet_number", "service"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select) and not isinstance(
                field.widget, forms.RadioSelect
            ):
                field.widget.attrs["class"] = "form-select"
            elif not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-control"


class PublicForm(AnswersForm):
    """The public questionnaire: plus a honeypot and the signed form token."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(required=False, label=_("Nomor faks"))
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields[FORM_KEY_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        if "service" in self.fields:
            self.fields["service"].widget.attrs["class"] = "form-select form-select-lg"
        for name, field in self.fields.items():
            if name.startswith("p_"):
                field.widget.attrs["class"] = "form-select"


class CodeEntryForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode survei"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg text-uppercase",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "ABCD-2345",
            }
        ),
    )


class ReviewForm(BootstrapForm):
    decision = forms.ChoiceField(
        choices=[("terima", _("Terima")), ("tolak", _("Tolak"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Catatan / alasan"), max_length=500, required=False)
    responses = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args, response_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["responses"]).choices = [
            (pk, pk) for pk in response_ids
        ]
        self.fields["responses"].error_messages["required"] = _("Pilih minimal satu jawaban.")

    def clean(self):
        data = super().clean()
        if data.get("decision") == "tolak" and not (data.get("note") or "").strip():
            self.add_error("note", _("Tuliskan alasan penolakan."))
        return data


class FollowUpForm(BootstrapModelForm):
    class Meta:
        model = FollowUp
        fields = ["item_code", "action", "timeline", "responsible"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wave = self.instance.wave
        self.fields["item_code"] = forms.ChoiceField(
            label=_("Unsur/butir"),
            choices=[(i.code, f"{i.code} — {i.name}") for i in wave.instrument_obj.items],
            widget=forms.Select(attrs={"class": "form-select"}),
        )

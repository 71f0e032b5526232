"""Forms of the counter kiosk and of a wave's hold policy (kept apart from forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from integritas.common.forms import BootstrapForm
from integritas.common.number_fields import IndonesianIntegerField
from integritas.surveys.kiosk import DEFAULT_PER_HOUR
from integritas.surveys.models import SurveyWave, WaveService
from integritas.surveys.policy import LIMITS, HoldPolicy


class KioskUnlockForm(BootstrapForm):
    label = forms.CharField(
        label=_("Nama kios atau loket"), max_length=100, initial=_("Loket 1"),
        help_text=_("Tampil di kuesioner tablet dan pada hasil survei."),
    )  # fmt: skip
    service = forms.ModelChoiceField(
        label=_("Layanan di loket ini"), queryset=WaveService.objects.none(), required=False,
        empty_label=_("— responden memilih sendiri —"),
        help_text=_("Dipilihkan lebih dulu pada kuesioner tablet; responden tetap dapat mengubahnya."),
    )  # fmt: skip
    per_hour_limit = IndonesianIntegerField(
        label=_("Batas jawaban per jam"), min_value=1, max_value=600, initial=DEFAULT_PER_HOUR,
        help_text=_("Jawaban di atas batas ini dalam 60 menit ditahan untuk ditinjau."),
    )  # fmt: skip

    def __init__(self, *args: Any, wave: SurveyWave, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = wave.services.all()


POLICY_FIELDS: dict[str, Any] = {
    "tenths_per_question": _("Waktu baca per pertanyaan (persepuluh detik; 8 = 0,8 detik)"),
    "floor_seconds": _("Waktu minimum berapa pun jumlah pertanyaannya (detik)"),
    "address_limit": _("Jawaban paling banyak dari satu alamat"),
    "address_window_minutes": _("… dalam berapa menit"),
    "pattern_same_address": _("Pola jawaban sama dari alamat yang sama: ditahan mulai ke-"),
    "pattern_any_address": _("Pola jawaban sama dari alamat mana pun: ditahan mulai ke-"),
    "pattern_window_minutes": _("… dalam berapa menit (pola)"),
}


class PolicyForm(BootstrapForm):
    """Every number of the hold policy, prefilled with what the wave uses now."""

    def __init__(self, *args: Any, policy: HoldPolicy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in POLICY_FIELDS.items():
            low, high = LIMITS[name]
            self.fields[name] = IndonesianIntegerField(
                label=label, min_value=low, max_value=high, initial=getattr(policy, name)
            )

    def overrides(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in POLICY_FIELDS}

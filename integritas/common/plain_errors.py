"""Plain Indonesian for Django's stiff form messages, for every form of the product.

Every error a form shows passes through ``Form.add_error`` — a field's own checks, its
validators and the model's ``full_clean`` — so one override rewrites them by their code:
"Pastikan nilai ini lebih kecil dari atau sama dengan 4." becomes "Isi paling besar 4.".
Messages the product wrote itself keep their words: only Django's generic codes are replaced.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def _number(value: Any) -> str:
    """A limit as an Indonesian writes it: 4, 3,66, 1.000.000 stays readable."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f").replace(".", ",")


def _message(code: str, params: dict[str, Any], field: forms.Field | None) -> str | None:
    limit = _number(params.get("limit_value", params.get("max", "")))
    shown = _number(params.get("show_value", ""))
    if code == "required":
        if isinstance(field, forms.FileField):
            return _("Pilih berkas yang akan diunggah.")
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            return _("Pilih salah satu.")
        return _("Wajib diisi.")
    if code == "max_value":
        return _("Isi paling besar %(n)s.") % {"n": limit}
    if code == "min_value":
        return _("Isi paling kecil %(n)s.") % {"n": limit}
    if code == "max_length":
        return _("Terlalu panjang: paling banyak %(n)s karakter (sekarang %(s)s).") % {
            "n": limit, "s": shown,
        }  # fmt: skip
    if code == "min_length":
        return _("Terlalu pendek: paling sedikit %(n)s karakter (sekarang %(s)s).") % {
            "n": limit, "s": shown,
        }  # fmt: skip
    if code in ("invalid_choice", "invalid_pk_value"):
        return _("Pilihan ini tidak ada dalam daftar; pilih salah satu yang tersedia.")
    if code == "max_digits":
        return _("Angkanya terlalu panjang: paling banyak %(n)s digit.") % {"n": limit}
    if code == "max_decimal_places":
        return _("Paling banyak %(n)s angka di belakang koma.") % {"n": limit}
    if code == "max_whole_digits":
        return _("Paling banyak %(n)s angka di depan koma.") % {"n": limit}
    if code == "invalid" and isinstance(field, forms.DateTimeField):
        return _("Tanggal dan jam tidak dikenali; pilih dari kalender.")
    if code == "invalid" and isinstance(field, forms.DateField):
        return _("Tanggal tidak dikenali; pilih tanggal dari kalender.")
    if code == "invalid" and isinstance(field, forms.EmailField):
        return _("Alamat surel tidak sah (contoh: nama@kupangkota.go.id).")
    if code == "invalid" and isinstance(field, forms.URLField):
        return _("Alamat tautan tidak sah (contoh: https://kupangkota.go.id).")
    return None


def _django_defaults(field: forms.Field | None) -> set[str]:
    """Django's own wordings (in the active language) that this field's errors may carry."""
    lazy = [
        validators.MaxValueValidator.message, validators.MinValueValidator.message,
        validators.MaxLengthValidator.message, validators.MinLengthValidator.message,
        validators.EmailValidator.message, validators.URLValidator.message,
        *validators.DecimalValidator.messages.values(),
        *models.Field.default_error_messages.values(),
    ]  # fmt: skip
    for cls in type(field).__mro__ if field is not None else ():
        lazy += list(getattr(cls, "default_error_messages", {}).values())
    return {str(m) for m in lazy}


def plain(error: ValidationError, field: forms.Field | None) -> ValidationError:
    """The same error with Django's generic wording replaced (one message, no params)."""
    if str(getattr(error, "message", "")) not in _django_defaults(field):
        return error  # the product's own words
    message = _message(error.code or "", dict(error.params or {}), field)
    if message is None:
        return error
    return ValidationError(message, code=error.code)


class PlainErrorsMixin:
    """Rewrite Django's generic error messages into plain Indonesian as they are added."""

    fields: dict[str, forms.Field]

    @property
    def files_to_attach_again(self) -> list[tuple[str, str]]:
        """(label, file name) of each file chosen before the form was refused.

        A browser never sends a chosen file again after the page comes back with errors, so the
        page says which file to attach once more.
        """
        form: Any = self
        if not form.is_bound or not form.errors:
            return []
        return [
            (str(field.label or name), upload.name)
            for name, field in self.fields.items()
            if isinstance(field, forms.FileField)
            and (upload := form.files.get(form.add_prefix(name))) is not None
        ]

    def add_error(self, field: str | None, error: Any) -> None:
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            error = ValidationError(
                {
                    name: [plain(e, self.fields.get(name)) for e in errors]
                    for name, errors in error.error_dict.items()
                }
            )
        else:
            target = self.fields.get(field) if field else None
            error = ValidationError([plain(e, target) for e in error.error_list])
        super().add_error(field, error)  # type: ignore[misc]

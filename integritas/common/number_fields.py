"""Form fields for numbers typed the Indonesian way (see `integritas.common.numbers`).

Every number a user types goes through `IndonesianDecimalField` or
`IndonesianIntegerField`: a text input (a browser's ``type="number"`` drops or mangles
``87,5`` and ``15.000.000``), `parse_number` to read it, plain Indonesian messages for the
limits, and the stored value shown back as it was entered (``87,5``, not ``87.50``).
`indonesian_formfield` gives model forms the same fields for the model's number columns.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from integritas.common.numbers import NumberError, format_input, format_number, parse_number


class IndonesianNumberInput(forms.TextInput):
    """A text input with the phone keypad for numbers; values written back Indonesian-style."""

    def __init__(
        self, attrs: dict[str, Any] | None = None, *, integer: bool = False, group: bool = True
    ):
        self.integer, self.group = integer, group
        base = {"inputmode": "numeric" if integer else "decimal", "autocomplete": "off"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            if not self.group:  # a year: 2025, not 2.025
                return format_number(value, group=False)
            return format_input(value, integer=self.integer)
        return super().format_value(value)


def _limit_validators(min_value: Any, max_value: Any, *, group: bool = True) -> list[Any]:
    found: list[Any] = []
    if min_value is not None:
        found.append(
            validators.MinValueValidator(
                min_value,
                message=_("Nilai paling kecil %(limit)s.")
                % {"limit": format_number(min_value, group=group)},
            )
        )
    if max_value is not None:
        found.append(
            validators.MaxValueValidator(
                max_value,
                message=_("Nilai paling besar %(limit)s.")
                % {"limit": format_number(max_value, group=group)},
            )
        )
    return found


class _IndonesianMixin:
    integer = False
    dot_groups = False
    decimal_places: int | None

    def _parse(self, value: Any) -> Decimal | None:
        if value in (None, "", [], (), {}):
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        if isinstance(value, float):
            return Decimal(str(value))
        places = self.decimal_places if self.decimal_places is not None else 10
        try:
            return parse_number(
                str(value), decimals=places, integer=self.integer, dot_groups=self.dot_groups
            )
        except NumberError as exc:
            raise ValidationError(exc.message, code="invalid") from None


class IndonesianDecimalField(_IndonesianMixin, forms.DecimalField):
    """A decimal typed as 87,5, 1.234.567,89 or 87.5 (ambiguous 1.250 is refused)."""

    def __init__(
        self,
        *,
        max_value: Any = None,
        min_value: Any = None,
        max_digits: int | None = None,
        decimal_places: int | None = 2,
        dot_groups: bool = False,
        **kwargs: Any,
    ):
        """``dot_groups=True`` for money: every dot groups thousands (Rp 12.500.000,50)."""
        self.dot_groups = dot_groups
        kwargs.setdefault("widget", IndonesianNumberInput(integer=dot_groups))
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)
        self.max_value, self.min_value = max_value, min_value
        self.validators = [
            v
            for v in self.validators
            if not isinstance(v, validators.MinValueValidator | validators.MaxValueValidator)
        ] + _limit_validators(min_value, max_value)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        return self._parse(value)

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        return forms.Field.widget_attrs(self, widget)


class IndonesianIntegerField(_IndonesianMixin, forms.IntegerField):
    """A whole number typed as 1.250, 15.000.000, 1 250 or 1250."""

    integer = True
    decimal_places = 0

    def __init__(
        self, *, max_value: Any = None, min_value: Any = None, group: bool = True, **kwargs: Any
    ):
        """``group=False`` shows the value without thousands dots (a year: 2025)."""
        kwargs.setdefault("widget", IndonesianNumberInput(integer=True, group=group))
        kwargs.pop("step_size", None)
        super().__init__(**kwargs)
        self.max_value, self.min_value = max_value, min_value
        self.validators = [
            v
            for v in self.validators
            if not isinstance(v, validators.MinValueValidator | validators.MaxValueValidator)
        ] + _limit_validators(min_value, max_value, group=group)

    def to_python(self, value: Any) -> int | None:
        number = self._parse(value)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValidationError(
                _("%(n)s bukan bilangan bulat; isi tanpa desimal.") % {"n": format_number(number)},
                code="invalid",
            )
        return int(number)

    def widget_attrs(self, widget: Any) -> dict[str, Any]:
        return forms.Field.widget_attrs(self, widget)


def indonesian_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """`formfield_callback` of every model form: number columns get the Indonesian fields."""
    if db_field.choices or isinstance(db_field, models.AutoField | models.BooleanField):
        return db_field.formfield(**kwargs)
    if not isinstance(db_field, models.DecimalField | models.IntegerField | models.FloatField):
        return db_field.formfield(**kwargs)
    # The model's own limits are checked by the form field, with a plain message.
    limits: dict[str, Any] = {}
    for validator in db_field.validators:
        if isinstance(validator, validators.MinValueValidator):
            limits.setdefault("min_value", validator.limit_value)
        elif isinstance(validator, validators.MaxValueValidator):
            limits.setdefault("max_value", validator.limit_value)
    options = {**limits, **kwargs}
    if isinstance(db_field, models.DecimalField):
        return db_field.formfield(form_class=IndonesianDecimalField, **options)
    if isinstance(db_field, models.IntegerField):
        if db_field.name == "year" or db_field.name.endswith("_year"):
            options.setdefault("group", False)
        return db_field.formfield(form_class=IndonesianIntegerField, **options)
    return db_field.formfield(form_class=IndonesianDecimalField, decimal_places=10, **options)

from typing import Any

from django import forms
from django.forms.models import ModelFormMetaclass

from integritas.common.number_fields import indonesian_formfield
from integritas.common.plain_errors import PlainErrorsMixin


class BootstrapMixin(PlainErrorsMixin):
    """Give every widget the Bootstrap 5 class it needs; say errors in plain Indonesian."""

    fields: dict[str, forms.Field]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"


class BootstrapForm(BootstrapMixin, forms.Form):
    pass


class IndonesianModelFormMetaclass(ModelFormMetaclass):
    """Give a model form's number columns the Indonesian number fields unless its Meta says."""

    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]):
        meta = attrs.get("Meta")
        if meta is not None and getattr(meta, "formfield_callback", None) is None:
            meta.formfield_callback = staticmethod(indonesian_formfield)
        return super().__new__(mcs, name, bases, attrs)


class BootstrapModelForm(BootstrapMixin, forms.ModelForm, metaclass=IndonesianModelFormMetaclass):
    pass

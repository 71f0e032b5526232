"""No form shows Django's English default label (a model field without a verbose name)."""

import importlib
import inspect
import pkgutil
import re

from django import forms

import integritas

# Field names that read the same in Indonesian.
SAME_IN_INDONESIAN = re.compile(r"^(unit|nip|logo|status|b\d\d)$")


def _product_forms():
    for module in pkgutil.iter_modules(integritas.__path__):
        if not module.ispkg:
            continue
        try:
            forms_module = importlib.import_module(f"integritas.{module.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(forms_module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == forms_module.__name__:
                yield cls


def test_every_label_is_written_not_derived_from_the_code_name():
    derived = [
        f"{cls.__module__}.{cls.__name__}.{name}: {field.label}"
        for cls in _product_forms()
        for name, field in cls.base_fields.items()
        if field.label
        and str(field.label).lower() == name.replace("_", " ").lower()
        and not SAME_IN_INDONESIAN.match(name)
    ]
    assert derived == []


def test_the_team_form_asks_for_a_pegawai():
    from integritas.organization.forms import TeamMemberForm

    assert TeamMemberForm.base_fields["employee"].label == "Pegawai"


def test_team_member_options_tell_namesakes_apart(world):
    from integritas.organization.forms import TeamMemberForm

    form = TeamMemberForm()
    labels = [label for _value, label in form.fields["employee"].choices][1:]
    staff = world.staff_a.employee
    assert f"{staff.name} · NIP {staff.nip} · {staff.unit.name}" in labels

"""Every number a user types goes through the Indonesian number fields — a new one cannot skip it."""

import ast
import importlib
import pkgutil
import re
from pathlib import Path

from django import forms

import integritas
from integritas.common.number_fields import (
    IndonesianDecimalField,
    IndonesianIntegerField,
    IndonesianNumberInput,
)

ROOT = Path(integritas.__file__).parent
PLAIN_NUMBER_FIELDS = (forms.DecimalField, forms.IntegerField, forms.FloatField)
# (form class, field name) of hidden technical fields that may stay plain; say why when adding.
ALLOWED: set[tuple[str, str]] = set()


def _source_files(suffix: str):
    for path in ROOT.rglob(f"*{suffix}"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & {"tests", "migrations"}:
            continue
        yield path


def _import_everything_with_forms():
    for module in pkgutil.walk_packages(integritas.__path__, "integritas."):
        name = module.name
        if ".tests" in name or ".migrations" in name or name.endswith(("wsgi", "__main__")):
            continue
        path = ROOT.joinpath(*name.split(".")[1:])
        source = (
            path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"
        )
        if source.exists() and "forms" in source.read_text(encoding="utf-8"):
            importlib.import_module(name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _offenders(classes) -> list[str]:
    found = []
    for cls in classes:
        for name, field in cls.base_fields.items():
            if (cls.__name__, name) in ALLOWED:
                continue
            indonesian = isinstance(field, IndonesianDecimalField | IndonesianIntegerField)
            plain = isinstance(field, PLAIN_NUMBER_FIELDS) and not indonesian
            wrong_widget = indonesian and not isinstance(
                field.widget, IndonesianNumberInput | forms.HiddenInput
            )
            if plain or wrong_widget or isinstance(field.widget, forms.NumberInput):
                found.append(f"{cls.__module__}.{cls.__name__}.{name}")
    return found


def test_every_form_class_uses_the_indonesian_number_fields():
    _import_everything_with_forms()
    classes = {
        c
        for c in _subclasses(forms.BaseForm)
        if c.__module__.startswith("integritas.") and ".tests." not in c.__module__
    }
    assert len(classes) > 30  # the walk found the project's forms
    assert _offenders(classes) == [], "use IndonesianDecimalField / IndonesianIntegerField"


def test_the_check_catches_a_plain_number_field():
    from integritas.common.forms import BootstrapModelForm
    from integritas.surveys.models import WaveService

    class Plain(forms.Form):
        count = forms.IntegerField()
        share = forms.DecimalField(widget=forms.NumberInput)

    class FromModel(BootstrapModelForm):
        class Meta:
            model = WaveService
            fields = ["population"]

    assert _offenders([Plain]) == [f"{__name__}.Plain.count", f"{__name__}.Plain.share"]
    assert _offenders([FromModel]) == []  # a model form's number columns are Indonesian


def test_no_source_builds_a_plain_number_field_or_number_input():
    """Fields added in a form's __init__ are not in base_fields: read the source for them."""
    offenders = []
    for path in _source_files(".py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and (
                    isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "forms"
                    and node.func.attr
                    in {"DecimalField", "IntegerField", "FloatField", "NumberInput"}
                )
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_no_template_has_a_browser_number_input():
    """``type="number"`` drops or mangles 87,5 and 15.000.000 in the browser."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in _source_files(".html")
        if re.search(r"""type=["']?number""", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []

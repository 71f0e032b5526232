"""The Indonesian number form fields: read, limits in plain words, shown back as entered."""

from decimal import Decimal

import pytest
from django import forms

from integritas.common.number_fields import IndonesianDecimalField, IndonesianIntegerField


class Sample(forms.Form):
    percent = IndonesianDecimalField(min_value=0, max_value=100, decimal_places=2, required=False)
    budget = IndonesianDecimalField(min_value=0, decimal_places=2, dot_groups=True, required=False)
    people = IndonesianIntegerField(min_value=0, required=False)
    year = IndonesianIntegerField(min_value=2000, max_value=2100, group=False, required=False)


@pytest.mark.parametrize(
    ("data", "cleaned"),
    [
        ({"percent": "87,5"}, {"percent": Decimal("87.5")}),
        ({"percent": "8,5"}, {"percent": Decimal("8.5")}),
        ({"budget": "15.000"}, {"budget": Decimal(15000)}),
        ({"budget": "15.000.000,5"}, {"budget": Decimal("15000000.5")}),
        ({"people": "1.250"}, {"people": 1250}),
        ({"year": "2025"}, {"year": 2025}),
    ],
)
def test_values_are_read_as_meant(data, cleaned):
    form = Sample(data)
    assert form.is_valid(), form.errors
    assert {k: form.cleaned_data[k] for k in cleaned} == cleaned


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"percent": "100,5"}, "Nilai paling besar 100."),
        ({"percent": "-1"}, "Nilai paling kecil 0."),
        ({"percent": "1.250"}, "«1.250» dapat berarti 1.250"),
        ({"budget": "12500000.5"}, "tidak dapat dibaca"),
        ({"people": "1,5"}, "bukan bilangan bulat"),
        ({"year": "1999"}, "Nilai paling kecil 2000."),
    ],
)
def test_refusals_say_why_and_keep_what_was_typed(data, message):
    form = Sample(data)
    assert not form.is_valid()
    (name,) = data
    assert message in " ".join(form.errors[name])
    assert f'value="{data[name]}"' in str(form[name])


def test_stored_values_are_shown_back_indonesian():
    form = Sample(
        initial={"percent": Decimal("87.50"), "budget": Decimal("15000000.00"), "people": 1250,
                 "year": 2025}
    )  # fmt: skip
    assert 'value="87,5"' in str(form["percent"])
    assert 'value="15.000.000"' in str(form["budget"])
    assert 'value="1.250"' in str(form["people"])
    assert 'value="2025"' in str(form["year"])
    for name in ("percent", "budget", "people", "year"):
        html = str(form[name])
        assert 'type="text"' in html and "inputmode=" in html


@pytest.mark.parametrize(
    ("name", "value"),
    [("percent", Decimal("0.12")), ("percent", Decimal("87.5")), ("budget", Decimal("1250")),
     ("budget", Decimal("15000000.5")), ("people", 1250), ("people", 15000000)],
)  # fmt: skip
def test_a_value_shown_back_reads_back_unchanged(name, value):
    field = Sample.base_fields[name]
    shown = field.widget.format_value(value)
    assert Sample({name: shown}).fields[name].clean(shown) == value

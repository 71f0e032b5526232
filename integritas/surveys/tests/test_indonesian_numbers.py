"""Populations and code counts typed the Indonesian way (1.250) are read as meant."""

from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from integritas.surveys.forms import parse_weight
from integritas.surveys.models import WaveService
from integritas.surveys.tests.conftest import make_wave

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "stored"), [("1.250", 1250), ("1250", 1250), ("12 500", 12500)])
def test_a_population_with_thousands_dots_is_accepted(world, client_for, typed, stored):
    wave = make_wave(world, open_=False, services_spec=())
    client = client_for(world.kerja_a)
    client.post(
        reverse("surveys:service_create", args=[wave.pk]), {"name": "KTP-el", "population": typed}
    )
    service = WaveService.objects.get(wave=wave)
    assert service.population == stored
    page = client.get(wave.get_absolute_url()).content.decode()
    assert "Masukkan keseluruhan angka bilangan" not in page


@pytest.mark.parametrize(
    ("typed", "words"),
    [("1,5", "bukan bilangan bulat"), ("1e3", "bukan angka"), ("-5", "paling kecil 0")],
)
def test_a_population_that_is_not_a_whole_number_is_refused(world, client_for, typed, words):
    wave = make_wave(world, open_=False, services_spec=())
    response = client_for(world.kerja_a).post(
        reverse("surveys:service_create", args=[wave.pk]), {"name": "KTP-el", "population": typed}
    )
    assert words in response.content.decode()
    assert not WaveService.objects.filter(wave=wave).exists()


@pytest.mark.parametrize(
    ("typed", "weight"),
    [("1/10", Fraction(1, 10)), ("0,1", Fraction(1, 10)), ("0.125", Fraction(1, 8)),
     (" 1 / 8 ", Fraction(1, 8))],
)  # fmt: skip
def test_weights_are_read_exactly(typed, weight):
    assert parse_weight(typed) == weight


@pytest.mark.parametrize("typed", ["1e-1", "1_0/100", "²/3", "1/0", "0,1.5", ""])
def test_a_weight_that_is_no_number_is_refused(typed):
    with pytest.raises(ValidationError, match="pecahan"):
        parse_weight(typed)

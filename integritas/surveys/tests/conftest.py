"""Fixtures for the surveys tests: waves of unit A in each access mode, and answer helpers."""

import pytest
from django.urls import reverse

from integritas.surveys import services
from integritas.surveys.models import SurveyWave, WaveService


def make_wave(
    world, *, kind="skm", access_mode="code", services_spec=(("KTP-el", 100),), open_=True, **kw
):
    wave = services.wave_create(
        unit=kw.pop("unit", world.unit_a), kind=kind, period_type="quarter",
        year=kw.pop("year", 2025), period_number=kw.pop("period_number", 3),
        access_mode=access_mode, by=world.kerja_a, **kw,
    )  # fmt: skip
    for name, population in services_spec:
        services.service_save(
            service=WaveService(wave=wave, name=name, population=population), by=world.kerja_a
        )
    if open_:
        wave = services.wave_open(wave=wave, by=world.kerja_a)
    return SurveyWave.objects.get(pk=wave.pk)


def answers_for(wave, values):
    """Map the wave's item codes to values (a list, or one value for every item)."""
    if isinstance(values, int):
        values = [values] * len(wave.item_codes)
    return dict(zip(wave.item_codes, values, strict=True))


def post_data(wave, values, *, form_key="", **extra):
    data = {f"q_{code}": str(value) for code, value in answers_for(wave, values).items()}
    data["formulir"] = form_key
    data.update({k: str(v) for k, v in extra.items()})
    return data


def fresh_form_key(client, wave, **query):
    """GET the public form and return its signed form key (as a phone would)."""
    response = client.get(reverse("survey_public:form", args=[wave.token]), query)
    assert response.status_code == 200, response.content[:500]
    return response.context["form"]["formulir"].value()


@pytest.fixture
def code_wave(world):
    return make_wave(world, kind="spak", access_mode="code")


@pytest.fixture
def open_wave(world):
    return make_wave(
        world, kind="skm", access_mode="link", services_spec=(("KTP-el", 100), ("Akta", 50))
    )


@pytest.fixture
def codes(world, code_wave):
    batch = services.codes_issue(
        wave=code_wave, service=code_wave.services.get(), count=5, validity_days=7,
        by=world.kerja_a,
    )  # fmt: skip
    return list(batch.codes.order_by("id"))


def slow_key(seconds_ago=300):
    """A signed form key for a form rendered `seconds_ago` (a respondent who took their time)."""
    import time

    from integritas.surveys.public_views import form_key

    return form_key(rendered_at=time.time() - seconds_ago)

"""A closed SPAK/SPKP wave becomes the unit's LKE hasil input, with a link back (Pasal 11 ayat 10–14)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from integritas.evaluation.models import HasilInput
from integritas.surveys import services
from integritas.surveys.tests.conftest import answers_for, make_wave

pytestmark = pytest.mark.django_db


def _respond(wave, rows):
    for i, values in enumerate(rows):
        services.response_submit_public(
            wave=wave, service=wave.services.first(), answers=answers_for(wave, values),
            profile={}, idempotency_key=f"x{i}", ip=f"10.2.0.{i}", duration=300,
        )  # fmt: skip


def test_closing_a_spak_wave_sets_the_ipak_index_of_the_units_lke(world):
    wave = make_wave(world, kind="spak", access_mode="link")
    _respond(wave, [[4, 4, 3, 4, 4], [3, 4, 4, 4, 3], [4, 3, 4, 4, 3]])  # mean 55/15
    closed = services.wave_close(wave=wave, by=world.kerja_a)
    assert closed.result_value == Decimal("3.6667")
    assert closed.results["lke"] == {"field": "ipak_index", "fed": True, "year": 2025}
    hasil = HasilInput.objects.get(assessment__unit=world.unit_a, assessment__year=2025)
    assert hasil.ipak_index == Decimal("3.6667")
    assert hasil.ipak_wave_id == wave.pk
    assert "SPAK Triwulan III 2025" in hasil.ipak_source
    assert hasil.ipkp_index is None


def test_closing_a_spkp_wave_sets_the_ipkp_index(world):
    wave = make_wave(world, kind="spkp", access_mode="link")
    _respond(wave, [3, 4])
    services.wave_close(wave=wave, by=world.kerja_a)
    hasil = HasilInput.objects.get(assessment__unit=world.unit_a, assessment__year=2025)
    assert hasil.ipkp_index == Decimal("3.5000") and hasil.ipkp_wave_id == wave.pk


def test_a_six_point_wave_feeds_its_converted_index_not_the_raw_mean(world):
    wave = make_wave(world, kind="spak", access_mode="link", scale=6, conversion="proportional")
    _respond(wave, [6, 5])  # raw mean 5,5 → 5,5 × 4/6
    services.wave_close(wave=wave, by=world.kerja_a)
    hasil = HasilInput.objects.get(assessment__unit=world.unit_a)
    assert hasil.ipak_index == Decimal("3.6667")


def test_an_skm_wave_and_an_empty_wave_feed_nothing(world):
    skm = make_wave(world, kind="skm", access_mode="link")
    _respond(skm, [4])
    services.wave_close(wave=skm, by=world.kerja_a)
    empty = make_wave(world, kind="spak", access_mode="link")
    services.wave_close(wave=empty, by=world.kerja_a)
    assert not HasilInput.objects.exists()


def test_the_close_page_tells_the_user_where_the_index_went(world, client_for):
    wave = make_wave(world, kind="spak", access_mode="link")
    _respond(wave, [3, 4])
    client = client_for(world.kerja_a)
    response = client.post(reverse("surveys:wave_close", args=[wave.pk]), follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "isian IPAK LKE unit tahun 2025" in body
    assert "menjadi isian IPAK komponen hasil LKE unit tahun 2025" in body


def test_a_refused_lke_update_does_not_block_closing_the_wave(world, monkeypatch):
    from django.core.exceptions import ValidationError

    from integritas.evaluation import services as evaluation_services

    def refuse(**kwargs):
        raise ValidationError("Penilaian LKE sudah final; indeks survei tidak dimasukkan.")

    monkeypatch.setattr(evaluation_services, "hasil_inputs_set", refuse)
    wave = make_wave(world, kind="spkp", access_mode="link")
    _respond(wave, [4])
    closed = services.wave_close(wave=wave, by=world.kerja_a)
    assert closed.status == "closed"
    assert closed.results["lke"]["fed"] is False and "final" in closed.results["lke"]["message"]
    assert not HasilInput.objects.exists()


def test_closing_a_wave_audits_only_what_closing_changed(world):
    from integritas.audit.models import AuditRecord

    wave = make_wave(world, kind="spak", access_mode="link")
    _respond(wave, [[4, 4, 3, 4, 4], [3, 4, 4, 4, 3]])
    services.wave_close(wave=wave, by=world.kerja_a)
    changes = AuditRecord.objects.filter(action="survei.gelombang_ditutup").get().changes
    assert changes["status"] == ["open", "closed"]
    assert set(changes) <= {
        "status",
        "closed_at",
        "closed_by_id",
        "result_value",
        "result_mutu",
        "result_respondents",
    }

"""Stored values are English; only the labels people read are Indonesian.

The words below are the Indonesian stored values that were renamed (see ``common.former_values``)
plus the workflow words most likely to come back. Codes the regulations themselves use stay as they
are and are not listed: acronyms (``tpi``, ``skm``, ``wbk``, ``lhkpn``, ``rsud``, ``upt``, ``apbd``,
``satpol``, ``puskesmas``, ``pemda``, ``kl``, ``WTP``, ``PNS``), the LKE component codes
(``MP`` … ``PP``, ``bersih``, ``pelayanan``) and the gender codes ``L``/``P`` of personnel data.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import models

from integritas.common.former_values import FORMER_VALUES

_WORDS = """
    draf konsep dibuka ditutup diajukan diusulkan ditandatangani dikembalikan selesai ditolak
    diterima ditahan ditetapkan ditindaklanjuti dibatalkan batal aktif nonaktif baru diproses
    perbaikan triwulan tahun bulan kode tautan publik kertas surat telepon datang kotak
    identifikasi klarifikasi pemantauan terbukti tidak bukan kewenangan ganda masuk keluar jawaban
    catatan cuti bersama lokal konsultasi asistensi sekretariat inspektorat dinas badan kecamatan
    kelurahan bagian sekolah lainnya tim kerja pendamping pengarah ketua wakil sekretaris
    koordinator anggota pimpinan pegawai pelantikan mutasi massal masyarakat penundaan melayani
    kompeten wewenang prosedur imbalan patut berpihak diskriminasi konflik kualitas informasi
    saran belum ringan normatif berkadar cepat pola beruntun jebakan waktu kios
"""
INDONESIAN_WORDS = frozenset(_WORDS.split())


def _words(value: object) -> set[str]:
    text = str(value).lower()
    return {text, *re.split(r"[_\-\s]+", text)}


def _choice_fields() -> list[tuple[str, models.Field]]:
    return [
        (f"{model._meta.label}.{field.name}", field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and field.choices
    ]


def _nested_choice_classes() -> list[tuple[str, type[models.Choices]]]:
    """Choices kept outside a field (JSON lists, keys), e.g. ``Response.Reason``."""
    return [
        (f"{model._meta.label}.{name}", value)
        for model in apps.get_models()
        for name, value in vars(model).items()
        if isinstance(value, type) and issubclass(value, models.Choices)
    ]


def test_the_guard_sees_the_fields_it_is_meant_to_watch():
    labels = {label for label, _field in _choice_fields()}
    assert {"surveys.SurveyWave.status", "documents.IssuedDocument.state"} <= labels
    assert "surveys.Response.Reason" in {label for label, _cls in _nested_choice_classes()}


@pytest.mark.parametrize(("label", "field"), _choice_fields(), ids=lambda x: str(x))
def test_no_stored_choice_value_is_an_indonesian_word(label, field):
    indonesian = {
        value: _words(value) & INDONESIAN_WORDS
        for value, _shown in field.flatchoices
        if _words(value) & INDONESIAN_WORDS
    }
    assert not indonesian, f"{label} stores Indonesian values: {indonesian}"


@pytest.mark.parametrize(("label", "choices"), _nested_choice_classes(), ids=lambda x: str(x))
def test_no_choice_class_of_a_model_stores_an_indonesian_word(label, choices):
    indonesian = [value for value in choices.values if _words(value) & INDONESIAN_WORDS]
    assert not indonesian, f"{label} stores Indonesian values: {indonesian}"


def test_every_former_value_was_an_indonesian_word_and_is_now_a_current_one():
    for model_label, fields in FORMER_VALUES.items():
        model = apps.get_model(model_label)
        for name, renamed in fields.items():
            current = {value for value, _shown in model._meta.get_field(name).flatchoices}
            for old, new in renamed.items():
                assert _words(old) & INDONESIAN_WORDS, (model_label, name, old)
                assert new in current and old not in current, (model_label, name, old, new)

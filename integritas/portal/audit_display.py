"""Show audit records in words: Indonesian labels, values and actions (display only).

The record itself keeps the stored keys and values (they are hashed into the chain); this module
only turns them into what an administrator reads: ``closed_by_id`` becomes the field's
verbose name and the person's name, ``83.33`` becomes ``83,33``, an ISO time becomes
``2 Desember 2026 11.42 WITA`` and ``rencana_aksi.ditetapkan`` becomes "Rencana aksi ditetapkan".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from integritas.common.formatting import angka, tanggal, waktu
from integritas.common.former_values import FORMER_VALUES

DECIMAL = re.compile(r"^-?\d+\.\d+$")
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _subjects() -> dict[str, str]:
    return {
        "lke": _("Penilaian LKE"), "rencana_aksi": _("Rencana aksi"),
        "rencana_kerja": _("Rencana kerja"), "laporan": _("Laporan bulanan"),
        "pakta": _("Pakta integritas"), "pencanangan": _("Pencanangan"),
        "penetapan": _("Penetapan unit ZI"), "survei": _("Survei"), "akun": _("Akun"),
        "pengguna": _("Pengguna"), "peran": _("Peran"), "tim": _("Tim"), "unit": _("Unit"),
        "pegawai": _("Pegawai"), "instansi": _("Instansi"), "demo": _("Data contoh"),
        "complaint": _("Pengaduan"), "complaint_officer": _("Petugas pengaduan"),
        "complaint_holiday": _("Hari libur pengaduan"), "dokumen": _("Dokumen"),
        "nomor_surat": _("Nomor surat"), "templat_dokumen": _("Templat dokumen"),
        "predikat": _("Predikat"), "rekomendasi": _("Rekomendasi TPI"), "usulan": _("Usulan"),
        "wajib_lapor": _("Wajib lapor LHKPN/LHKASN"), "tindak_lanjut": _("Tindak lanjut"),
        "persyaratan_unit": _("Persyaratan unit"), "persyaratan_instansi": _("Persyaratan instansi"),
        "monitoring": _("Monitoring predikat"), "masuk": _("Masuk"), "keluar": _("Keluar"),
        "audit": _("Jejak audit"), "media": _("Publikasi media"), "pendampingan": _("Pendampingan"),
    }  # fmt: skip


def _verbs() -> dict[str, str]:
    return {
        "impor": _("diimpor"), "massal": _("ditandatangani massal"), "mutasi": _("dimutasi"),
        "kota": _("tingkat kota dicatat"), "unit": _("unit dicatat"),
        "skor_tpi": _("nilai TPI disimpan"), "hasil_dari_survei": _("komponen hasil diisi dari survei"),
        "dimuat": _("dimuat"), "pengingat_terlambat": _("pengingat keterlambatan dikirim"),
        "record": _("dicatat"), "receive": _("diterima"), "classify": _("diklasifikasi"),
        "answer": _("dijawab"), "unit_answer": _("dijawab unit"), "note": _("diberi catatan"),
        "complainant_reply": _("dibalas pelapor"), "download": _("lampiran diunduh"),
        "view": _("dibuka"), "lapor_closed": _("selesai menurut SP4N-LAPOR!"),
        "add": _("ditambahkan"), "remove": _("dihapus"), "gagal": _("gagal"),
    }  # fmt: skip


def _keys() -> dict[str, str]:
    """Labels of change keys that are not model fields."""
    return {
        "rows": _("baris"), "year": _("tahun"), "month": _("bulan"), "status": _("status"),
        "results": _("hasil"), "decree": _("keputusan"), "reasons": _("alasan"),
        "count": _("jumlah"), "note": _("catatan"), "file": _("berkas"), "sha256": _("sidik berkas"),
        "unit": _("unit"), "employee": _("pegawai"), "role": _("peran"), "by": _("oleh"),
        "created_at": _("dibuat pada"), "updated_at": _("diubah pada"), "updated_by": _("diubah oleh"),
        "recorded_at": _("dicatat pada"), "recorded_by": _("dicatat oleh"),
        "set_at": _("ditetapkan pada"), "set_by": _("ditetapkan oleh"),
        "submitted_at": _("diajukan pada"), "submitted_by": _("diajukan oleh"),
        "first_submitted_at": _("pertama diajukan pada"),
        "reviewed_at": _("ditinjau pada"), "reviewed_by": _("ditinjau oleh"),
        "finalised_at": _("difinalkan pada"), "finalised_by": _("difinalkan oleh"),
        "uploaded_at": _("diunggah pada"), "uploaded_by": _("diunggah oleh"),
        "closed_at": _("ditutup pada"), "closed_by": _("ditutup oleh"),
        "opened_at": _("dibuka pada"), "opened_by": _("dibuka oleh"),
        "issued_at": _("diterbitkan pada"), "issued_by": _("diterbitkan oleh"),
        "assigned_at": _("ditugaskan pada"), "linked_at": _("ditautkan pada"), "added_at": _("ditambahkan pada"),
        "locked_until": _("terkunci sampai"), "file_sha256": _("sidik berkas"),
        "score": _("nilai"), "total": _("total"), "percent": _("persen"), "name": _("nama"),
        "username": _("nama pengguna"), "is_active": _("aktif"), "title": _("judul"),
        "address": _("alamat jaringan"), "service": _("layanan"), "id": _("nomor"),
        "kiosk": _("kios"), "kiosk_id": _("kios"),
    }  # fmt: skip


def action_words(code: str) -> str:
    """``rencana_aksi.ditetapkan`` → "Rencana aksi ditetapkan"."""
    subject, _dot, verb = code.partition(".")
    head = _subjects().get(subject, subject.replace("_", " ").capitalize())
    if not verb:
        return head
    return f"{head} {_verbs().get(verb, verb.replace('_', ' '))}"


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field):
            return field
    return None


def label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    name = key.removesuffix("_id")
    text = str(field.verbose_name) if field is not None else ""
    if not text or text == name.replace("_", " "):  # Django's English default, not a label
        text = _keys().get(name, "") or _keys().get(key, "") or name.replace("_", " ")
    return text[:1].upper() + text[1:]


def _current_value(field: models.Field, value: Any) -> Any:
    """A value recorded before the stored values became English (``dibuka``) → today's (``open``)."""
    former = FORMER_VALUES.get(field.model._meta.label_lower, {}).get(field.name, {})
    return former.get(value, value) if isinstance(value, str) else value


def value_words(value: Any, field: models.Field | None = None, names: dict | None = None) -> str:
    """One stored value in Indonesian: numbers with a comma, dates in words, choices by label."""
    if value is None or value in ("", {}, []):
        return "–"
    if field is not None and field.choices and not isinstance(value, dict | list):
        shown = dict(field.flatchoices).get(_current_value(field, value))
        if shown is not None:
            return str(shown)
    if field is not None and field.many_to_one and names is not None:
        related = field.related_model
        if isinstance(related, type) and (related, value) in names:
            return names[(related, value)]
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, int):
        return str(value)  # ids and years: never grouped (2026, not 2.026)
    if isinstance(value, float):
        return angka(value, len(repr(value).partition(".")[2]) or 0)
    if isinstance(value, dict):
        return "; ".join(f"{label(None, str(k))}: {value_words(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_words(v) for v in value)
    text = str(value)
    if DECIMAL.match(text):
        return angka(Decimal(text), len(text.partition(".")[2]))
    if ISO_MOMENT.match(text) and (moment := parse_datetime(text)) is not None:
        return waktu(moment)
    if ISO_DATE.match(text):
        try:
            day = parse_date(text)
        except ValueError:
            day = None
        if day is not None:
            return tanggal(day)
    return text


@dataclass(frozen=True)
class ShownChange:
    label: str
    before: str
    after: str


def _pairs(changes: dict) -> Iterable[tuple[str, Any, Any]]:
    for key, pair in (changes or {}).items():
        if key.endswith(("content_type", "sha256")):
            continue  # technical companions of a file (its type, its fingerprint): not for readers
        if isinstance(pair, list | tuple) and len(pair) == 2:
            yield key, pair[0], pair[1]
        else:
            yield key, None, pair


def _related_names(records: Iterable[Any]) -> dict[tuple[type, Any], str]:
    """The names of the people and objects the changes point to: one query per related model."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for record in records:
        model = _model(record.object_type)
        for key, before, after in _pairs(record.changes):
            field = _field(model, key)
            if field is None or not field.many_to_one:
                continue
            related = field.related_model
            if not isinstance(related, type):
                continue
            wanted[related] |= {v for v in (before, after) if isinstance(v, int)}
    names: dict[tuple[type, Any], str] = {}
    for related, pks in wanted.items():
        for pk, obj in related._default_manager.in_bulk(list(pks)).items():
            names[(related, pk)] = str(obj)
    return names


def decorate(records: list[Any]) -> None:
    """Give each record ``action_words`` and ``shown_changes`` for the audit log page."""
    names = _related_names(records)
    for record in records:
        model = _model(record.object_type)
        record.action_words = action_words(record.action)
        record.shown_changes = [
            ShownChange(
                label=label(model, key),
                before=value_words(before, _field(model, key), names),
                after=value_words(after, _field(model, key), names),
            )
            for key, before, after in _pairs(record.changes)
        ]

"""Writes of the evaluation app: worksheet versions, assessments, answers, evidence, TPI review.

Every function re-reads the assessment under a row lock, checks its status and who acts, writes
in one transaction and appends an audit record. Refusals are ValidationError (shown to the user
in Indonesian); an action by someone the access rules exclude is PermissionDenied.
"""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.accounts import access
from integritas.audit.services import diff, record, snapshot
from integritas.common.numbers import NumberError, format_number, parse_number
from integritas.evaluation import engine, selectors
from integritas.evaluation.engine.framework import check_framework_data, parse_yaml
from integritas.evaluation.models import (
    Answer,
    Assessment,
    FrameworkVersion,
    HasilInput,
)
from integritas.organization.models import Unit

Status = Assessment.Status
ANSWER_FIELDS = ["option_label", "percent", "inputs", "note", "updated_by", "updated_at"]
REVIEW_FIELDS = [
    "tpi_option_label",
    "tpi_percent",
    "tpi_inputs",
    "tpi_note",
    "reviewed_by",
    "reviewed_at",
    "returned",
]
HUNDRED = Decimal(100)
NOTE_MAX = 5000


class FrameworkConflict(ValueError):
    """A.1: a published worksheet version cannot change; a new file needs a new version."""


def _canonical(data: Any) -> bytes:
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


# --------------------------------------------------------------------------- worksheet versions


def framework_load(*, path: str | Path, by: User | None = None) -> FrameworkVersion:
    """A.1: store a checked worksheet file; refuse to change a published version's content."""
    return framework_load_text(
        text=Path(path).read_text(encoding="utf-8-sig"), source=str(path), by=by
    )


@transaction.atomic
def framework_load_text(*, text: str, source: str, by: User | None = None) -> FrameworkVersion:
    """A.1: store a checked worksheet (YAML text); a published version's content never changes."""
    raw = text
    data = parse_yaml(raw, source)
    framework, problems = check_framework_data(data, source)
    if framework is None:
        raise engine.FrameworkError(problems)
    content = json.loads(_canonical(data))
    digest = hashlib.sha256(_canonical(content)).hexdigest()
    stored = (
        FrameworkVersion.objects.select_for_update()
        .filter(code=framework.code, version=framework.version)
        .first()
    )
    if stored is not None and stored.sha256 == digest:
        return stored
    if stored is not None and stored.published:
        raise FrameworkConflict(
            _(
                "Kerangka kerja %(code)s versi %(version)s sudah diterbitkan dengan isi lain "
                "(SHA-256 %(old)s…); isi yang diterbitkan tidak boleh diubah. Buat berkas baru "
                "dengan nomor versi baru."
            )
            % {"code": framework.code, "version": framework.version, "old": stored.sha256[:12]}
        )
    before = snapshot(stored, ["sha256", "published"]) if stored else {}
    version = stored or FrameworkVersion(code=framework.code, version=framework.version)
    version.title = framework.title[:300]
    version.regulation = framework.regulation
    version.year = framework.year
    version.sha256 = digest
    version.data = content
    version.published = framework.published
    version.published_at = timezone.now() if framework.published else None
    version.loaded_by = by if getattr(by, "is_authenticated", False) else None
    version.full_clean()
    version.save()
    record(
        actor=by,
        action="lke.versi_dimuat" if stored is None else "lke.versi_diubah",
        obj=version,
        changes=diff(before, snapshot(version, ["sha256", "published"])),
    )
    return version


def framework_current(*, by: User | None = None) -> FrameworkVersion:
    """Return the latest published worksheet version, loading the packaged files if none is stored."""
    stored = FrameworkVersion.objects.filter(published=True).defer("data").first()
    if stored is not None:
        return stored
    packaged = engine.published_frameworks()
    if not packaged:
        raise ValidationError(_("Belum ada kerangka kerja LKE yang diterbitkan."))
    return framework_load(path=packaged[0].source, by=by)


# --------------------------------------------------------------------------- assessments


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("unit", "framework")
        .defer("framework__data")
        .get(pk=assessment.pk)
    )


def _set_status(assessment: Assessment, status: str, fields: list[str]) -> None:
    assessment.status = status
    assessment.full_clean()
    assessment.save(update_fields=["status", *fields])


@transaction.atomic
def assessment_create(
    *, unit: Unit, year: int, by: User, framework: FrameworkVersion | None = None
) -> Assessment:
    """Pasal 11 ayat (6)-(14): the unit starts its self-assessment for a year (one current)."""
    if not access.can_write_unit(by, unit.pk):
        raise PermissionDenied
    return _create(unit=unit, year=year, by=by, framework=framework)


def _create(
    *, unit: Unit, year: int, by: User, framework: FrameworkVersion | None = None
) -> Assessment:
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    current = (
        Assessment.objects.filter(unit=unit, year=year).exclude(status=Status.SUPERSEDED).first()
    )
    if current is not None:
        raise ValidationError(
            _("%(unit)s sudah memiliki penilaian LKE tahun %(year)s.")
            % {"unit": unit.name, "year": year}
        )
    framework = framework or framework_current(by=by)
    if not framework.published:
        raise ValidationError(_("Versi LKE ini belum diterbitkan."))
    assessment = Assessment(unit=unit, year=year, framework=framework, created_by=_user(by))
    assessment.full_clean()
    assessment.save()
    record(
        actor=by,
        action="lke.penilaian_dibuat",
        obj=assessment,
        unit_id=unit.pk,
        changes={
            "year": [None, year],
            "framework": [None, f"{framework.code} v{framework.version}"],
        },
    )
    return assessment


def _user(by: User) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@dataclass(frozen=True)
class CheckedAnswer:
    option_label: str
    percent: Decimal | None
    inputs: dict[str, int]
    note: str


def _number(raw: Any, *, decimals: int, integer: bool) -> Decimal:
    """A typed (Indonesian) or imported number; refused with how it was read, never rounded."""
    if isinstance(raw, bool):
        raise ValidationError(_("Isi angka."))
    if isinstance(raw, int | Decimal):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(str(raw))
    else:
        try:
            return parse_number(str(raw), decimals=decimals, integer=integer)
        except NumberError as exc:
            raise ValidationError(exc.message) from None
    if not number.is_finite():
        raise ValidationError(_("Isi angka."))
    if integer and number != number.to_integral_value():
        raise ValidationError(_("%(n)s bukan bilangan bulat.") % {"n": format_number(number)})
    exponent = number.normalize().as_tuple().exponent
    if not integer and isinstance(exponent, int) and -exponent > decimals:
        raise ValidationError(
            _("%(n)s punya terlalu banyak angka di belakang koma (paling banyak %(max)d).")
            % {"n": format_number(number), "max": decimals}
        )
    return number


def check_answer(
    question: engine.Question,
    *,
    option_label: str = "",
    percent: Decimal | str | None = None,
    inputs: dict[str, Any] | None = None,
    note: str = "",
) -> CheckedAnswer:
    """A.3: an option of the question, or a percentage 0-100 and whole Jumlah inputs ≥ 0."""
    typed = [option_label, note, percent, *(inputs or {}).keys(), *(inputs or {}).values()]
    if any(isinstance(text, str) and "\x00" in text for text in typed):
        raise ValidationError(
            _("Isian memuat karakter tak terlihat yang tidak sah (NUL); hapus lalu simpan lagi.")
        )
    label = (option_label or "").strip()
    if len(note or "") > NOTE_MAX:
        raise ValidationError(
            _("Catatan terlalu panjang (maks. %(n)d karakter).") % {"n": NOTE_MAX}
        )
    if not question.is_percent:
        if label and question.option(label) is None:
            allowed = ", ".join(o.label for o in question.options)
            raise ValidationError(
                _("Pilihan %(label)s tidak sah untuk %(code)s (boleh: %(allowed)s).")
                % {"label": label, "code": question.code, "allowed": allowed}
            )
        if percent not in (None, "") or inputs:
            raise ValidationError(
                _("%(code)s bukan pertanyaan persentase.") % {"code": question.code}
            )
        return CheckedAnswer(label, None, {}, (note or "").strip())
    if label:
        raise ValidationError(
            _("%(code)s dijawab dengan persentase, bukan pilihan.") % {"code": question.code}
        )
    value = None
    if percent not in (None, ""):
        value = _number(percent, decimals=4, integer=False)
        if not 0 <= value <= HUNDRED:
            raise ValidationError(_("Persentase harus di antara 0 dan 100."))
    declared = {i.code: i.label for i in question.inputs}
    clean: dict[str, int] = {}
    for key, raw in (inputs or {}).items():
        if raw in (None, ""):
            continue
        if key not in declared:
            raise ValidationError(
                _("Isian %(key)s tidak dikenal untuk %(code)s.")
                % {"key": key, "code": question.code}
            )
        try:
            number = _number(raw, decimals=0, integer=True)
        except ValidationError as exc:
            raise ValidationError(
                _("%(label)s: %(reason)s") % {"label": declared[key], "reason": exc.messages[0]}
            ) from None
        if number < 0:
            raise ValidationError(
                _("%(label)s harus bilangan bulat 0 atau lebih.") % {"label": declared[key]}
            )
        clean[key] = int(number)
    return CheckedAnswer("", value, clean, (note or "").strip())


def _question(assessment: Assessment, code: str) -> engine.Question:
    framework = selectors.engine_framework(assessment.framework)
    if not framework.has_question(code):
        raise ValidationError(_("Kode pertanyaan %(code)s tidak dikenal.") % {"code": code})
    return framework.question(code)


def _require_unit_writer(assessment: Assessment, by: User) -> None:
    """The same right the pages check (evaluation.access), so the two never disagree."""
    from integritas.evaluation.access import rights_for

    if not rights_for(by, assessment).can_write:
        raise PermissionDenied


def _require_unit_editable(assessment: Assessment) -> None:
    """Pasal 11: the unit edits its answers only while the assessment is a draft or returned."""
    if assessment.is_final:
        raise ValidationError(_("Penilaian sudah final dan tidak dapat diubah."))
    if not assessment.unit_may_edit:
        raise ValidationError(
            _("Penilaian sudah diajukan ke TPI; jawaban tidak dapat diubah sampai dikembalikan.")
        )


@transaction.atomic
def answer_save(
    *,
    assessment: Assessment,
    question_code: str,
    by: User,
    option_label: str = "",
    percent: Decimal | str | None = None,
    inputs: dict[str, Any] | None = None,
    note: str = "",
) -> Answer:
    """Pasal 11: save one self-assessment answer as it is entered (draft, or a returned question)."""
    assessment = _locked(assessment)
    _require_unit_writer(assessment, by)
    _require_unit_editable(assessment)
    question = _question(assessment, question_code)
    checked = check_answer(
        question, option_label=option_label, percent=percent, inputs=inputs, note=note
    )
    answer = Answer.objects.filter(assessment=assessment, question_code=question_code).first()
    if assessment.status == Status.RETURNED and (answer is None or not answer.returned):
        raise ValidationError(
            _("Hanya pertanyaan yang dikembalikan TPI yang dapat diperbaiki (%(code)s tidak).")
            % {"code": question_code}
        )
    return _write_answer(assessment, answer, question_code, checked, by)[0]


def _write_answer(
    assessment: Assessment, answer: Answer | None, code: str, checked: CheckedAnswer, by: User
) -> tuple[Answer, bool]:
    """Save an answer's unit side if it changed; return it and whether it changed."""
    fields = ["option_label", "percent", "inputs", "note"]
    before = snapshot(answer, fields) if answer else {}
    answer = answer or Answer(assessment=assessment, question_code=code)
    answer.option_label = checked.option_label
    answer.percent = checked.percent
    answer.inputs = checked.inputs
    answer.note = checked.note
    changes = diff(before, snapshot(answer, fields))
    if answer.pk and not changes:
        return answer, False
    answer.updated_by = _user(by)
    answer.updated_at = timezone.now()
    answer.full_clean()
    if answer.pk:
        answer.save(update_fields=ANSWER_FIELDS)
    else:
        answer.save()
    record(
        actor=by,
        action="lke.jawaban_disimpan",
        obj=assessment,
        object_repr=f"{assessment} · {code}",
        unit_id=assessment.unit_id,
        changes={f"{code}.{k}": v for k, v in changes.items()},
    )
    return answer, True


# --------------------------------------------------------------------------- hasil inputs


HASIL_COPY_FIELDS = [
    "ipak_index", "ipak_source", "ipak_wave_id", "ipkp_index", "ipkp_source", "ipkp_wave_id",
    "capaian_kinerja", "tlhp_percent", "note",
]  # fmt: skip
HASIL_EDIT_FIELDS = ["ipak_index", "ipkp_index", "capaian_kinerja", "tlhp_percent", "note"]


def _hasil_row(assessment: Assessment) -> HasilInput:
    return HasilInput.objects.select_for_update().filter(
        assessment=assessment
    ).first() or HasilInput(assessment=assessment)


def _save_hasil(
    assessment: Assessment, hasil: HasilInput, by: User, action: str, fields: list[str]
) -> HasilInput:
    before = snapshot(HasilInput.objects.get(pk=hasil.pk), fields) if hasil.pk else {}
    changes = diff(before, snapshot(hasil, fields))
    if hasil.pk and not changes:
        return hasil
    hasil.updated_by = _user(by)
    hasil.updated_at = timezone.now()
    hasil.full_clean()
    if hasil.pk:
        hasil.save(update_fields=[*fields, "updated_by", "updated_at"])
    else:
        hasil.save()
    record(actor=by, action=action, obj=assessment, unit_id=assessment.unit_id, changes=changes)
    return hasil


@transaction.atomic
def hasil_save(
    *,
    assessment: Assessment,
    by: User,
    ipak_index: Decimal | None = None,
    ipkp_index: Decimal | None = None,
    capaian_kinerja: str = "",
    tlhp_percent: Decimal | None = None,
    note: str = "",
    ipak_source: str = "",
    ipkp_source: str = "",
) -> HasilInput:
    """Pasal 11 ayat (10)-(14): the unit (or, during review, its TPI) records the hasil inputs."""
    assessment = _locked(assessment)
    if assessment.is_final:
        raise ValidationError(_("Penilaian sudah final dan tidak dapat diubah."))
    if assessment.unit_may_edit:
        _require_unit_writer(assessment, by)
    elif not selectors.may_review(by, assessment):
        raise ValidationError(
            _("Penilaian sudah diajukan ke TPI; isian hasil hanya dapat dikoreksi oleh TPI.")
        )
    hasil = _hasil_row(assessment)
    hasil.ipak_index = ipak_index
    hasil.ipkp_index = ipkp_index
    hasil.capaian_kinerja = capaian_kinerja or ""
    hasil.tlhp_percent = tlhp_percent
    hasil.note = note
    fields = list(HASIL_EDIT_FIELDS)
    if ipak_source:
        hasil.ipak_source, hasil.ipak_wave_id = ipak_source[:300], None
        fields += ["ipak_source", "ipak_wave_id"]
    if ipkp_source:
        hasil.ipkp_source, hasil.ipkp_wave_id = ipkp_source[:300], None
        fields += ["ipkp_source", "ipkp_wave_id"]
    return _save_hasil(assessment, hasil, by, "lke.hasil_disimpan", fields)


@transaction.atomic
def hasil_inputs_set(
    *,
    unit: Unit,
    year: int,
    ipak_index: Decimal | None = None,
    ipkp_index: Decimal | None = None,
    source_wave_id: int | None = None,
    source_label: str = "",
    by: User,
) -> HasilInput:
    """Pasal 11 ayat (10)-(14): a closed survey wave feeds IPAK/IPKP into the unit's LKE of the year.

    The unit's current assessment of that year gets the index (a draft one is created when the
    unit has none yet); a final assessment is never changed.
    """
    current = selectors.assessment_for_unit_year(unit, year)
    if current is None:
        current = _create(unit=unit, year=year, by=by)
    assessment = _locked(current)
    if assessment.is_final:
        raise ValidationError(
            _("Penilaian LKE %(unit)s tahun %(year)s sudah final; indeks survei tidak dimasukkan.")
            % {"unit": unit.name, "year": year}
        )
    hasil = _hasil_row(assessment)
    fields: list[str] = []
    label = (source_label or _("Gelombang survei #%(id)s") % {"id": source_wave_id})[:300]
    if ipak_index is not None:
        hasil.ipak_index, hasil.ipak_source, hasil.ipak_wave_id = (
            ipak_index,
            label,
            source_wave_id,
        )
        fields += ["ipak_index", "ipak_source", "ipak_wave_id"]
    if ipkp_index is not None:
        hasil.ipkp_index, hasil.ipkp_source, hasil.ipkp_wave_id = (
            ipkp_index,
            label,
            source_wave_id,
        )
        fields += ["ipkp_index", "ipkp_source", "ipkp_wave_id"]
    if not fields:
        raise ValidationError(_("Tidak ada indeks survei yang dikirim."))
    return _save_hasil(assessment, hasil, by, "lke.hasil_dari_survei", fields)


# --------------------------------------------------------------------------- submission


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, by: User, confirm_incomplete: bool = False
) -> Assessment:
    """Pasal 11, 15: the unit head submits the self-assessment to the TPI, which locks it."""
    assessment = _locked(assessment)
    if not access.can_head_unit(by, assessment.unit_id):
        raise PermissionDenied
    if not assessment.unit_may_edit:
        raise ValidationError(
            _("Hanya penilaian berstatus konsep atau dikembalikan yang dapat diajukan.")
        )
    data = selectors.assessment_data(assessment, with_links=False)
    if data.unanswered and not confirm_incomplete:
        raise ValidationError(
            _(
                "%(n)d pertanyaan belum dijawab dan akan bernilai 0. Centang konfirmasi untuk "
                "tetap mengajukan."
            )
            % {"n": data.unanswered}
        )
    before = assessment.status
    assessment.submitted_by = by
    assessment.submitted_at = timezone.now()
    _set_status(assessment, Status.SUBMITTED, ["submitted_by", "submitted_at"])
    record(
        actor=by,
        action="lke.diajukan",
        obj=assessment,
        unit_id=assessment.unit_id,
        changes={
            "status": [before, Status.SUBMITTED],
            "unanswered": [None, data.unanswered],
            "self_total": [None, str(engine.round2(data.self_score.total))],
        },
    )
    return assessment


# --------------------------------------------------------------------------- Excel import


@transaction.atomic
def answers_import(
    *, assessment: Assessment, answers: dict[str, CheckedAnswer], hasil: dict[str, Any], by: User
) -> int:
    """Write every checked row of an imported worksheet in one transaction, or none."""
    assessment = _locked(assessment)
    _require_unit_writer(assessment, by)
    _require_unit_editable(assessment)
    existing = {
        a.question_code: a for a in Answer.objects.select_for_update().filter(assessment=assessment)
    }
    changed = 0
    for code, checked in answers.items():
        answer = existing.get(code)
        if assessment.status == Status.RETURNED and (answer is None or not answer.returned):
            raise ValidationError(
                _("Hanya pertanyaan yang dikembalikan TPI yang dapat diperbaiki (%(code)s tidak).")
                % {"code": code}
            )
        _question(assessment, code)
        changed += int(_write_answer(assessment, answer, code, checked, by)[1])
    if hasil:
        row = _hasil_row(assessment)
        for name, value in hasil.items():
            setattr(row, name, value)
        _save_hasil(assessment, row, by, "lke.hasil_diimpor", list(hasil))
    record(
        actor=by,
        action="lke.diimpor",
        obj=assessment,
        unit_id=assessment.unit_id,
        changes={"rows": [None, len(answers) + len(hasil)]},
    )
    return changed


# The app's writes live in three modules; callers keep using `services.<name>`.
from integritas.evaluation.evidence_services import *  # noqa: E402, F403
from integritas.evaluation.review_services import *  # noqa: E402, F403

if TYPE_CHECKING:
    from integritas.accounts.models import User

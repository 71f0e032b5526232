"""Writes of the evaluation app: worksheet versions, assessments, answers, evidence, TPI review.

Every function re-reads the assessment under a row lock, checks its status and who acts, writes
in one transaction and appends an audit record. Refusals are ValidationError (shown to the user
in Indonesian); an action by someone the access rules exclude is PermissionDenied.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.accounts import access, recipients
from integritas.audit.services import diff, record, snapshot
from integritas.common import files as filestore
from integritas.common.notifications import notify
from integritas.common.uploads import EVIDENCE_FAMILIES, check_upload
from integritas.evaluation import engine, selectors
from integritas.evaluation.engine.framework import check_framework_data, parse_yaml
from integritas.evaluation.models import (
    Answer,
    Assessment,
    AssessmentSnapshot,
    EvidenceDocument,
    EvidenceLink,
    EvidenceRevision,
    FrameworkVersion,
    HasilInput,
    ReviewerAssignment,
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


def framework_load(*, path: str | Path, by: Any = None) -> FrameworkVersion:
    """A.1: store a checked worksheet file; refuse to change a published version's content."""
    return framework_load_text(
        text=Path(path).read_text(encoding="utf-8-sig"), source=str(path), by=by
    )


@transaction.atomic
def framework_load_text(*, text: str, source: str, by: Any = None) -> FrameworkVersion:
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


def framework_current(*, by: Any = None) -> FrameworkVersion:
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
    *, unit: Unit, year: int, by: Any, framework: FrameworkVersion | None = None
) -> Assessment:
    """Pasal 11 ayat (6)-(14): the unit starts its self-assessment for a year (one current)."""
    if not access.can_write_unit(by, unit.pk):
        raise PermissionDenied
    return _create(unit=unit, year=year, by=by, framework=framework)


def _create(
    *, unit: Unit, year: int, by: Any, framework: FrameworkVersion | None = None
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


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


@dataclass(frozen=True)
class CheckedAnswer:
    option_label: str
    percent: Decimal | None
    inputs: dict[str, int]
    note: str


def check_answer(
    question: engine.Question,
    *,
    option_label: str = "",
    percent: Decimal | str | None = None,
    inputs: dict[str, Any] | None = None,
    note: str = "",
) -> CheckedAnswer:
    """A.3: an option of the question, or a percentage 0-100 and whole Jumlah inputs ≥ 0."""
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
        try:
            value = Decimal(str(percent).replace(",", "."))
        except InvalidOperation:
            raise ValidationError(_("Persentase harus berupa angka 0-100.")) from None
        if not value.is_finite() or not 0 <= value <= HUNDRED:
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
            number = Decimal(str(raw).replace(",", "."))
        except InvalidOperation:
            number = Decimal(-1)
        if not number.is_finite() or number < 0 or number != number.to_integral_value():
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


def _require_unit_writer(assessment: Assessment, by: Any) -> None:
    if not access.can_write_unit(by, assessment.unit_id):
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
    by: Any,
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
    assessment: Assessment, answer: Answer | None, code: str, checked: CheckedAnswer, by: Any
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
    assessment: Assessment, hasil: HasilInput, by: Any, action: str, fields: list[str]
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
    by: Any,
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
    by: Any,
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


# --------------------------------------------------------------------------- evidence


def _item_exists(assessment: Assessment, item_code: str) -> bool:
    framework = selectors.engine_framework(assessment.framework)
    return framework.has_question(item_code) or framework.hasil_input(item_code) is not None


def _require_evidence_editable(assessment: Assessment, item_code: str, by: Any) -> None:
    _require_unit_writer(assessment, by)
    _require_unit_editable(assessment)
    if not _item_exists(assessment, item_code):
        raise ValidationError(_("Kode %(code)s tidak dikenal.") % {"code": item_code})
    if (
        assessment.status == Status.RETURNED
        and not Answer.objects.filter(
            assessment=assessment, question_code=item_code, returned=True
        ).exists()
    ):
        raise ValidationError(
            _("Hanya data dukung pertanyaan yang dikembalikan TPI yang dapat diubah.")
        )


def _store_revision(document: EvidenceDocument, upload: UploadedFile, by: Any) -> EvidenceRevision:
    """Write one checked file to the private store and record its revision (append-only).

    The store deletes the file again if the transaction rolls back.
    """
    number = (document.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = EvidenceRevision(document=document, number=number, uploaded_by=_user(by))
    filestore.store(revision.file, upload)
    revision.full_clean()
    revision.save()
    return revision


@transaction.atomic
def evidence_upload(
    *,
    assessment: Assessment,
    item_code: str,
    files: list[UploadedFile],
    by: Any,
    title: str = "",
) -> list[EvidenceDocument]:
    """Pasal 11: attach supporting documents to a question; each file checked by its content."""
    assessment = _locked(assessment)
    _require_evidence_editable(assessment, item_code, by)
    if not files:
        raise ValidationError(_("Pilih minimal satu berkas."))
    problems = []
    for upload in files:
        try:
            check_upload(upload, families=EVIDENCE_FAMILIES)
        except ValidationError as exc:
            problems.append(f"{upload.name}: {' '.join(exc.messages)}")
    if problems:
        raise ValidationError(problems)
    documents: list[EvidenceDocument] = []
    _upload_all(assessment, item_code, files, title, by, documents)
    return documents


def _upload_all(
    assessment: Assessment,
    item_code: str,
    files: list[UploadedFile],
    title: str,
    by: Any,
    documents: list[EvidenceDocument],
) -> None:
    for upload in files:
        name = title.strip() if title.strip() and len(files) == 1 else Path(upload.name or "").stem
        document = EvidenceDocument(
            unit_id=assessment.unit_id, title=(name or _("Data dukung"))[:300], created_by=_user(by)
        )
        document.full_clean()
        document.save()
        revision = _store_revision(document, upload, by)
        link = EvidenceLink(
            document=document, assessment=assessment, item_code=item_code, linked_by=_user(by)
        )
        link.full_clean()
        link.save()
        record(
            actor=by,
            action="lke.data_dukung_diunggah",
            obj=document,
            unit_id=assessment.unit_id,
            changes={
                "assessment": [None, assessment.pk],
                "item_code": [None, item_code],
                "sha256": [None, revision.sha256],
                "original_name": [None, revision.original_name],
            },
        )
        documents.append(document)


@transaction.atomic
def evidence_revise(
    *, document: EvidenceDocument, upload: UploadedFile, by: Any
) -> EvidenceRevision:
    """Add a new revision to a document; earlier revisions (and final snapshots) stay as they were."""
    if not access.can_write_unit(by, document.unit_id):
        raise PermissionDenied
    document = EvidenceDocument.objects.select_for_update().get(pk=document.pk)
    revision = _store_revision(document, upload, by)
    record(
        actor=by,
        action="lke.data_dukung_direvisi",
        obj=document,
        unit_id=document.unit_id,
        changes={
            "revision": [revision.number - 1, revision.number],
            "sha256": [None, revision.sha256],
        },
    )
    return revision


@transaction.atomic
def evidence_link(
    *, assessment: Assessment, item_code: str, document: EvidenceDocument, by: Any
) -> EvidenceLink:
    """Let one document serve another question of the same unit's assessment."""
    assessment = _locked(assessment)
    _require_evidence_editable(assessment, item_code, by)
    if document.unit_id != assessment.unit_id:
        raise PermissionDenied
    link, created = EvidenceLink.objects.get_or_create(
        document=document,
        assessment=assessment,
        item_code=item_code,
        defaults={"linked_by": _user(by)},
    )
    if created:
        record(
            actor=by,
            action="lke.data_dukung_ditautkan",
            obj=document,
            unit_id=assessment.unit_id,
            changes={"assessment": [None, assessment.pk], "item_code": [None, item_code]},
        )
    return link


@transaction.atomic
def evidence_unlink(*, link: EvidenceLink, by: Any) -> None:
    """Remove a document from a question; the document and its revisions stay."""
    assessment = _locked(link.assessment)
    _require_evidence_editable(assessment, link.item_code, by)
    record(
        actor=by,
        action="lke.data_dukung_dilepas",
        obj=link.document,
        unit_id=assessment.unit_id,
        changes={"assessment": [assessment.pk, None], "item_code": [link.item_code, None]},
    )
    link.delete()


# --------------------------------------------------------------------------- submission


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, by: Any, confirm_incomplete: bool = False
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


# --------------------------------------------------------------------------- TPI review


@transaction.atomic
def reviewer_assign(
    *, unit: Unit, year: int, user: Any, by: Any, is_ketua: bool = False
) -> ReviewerAssignment:
    """Pasal 15, 19: assign a TPI member to a unit-year; never to the unit he or she works in."""
    if not access.can_administer(by):
        raise PermissionDenied
    if not access.can_review_unit(user, unit.pk):
        raise ValidationError(
            _("%(user)s bukan anggota TPI atau bekerja di %(unit)s; tidak dapat menilai unit ini.")
            % {"user": user, "unit": unit.name}
        )
    if is_ketua:
        for other in (
            ReviewerAssignment.objects.select_for_update()
            .filter(unit=unit, year=year, is_ketua=True)
            .exclude(user=user)
        ):
            other.is_ketua = False
            other.save(update_fields=["is_ketua"])
            record(
                actor=by, action="lke.ketua_diganti", obj=other, unit_id=unit.pk,
                changes={"is_ketua": [True, False]},
            )  # fmt: skip
    assignment = (
        ReviewerAssignment.objects.select_for_update()
        .filter(unit=unit, year=year, user=user)
        .first()
    )
    before = snapshot(assignment, ["is_ketua"]) if assignment else {}
    assignment = assignment or ReviewerAssignment(
        unit=unit, year=year, user=user, assigned_by=_user(by)
    )
    assignment.is_ketua = is_ketua
    changes = diff(before, snapshot(assignment, ["is_ketua"]))
    if assignment.pk and not changes:
        return assignment
    assignment.full_clean()
    assignment.save()
    record(
        actor=by,
        action="lke.penilai_ditugaskan",
        obj=assignment,
        unit_id=unit.pk,
        changes={"user": [None, user.pk], "year": [None, year], **changes},
    )
    return assignment


@transaction.atomic
def reviewer_unassign(*, assignment: ReviewerAssignment, by: Any) -> None:
    """Withdraw a TPI member from a unit-year (the scores already given stay, attributed)."""
    if not access.can_administer(by):
        raise PermissionDenied
    record(
        actor=by,
        action="lke.penilai_ditarik",
        obj=assignment,
        unit_id=assignment.unit_id,
        changes={"user": [assignment.user_id, None], "year": [assignment.year, None]},
    )
    assignment.delete()


def _require_reviewer(assessment: Assessment, by: Any, *, ketua: bool = False) -> None:
    """Pasal 15, 19: only an assigned TPI member who does not work in the unit reviews it."""
    allowed = selectors.is_ketua(by, assessment) if ketua else selectors.may_review(by, assessment)
    if not allowed:
        raise PermissionDenied


def _require_under_review(assessment: Assessment) -> None:
    if assessment.is_final:
        raise ValidationError(_("Penilaian sudah final dan tidak dapat diubah."))
    if not assessment.under_review:
        raise ValidationError(_("Penilaian ini tidak sedang menunggu penilaian TPI."))


@transaction.atomic
def review_save(
    *,
    assessment: Assessment,
    question_code: str,
    by: Any,
    option_label: str = "",
    percent: Decimal | str | None = None,
    inputs: dict[str, Any] | None = None,
    note: str = "",
) -> Answer:
    """Pasal 19: the TPI scores one question beside the unit's answer, with a note."""
    assessment = _locked(assessment)
    _require_reviewer(assessment, by)
    _require_under_review(assessment)
    question = _question(assessment, question_code)
    checked = check_answer(
        question, option_label=option_label, percent=percent, inputs=inputs, note=note
    )
    answer = (
        Answer.objects.select_for_update()
        .filter(assessment=assessment, question_code=question_code)
        .first()
    ) or Answer(assessment=assessment, question_code=question_code)
    fields = ["tpi_option_label", "tpi_percent", "tpi_inputs", "tpi_note", "returned"]
    before = snapshot(answer, fields) if answer.pk else {}
    answer.tpi_option_label = checked.option_label
    answer.tpi_percent = checked.percent
    answer.tpi_inputs = checked.inputs
    answer.tpi_note = checked.note
    answer.returned = False  # a re-scored question is settled
    changes = diff(before, snapshot(answer, fields))
    if answer.pk and not changes:
        return answer
    answer.reviewed_by = by
    answer.reviewed_at = timezone.now()
    answer.full_clean()
    if answer.pk:
        answer.save(update_fields=REVIEW_FIELDS)
    else:
        answer.save()
    if assessment.status == Status.SUBMITTED:
        _set_status(assessment, Status.IN_REVIEW, [])
    record(
        actor=by,
        action="lke.skor_tpi",
        obj=assessment,
        object_repr=f"{assessment} · {question_code}",
        unit_id=assessment.unit_id,
        changes={f"{question_code}.{k}": v for k, v in changes.items()},
    )
    return answer


@transaction.atomic
def assessment_return(
    *, assessment: Assessment, question_codes: list[str], note: str, by: Any
) -> Assessment:
    """Pasal 19: the TPI returns questions to the unit for revision; the unit re-submits."""
    assessment = _locked(assessment)
    _require_reviewer(assessment, by)
    _require_under_review(assessment)
    codes = sorted(set(question_codes))
    if not codes:
        raise ValidationError(_("Pilih minimal satu pertanyaan yang dikembalikan."))
    if not note.strip():
        raise ValidationError(_("Tuliskan catatan perbaikan untuk unit."))
    for code in codes:
        _question(assessment, code)
    round_ = assessment.review_round + 1
    existing = {
        a.question_code: a
        for a in Answer.objects.select_for_update().filter(
            assessment=assessment, question_code__in=codes
        )
    }
    for code in codes:
        answer = existing.get(code) or Answer(assessment=assessment, question_code=code)
        answer.returned = True
        answer.return_note = note.strip()
        answer.returned_round = round_
        answer.full_clean()
        if answer.pk:
            answer.save(update_fields=["returned", "return_note", "returned_round"])
        else:
            answer.save()
    before = assessment.status
    assessment.review_round = round_
    _set_status(assessment, Status.RETURNED, ["review_round"])
    record(
        actor=by,
        action="lke.dikembalikan",
        obj=assessment,
        unit_id=assessment.unit_id,
        changes={
            "status": [before, Status.RETURNED],
            "questions": [None, codes],
            "note": [None, note.strip()],
            "round": [round_ - 1, round_],
        },
    )
    notify(
        users=recipients.unit_team(assessment.unit_id),
        kind="lke.pertanyaan_dikembalikan",
        obj=assessment,
        title=_("%(n)d pertanyaan LKE dikembalikan TPI: %(unit)s")
        % {"n": len(codes), "unit": assessment.unit.name},
        text=note.strip(),
        url=assessment.get_absolute_url(),
    )
    return assessment


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _score_json(result: engine.ScoreResult) -> dict[str, Any]:
    return {
        "total": _decimal_text(result.total),
        "pengungkit": _decimal_text(result.pengungkit),
        "hasil": _decimal_text(result.hasil),
        "areas": {
            a.code: {
                "pemenuhan": _decimal_text(a.pemenuhan),
                "reform": _decimal_text(a.reform),
                "total": _decimal_text(a.total),
                "weight": _decimal_text(a.weight),
            }
            for a in result.areas
        },
        "hasil_components": {
            c.code: {"value": _decimal_text(c.value), "points": _decimal_text(c.points)}
            for c in result.hasil_components
        },
        "completeness": [result.completeness.answered, result.completeness.questions],
    }


def _verdicts_json(results: tuple[engine.RuleSetResult, ...]) -> dict[str, Any]:
    return {
        r.rule_set: {
            p.predicate: {
                "eligible": p.eligible,
                "failures": [
                    {
                        "rule": f.rule,
                        "value": _decimal_text(f.value),
                        "minimum": _decimal_text(f.minimum),
                        "message": f.message,
                        "clause": f.clause,
                    }
                    for f in p.failures
                ],
                "not_evaluated": list(p.not_evaluated),
            }
            for p in r.predicates
        }
        for r in results
    }


def snapshot_data(data: selectors.AssessmentData, *, by: Any, at: Any) -> dict[str, Any]:
    """The frozen record: answers, values, weights, evidence hashes, scores, verdicts, who and when."""
    assessment = data.assessment
    framework = data.framework
    tpi_score = data.tpi_score or data.self_score
    answers = {}
    for area in framework.areas:
        for sub in area.sub_indicators:
            for question in sub.questions:
                row = data.answers.get(question.code)
                answers[question.code] = {
                    "area": area.code,
                    "sub_indicator": sub.code,
                    "sub_weight": _decimal_text(sub.weight),
                    "self": {
                        "option": row.option_label if row else "",
                        "percent": _decimal_text(row.percent) if row else None,
                        "inputs": row.inputs if row else {},
                        "value": _decimal_text(data.self_score.questions[question.code].value),
                        "note": row.note if row else "",
                    },
                    "tpi": {
                        "option": row.tpi_option_label if row else "",
                        "percent": _decimal_text(row.tpi_percent) if row else None,
                        "inputs": row.tpi_inputs if row else {},
                        "value": _decimal_text(tpi_score.questions[question.code].value),
                        "note": row.tpi_note if row else "",
                        "by": row.reviewed_by_id if row else None,
                        "at": row.reviewed_at.isoformat() if row and row.reviewed_at else None,
                    },
                }
    evidence = {
        code: [
            {
                "document": link.document_id,
                "title": link.document.title,
                "revision": rev.pk,
                "number": rev.number,
                "sha256": rev.sha256,
                "name": rev.original_name,
                "size": rev.size,
            }
            for link in links
            for rev in link.document.revisions.all()[:1]
        ]
        for code, links in data.links.items()
    }
    hasil = data.hasil
    return {
        "assessment": {
            "id": assessment.pk,
            "unit": {
                "id": assessment.unit_id,
                "code": assessment.unit.code,
                "name": assessment.unit.name,
            },
            "year": assessment.year,
            "revision": assessment.revision,
            "framework": {
                "code": assessment.framework.code,
                "version": assessment.framework.version,
                "sha256": assessment.framework.sha256,
            },
        },
        "option_values": {
            t: {label: _decimal_text(v) for label, v in values.items()}
            for t, values in framework.option_values.items()
        },
        "answers": answers,
        "hasil": {
            "ipak_index": _decimal_text(hasil.ipak_index) if hasil else None,
            "ipak_source": hasil.ipak_source if hasil else "",
            "ipkp_index": _decimal_text(hasil.ipkp_index) if hasil else None,
            "ipkp_source": hasil.ipkp_source if hasil else "",
            "capaian_kinerja": hasil.capaian_kinerja if hasil else "",
            "tlhp_percent": _decimal_text(hasil.tlhp_percent) if hasil else None,
        },
        "evidence": evidence,
        "scores": {"self": _score_json(data.self_score), "tpi": _score_json(tpi_score)},
        "verdicts": _verdicts_json(
            engine.evaluate_rule_sets(selectors.rule_sets(framework), tpi_score)
        ),
        "rule_sets": [
            {"code": r.code, "version": r.version} for r in selectors.rule_sets(framework)
        ],
        "reviewers": [
            {"user": r.user_id, "name": str(r.user), "ketua": r.is_ketua}
            for r in selectors.reviewers_of(assessment)
        ],
        "submitted": {
            "by": assessment.submitted_by_id,
            "at": assessment.submitted_at.isoformat() if assessment.submitted_at else None,
        },
        "finalised": {"by": getattr(by, "pk", None), "name": str(by), "at": at.isoformat()},
    }


@transaction.atomic
def assessment_finalise(*, assessment: Assessment, by: Any) -> AssessmentSnapshot:
    """Pasal 19 ayat (2): the TPI ketua finalises; the result is frozen in a snapshot."""
    assessment = _locked(assessment)
    _require_reviewer(assessment, by, ketua=True)
    _require_under_review(assessment)
    data = selectors.assessment_data(assessment)
    if not data.fully_reviewed:
        codes = [
            q.code for q in data.framework.questions
            if not selectors.reviewed(data.answers.get(q.code), q)
        ]  # fmt: skip
        listed = ", ".join(codes[:10]) + (" …" if len(codes) > 10 else "")
        raise ValidationError(
            _(
                "%(n)d pertanyaan belum dinilai TPI (%(codes)s); semua pertanyaan harus dinilai "
                "sebelum final."
            )
            % {"n": len(codes), "codes": listed}
        )
    if data.returned_codes:
        raise ValidationError(_("Masih ada pertanyaan yang dikembalikan dan belum dinilai ulang."))
    now = timezone.now()
    content = snapshot_data(data, by=by, at=now)
    digest = hashlib.sha256(_canonical(content)).hexdigest()
    frozen = AssessmentSnapshot(
        assessment=assessment, data=content, sha256=digest, created_by=_user(by)
    )
    frozen.full_clean()
    frozen.save()
    before = assessment.status
    assessment.finalised_by = by
    assessment.finalised_at = now
    _set_status(assessment, Status.FINAL, ["finalised_by", "finalised_at"])
    record(
        actor=by,
        action="lke.difinalkan",
        obj=assessment,
        unit_id=assessment.unit_id,
        changes={
            "status": [before, Status.FINAL],
            "snapshot_sha256": [None, digest],
            "tpi_total": [None, content["scores"]["tpi"]["total"]],
        },
    )
    return frozen


@transaction.atomic
def assessment_supersede(*, assessment: Assessment, by: Any) -> Assessment:
    """A final assessment is never edited: a new revision supersedes it, starting from its answers."""
    assessment = _locked(assessment)
    if not (access.can_administer(by) or selectors.is_ketua(by, assessment)):
        raise PermissionDenied
    if assessment.status != Status.FINAL:
        raise ValidationError(_("Hanya penilaian final yang dapat digantikan dengan revisi baru."))
    assessment.status = Status.SUPERSEDED
    assessment.save(update_fields=["status"])
    new = Assessment(
        unit=assessment.unit,
        year=assessment.year,
        framework=assessment.framework,
        revision=assessment.revision + 1,
        supersedes=assessment,
        created_by=_user(by),
    )
    new.full_clean()
    new.save()
    Answer.objects.bulk_create(
        Answer(
            assessment=new,
            question_code=a.question_code,
            option_label=a.option_label,
            percent=a.percent,
            inputs=a.inputs,
            note=a.note,
            updated_by=a.updated_by,
            updated_at=a.updated_at,
        )
        for a in Answer.objects.filter(assessment=assessment)
    )
    old_hasil = HasilInput.objects.filter(assessment=assessment).first()
    if old_hasil is not None:
        copied = {f: getattr(old_hasil, f) for f in HASIL_COPY_FIELDS}
        HasilInput.objects.create(assessment=new, updated_by=_user(by), **copied)
    EvidenceLink.objects.bulk_create(
        EvidenceLink(
            document_id=link.document_id,
            assessment=new,
            item_code=link.item_code,
            linked_by=_user(by),
        )
        for link in EvidenceLink.objects.filter(assessment=assessment)
    )
    record(
        actor=by,
        action="lke.digantikan",
        obj=assessment,
        unit_id=assessment.unit_id,
        changes={"status": [Status.FINAL, Status.SUPERSEDED], "superseded_by": [None, new.pk]},
    )
    record(
        actor=by,
        action="lke.revisi_dibuat",
        obj=new,
        unit_id=new.unit_id,
        changes={"supersedes": [None, assessment.pk], "revision": [None, new.revision]},
    )
    return new


# --------------------------------------------------------------------------- Excel import


@transaction.atomic
def answers_import(
    *, assessment: Assessment, answers: dict[str, CheckedAnswer], hasil: dict[str, Any], by: Any
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

"""The TPI's side of an assessment: assignment, scores, return, final snapshot, revision (Pasal 15, 19)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.accounts import access, recipients
from integritas.audit.services import diff, record, snapshot
from integritas.common.notifications import notify
from integritas.evaluation import engine, selectors
from integritas.evaluation.models import (
    Answer,
    Assessment,
    AssessmentSnapshot,
    EvidenceLink,
    HasilInput,
    ReviewerAssignment,
)
from integritas.evaluation.services import (  # noqa: F401 - shared helpers of the app's writes
    ANSWER_FIELDS,
    HASIL_COPY_FIELDS,
    HUNDRED,
    NOTE_MAX,
    REVIEW_FIELDS,
    Status,
    _canonical,
    _locked,
    _number,
    _question,
    _require_unit_editable,
    _require_unit_writer,
    _set_status,
    _user,
    _write_answer,
    check_answer,
)
from integritas.organization.models import Unit

if TYPE_CHECKING:
    from integritas.accounts.models import User

# --------------------------------------------------------------------------- TPI review


@transaction.atomic
def reviewer_assign(
    *, unit: Unit, year: int, user: Any, by: User, is_ketua: bool = False
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
def reviewer_unassign(*, assignment: ReviewerAssignment, by: User) -> None:
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


def _require_reviewer(assessment: Assessment, by: User, *, ketua: bool = False) -> None:
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
    by: User,
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
    *, assessment: Assessment, question_codes: list[str], note: str, by: User
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


def snapshot_data(data: selectors.AssessmentData, *, by: User, at: Any) -> dict[str, Any]:
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
def assessment_finalise(*, assessment: Assessment, by: User) -> AssessmentSnapshot:
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
def assessment_supersede(*, assessment: Assessment, by: User) -> Assessment:
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

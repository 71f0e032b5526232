"""The TPI's review workload (Pasal 19): what is still to be scored, and scoring at once the
questions the unit left unanswered."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.audit.services import record
from integritas.evaluation import engine, selectors
from integritas.evaluation.models import Answer, Assessment

if TYPE_CHECKING:
    from integritas.accounts.models import User


@dataclass(frozen=True)
class Missing:
    """A question the TPI has not scored yet, and where to score it."""

    code: str
    text: str
    area_name: str
    unit_answered: bool
    url: str


def missing_reviews(data: selectors.AssessmentData) -> list[Missing]:
    """Every question without a TPI score, in worksheet order, each linked to its row."""
    found = []
    for area in data.framework.areas:
        url = reverse("evaluation:review_area", args=[data.assessment.pk, area.code])
        for sub in area.sub_indicators:
            for question in sub.questions:
                if selectors.reviewed(data.answers.get(question.code), question):
                    continue
                anchor = question.code.replace(".", "-").replace("/", "--")
                found.append(
                    Missing(
                        code=question.code,
                        text=question.text,
                        area_name=area.name,
                        unit_answered=data.self_score.questions[question.code].answered,
                        url=f"{url}#q-{anchor}",
                    )
                )
    return found


def _zero_option(question: engine.Question) -> str:
    """The option worth the least (0 in every LKE answer type)."""
    return min(question.options, key=lambda o: o.value).label


@transaction.atomic
def review_score_unanswered(*, assessment: Assessment, by: User) -> int:
    """Pasal 19: score 0 every question the unit left unanswered and the TPI has not scored.

    An unanswered question already counts 0 in the unit's score (Lampiran LKE); this records
    that the TPI agrees, in one step and one audit record. Returns how many were scored.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not selectors.may_review(by, assessment):
        raise PermissionDenied
    if assessment.is_final or not assessment.under_review:
        raise ValidationError(_("Penilaian ini tidak sedang menunggu penilaian TPI."))
    data = selectors.assessment_data(assessment, with_links=False)
    targets = [m for m in missing_reviews(data) if not m.unit_answered]
    now = timezone.now()
    for item in targets:
        question = data.framework.question(item.code)
        answer = data.answers.get(item.code) or Answer(
            assessment=assessment, question_code=item.code
        )
        if question.is_percent:
            answer.tpi_option_label, answer.tpi_percent, answer.tpi_inputs = "", Decimal(0), {}
        else:
            answer.tpi_option_label, answer.tpi_percent, answer.tpi_inputs = (
                _zero_option(question),
                None,
                {},
            )
        answer.tpi_note = answer.tpi_note or _("Tidak dijawab unit; dinilai 0.")
        answer.returned = False
        answer.reviewed_by = by
        answer.reviewed_at = now
        answer.full_clean()
        answer.save()
    if targets:
        if assessment.status == Assessment.Status.SUBMITTED:
            assessment.status = Assessment.Status.IN_REVIEW
            assessment.save(update_fields=["status"])
        record(
            actor=by,
            action="lke.skor_tpi_massal",
            obj=assessment,
            unit_id=assessment.unit_id,
            changes={"dinilai_0": [None, [m.code for m in targets]]},
        )
    return len(targets)

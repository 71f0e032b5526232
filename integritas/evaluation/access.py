"""Who may do what with one assessment, decided once for views and services alike.

Built on the grants of `accounts.access` (Pasal 11: the unit fills and its head submits;
Pasal 15 and 19: an assigned TPI member who does not work in the unit, or a unit above or below
it, reviews; the ketua finalises). A workflow state that forbids an action is the service's
ValidationError, not a missing right.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.http import Http404

from integritas.accounts import access
from integritas.evaluation import selectors
from integritas.evaluation.models import Assessment


@dataclass(frozen=True)
class AssessmentRights:
    can_write: bool  # the unit's writers, whatever the state
    can_edit: bool  # ... and the state lets the unit edit
    can_submit: bool
    may_review: bool  # an assigned, independent TPI member while it is under review
    is_reviewer: bool
    is_ketua: bool
    can_supersede: bool
    can_see_review: bool  # the TPI side (scores, notes) is shown to this viewer

    def as_context(self) -> dict[str, bool]:
        return asdict(self)


def rights_for(user: Any, assessment: Assessment) -> AssessmentRights:
    """The rights of one user on one assessment (Pasal 11, 15, 19)."""
    can_write = access.can_write_unit(user, assessment.unit_id)
    reviewer = selectors.may_review(user, assessment)
    ketua = selectors.is_ketua(user, assessment)
    return AssessmentRights(
        can_write=can_write,
        can_edit=can_write and assessment.unit_may_edit,
        can_submit=access.can_head_unit(user, assessment.unit_id) and assessment.unit_may_edit,
        may_review=reviewer and assessment.under_review,
        is_reviewer=reviewer,
        is_ketua=ketua,
        can_supersede=assessment.status == Assessment.Status.FINAL
        and (access.can_administer(user) or ketua),
        can_see_review=_can_see_review(user, assessment, reviewer),
    )


def _can_see_review(user: Any, assessment: Assessment, reviewer: bool) -> bool:
    """TPI scores are shown to reviewers and city readers; to the unit once returned or final."""
    if reviewer or access.can_read_city(user):
        return True
    return assessment.status in (
        Assessment.Status.RETURNED,
        Assessment.Status.FINAL,
        Assessment.Status.SUPERSEDED,
    )


def get_assessment_for_user(user: Any, pk: int, *, write: bool = False) -> Assessment:
    """The assessment if the user may read it (or write it); 404 otherwise."""
    assessment = selectors.assessment_for_user(user, pk)
    if write and not access.can_write_unit(user, assessment.unit_id):
        raise Http404
    return assessment

"""Read models of the assessment pages and documents, already shaped for one viewer.

The rights of `evaluation.access` decide once what a viewer may see; the assessment page, the
score page, the answers page, the Excel export and the recap document are all built from here,
so none of them can show the TPI side to a viewer who may not see it (Pasal 19).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.http import Http404

from integritas.evaluation import engine, selectors
from integritas.evaluation.access import AssessmentRights, rights_for
from integritas.evaluation.models import Answer, Assessment, AssessmentSnapshot
from integritas.evaluation.snapshots import MalformedSnapshot, SnapshotTotals, read_totals

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AssessmentPage:
    """One assessment for one viewer: without its TPI side unless the rights allow it."""

    assessment: Assessment
    rights: AssessmentRights
    data: selectors.AssessmentData  # built with_review=rights.can_see_review
    # how many questions the TPI has scored: progress every reader of the page is shown, no value
    reviewed_count: int

    @property
    def question_count(self) -> int:
        return self.data.question_count

    @property
    def fully_reviewed(self) -> bool:
        return self.reviewed_count == self.question_count

    def context(self) -> dict[str, Any]:
        """The names the assessment templates use."""
        return {
            "assessment": self.assessment,
            "data": self.data,
            "reviewed_count": self.reviewed_count,
            "fully_reviewed": self.fully_reviewed,
            **self.rights.as_context(),
        }


class _TpiColumns(NamedTuple):
    tpi_option_label: str
    tpi_percent: Any
    tpi_inputs: Any


def reviewed_count(assessment: Assessment, framework: engine.Framework) -> int:
    """Pasal 19: how many questions the TPI has scored; the scores themselves do not leave here."""
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "question_code", "tpi_option_label", "tpi_percent", "tpi_inputs"
    )
    return sum(
        1
        for code, *tpi in rows
        if framework.has_question(code)
        and selectors.reviewed(_TpiColumns(*tpi), framework.question(code))
    )


def assessment_page(user: Any, pk: int, *, with_links: bool = False) -> AssessmentPage:
    """The assessment ``pk`` as ``user`` may see it (404 if the user may not read it)."""
    assessment = selectors.assessment_for_user(user, pk)
    rights = rights_for(user, assessment)
    data = selectors.assessment_data(
        assessment, with_links=with_links, with_review=rights.can_see_review
    )
    return AssessmentPage(
        assessment=assessment,
        rights=rights,
        data=data,
        reviewed_count=data.reviewed_count
        if rights.can_see_review
        else reviewed_count(assessment, data.framework),
    )


# --------------------------------------------------------------------------- final snapshots


def _snapshots() -> QuerySet[AssessmentSnapshot]:
    """Snapshots with their assessment, unit and worksheet version (its data parsed apart)."""
    return AssessmentSnapshot.objects.select_related(
        "assessment", "assessment__unit", "assessment__framework"
    ).defer("assessment__framework__data")


def snapshot_for_user(user: Any, pk: int) -> AssessmentSnapshot:
    """The snapshot of a final assessment the user may read (``pk`` is the assessment's); 404 else.

    Read it with `snapshots.read_snapshot`. The same rights as the pages decide: a viewer who may
    not see the TPI side gets no snapshot (a final one is shown to every reader of the unit).
    """
    assessment = selectors.assessment_for_user(user, pk)
    snapshot = _snapshots().filter(assessment=assessment).first()
    if snapshot is None or not rights_for(user, assessment).can_see_review:
        raise Http404
    return snapshot


def latest_snapshot(unit: Any, year: int | None) -> AssessmentSnapshot | None:
    """The unit's latest final snapshot of a year (of any year if None), for the document list."""
    found = _snapshots().filter(assessment__unit=unit)
    if year is not None:
        found = found.filter(assessment__year=year)
    return found.order_by("-assessment__year", "-assessment__revision", "-pk").first()


@dataclass(frozen=True)
class FinalTotalsRow:
    """One unit's final assessment of a year with its frozen totals (None where unreadable)."""

    assessment: Assessment
    totals: SnapshotTotals


def final_totals(year: int) -> list[FinalTotalsRow]:
    """Pasal 19–20: every final assessment of a year with its frozen totals, in one query."""
    snapshots = (
        AssessmentSnapshot.objects.filter(
            assessment__year=year, assessment__status=Assessment.Status.FINAL
        )
        .select_related("assessment__unit")
        .order_by("assessment__unit__name")
    )
    rows = []
    for snapshot in snapshots:
        try:
            totals = read_totals(snapshot)
        except MalformedSnapshot:
            # one unreadable record does not take the city's report down: the unit stays listed
            logger.exception("final snapshot %s cannot be read", snapshot.pk)
            totals = SnapshotTotals(total=None, pengungkit=None, hasil=None)
        rows.append(FinalTotalsRow(assessment=snapshot.assessment, totals=totals))
    return rows

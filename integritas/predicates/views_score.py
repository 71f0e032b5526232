"""The LKE score page served with what the register knows (evaluation sits below predicates)."""

from django.utils import timezone

from integritas.evaluation import selectors as evaluation_selectors
from integritas.evaluation import views_review
from integritas.predicates import selectors


def assessment_score(request, pk: int):
    """Pasal 16 ayat 4, Pasal 17 ayat 6: the next steps aim at the level after the one held."""
    assessment = evaluation_selectors.assessment_for_user(request.user, pk)  # 404 if not readable
    held = selectors.holding(assessment.unit, timezone.localdate())
    return views_review.score(request, pk, held=held.level, monitoring_due=held.monitoring_due)

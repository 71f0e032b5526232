"""Home-page cards of the LKE evaluation: the unit's own assessment, the TPI queue, city counts."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.accounts import access
from integritas.common.cards import Card
from integritas.evaluation import selectors
from integritas.evaluation.models import Assessment

MAX_UNITS = 4


def cards(user) -> list:
    """What needs attention in the LKE this year, for this user's roles."""
    year = timezone.localdate().year
    found: list = []
    if not access.can_administer(user):
        for unit in access.writable_units_for_user(user).order_by("name")[:MAX_UNITS]:
            assessment = selectors.assessment_for_unit_year(unit, year)
            if assessment is None:
                found.append(
                    Card(
                        title=_("Penilaian LKE %(year)s") % {"year": year},
                        value=_("Belum dimulai"),
                        text=unit.name,
                        url=reverse("evaluation:assessment_list"),
                        tone="warning",
                    )
                )
                continue
            data = selectors.assessment_data(assessment, with_links=False)
            completeness = data.self_score.completeness
            text = _("%(unit)s · %(status)s · %(a)d dari %(q)d pertanyaan terjawab") % {
                "unit": unit.name,
                "status": assessment.get_status_display(),
                "a": completeness.answered,
                "q": completeness.questions,
            }
            if assessment.status == Assessment.Status.RETURNED:
                text += " · " + _("%(n)d pertanyaan dikembalikan TPI") % {
                    "n": len(data.returned_codes)
                }
            found.append(
                Card(
                    title=_("Penilaian LKE %(year)s") % {"year": year},
                    value=f"{round(completeness.ratio * 100)}%",
                    text=text,
                    url=assessment.get_absolute_url(),
                    tone="warning"
                    if assessment.status == Assessment.Status.RETURNED
                    else ("success" if assessment.is_final else "primary"),
                )
            )
    if access.is_tpi(user):
        queue = list(selectors.review_queue(user)[:8])
        if queue:
            found.append(
                Card(
                    title=_("Menunggu penilaian TPI"),
                    value=str(len(queue)),
                    text=_("penilaian mandiri yang ditugaskan kepada Anda"),
                    items=[(f"{a.unit.name} {a.year}", a.get_absolute_url()) for a in queue],
                    tone="primary",
                )
            )
    if access.can_administer(user):
        waiting = list(selectors.awaiting_reviewers()[:8])
        if waiting:
            found.append(
                Card(
                    title=_("Penilaian menunggu penugasan TPI"),
                    value=str(len(waiting)),
                    text=_("penilaian mandiri yang sudah diajukan tetapi belum punya penilai TPI"),
                    url=reverse("evaluation:assignments"),
                    items=[(f"{a.unit.name} {a.year}", a.get_absolute_url()) for a in waiting],
                    tone="warning",
                )
            )
    if access.can_read_city(user):
        counts = selectors.status_counts(year)
        if counts:
            labels = dict(Assessment.Status.choices)
            found.append(
                Card(
                    title=_("Penilaian LKE %(year)s se-kota") % {"year": year},
                    value=str(sum(counts.values())),
                    text=", ".join(f"{labels[s]}: {counts[s]}" for s in labels if counts.get(s)),
                    url=reverse("evaluation:city_comparison") + f"?tahun={year}",
                )
            )
    return found

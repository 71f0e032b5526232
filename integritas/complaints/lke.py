"""The register's figures offered to the unit's LKE self-assessment (R5.ii.a, evidence P5.iii).

The self-assessment lives in a lower layer (evaluation), so the offer is made from here: the
figures page shows the suggested value, and a unit writer adopts it with one explicit action,
which writes the "Jumlah" inputs of R5.ii.a through evaluation's own answer service (the same
checks, state rules and audit record as typing them). The unit may still change them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integritas.complaints import selectors
from integritas.evaluation import selectors as evaluation_selectors
from integritas.evaluation import services as evaluation_services
from integritas.organization.models import Unit

if TYPE_CHECKING:
    from integritas.accounts.models import User

QUESTION = "R5.ii.a"


def suggestion_adopt(*, unit: Unit, year: int, by: User):
    """Write the register's R5.ii.a inputs into the unit's current self-assessment of the year."""
    assessment = evaluation_selectors.assessment_for_unit_year(unit, year)
    if assessment is None:
        raise ValidationError(
            _("%(unit)s belum memiliki penilaian LKE tahun %(year)s; buat penilaiannya dulu.")
            % {"unit": unit.name, "year": year}
        )
    figures = selectors.lke_suggestion(unit=unit, year=year, today=timezone.localdate())
    note = _(
        "Dari register pengaduan Integritas (%(url)s?tahun=%(year)s): %(resolved)d selesai dari "
        "%(total)d yang harus ditindaklanjuti, %(open)d sedang diproses."
    ) % {
        "url": reverse("complaints:figures"), "year": year, "resolved": figures.resolved,
        "total": figures.to_follow_up, "open": figures.in_process,
    }  # fmt: skip
    return evaluation_services.answer_save(
        assessment=assessment, question_code=QUESTION, by=by, inputs=figures.lke_inputs, note=note
    )

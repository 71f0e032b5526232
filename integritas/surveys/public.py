"""What the public may see of the surveys: closed waves' indices, and the waves open to answer.

PermenPANRB 14/2017 and LKE 6.iv.b: SKM results are open to the public; the IPAK and IPKP of a
closed wave are shown as their index only. Nothing of an open or draft wave's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from integritas.surveys.models import SurveyWave

LABELS = {
    SurveyWave.Kind.SKM: "IKM",
    SurveyWave.Kind.SPAK: "IPAK",
    SurveyWave.Kind.SPKP: "IPKP",
}


@dataclass(frozen=True)
class PublicIndex:
    """One closed wave's published index."""

    year: int
    period: str
    index: str  # IKM, IPAK or IPKP
    value: Decimal
    mutu: str
    respondents: int
    url: str  # the full SKM results page, or ""


@dataclass(frozen=True)
class OpenSurvey:
    unit_name: str
    title: str
    url: str


def unit_results(unit_id: int) -> list[PublicIndex]:
    """A unit's closed waves with a result, newest first (one query)."""
    waves = SurveyWave.objects.filter(
        unit_id=unit_id,
        status=SurveyWave.Status.CLOSED,
        result_value__isnull=False,
        result_respondents__gt=0,
    ).order_by("-year", "-end_date", "kind")
    return [
        PublicIndex(
            year=wave.year,
            period=str(wave.period_label),
            index=LABELS[SurveyWave.Kind(wave.kind)],
            value=wave.result_value,
            mutu=wave.result_mutu if wave.kind == SurveyWave.Kind.SKM else "",
            respondents=wave.result_respondents,
            url=reverse("survey_public:results", args=[wave.token])
            if wave.kind == SurveyWave.Kind.SKM
            else "",
        )
        for wave in waves
        if wave.result_value is not None
    ]


def open_surveys() -> list[OpenSurvey]:
    """Waves anyone may answer now through an open link (code waves hand out their codes)."""
    waves = (
        SurveyWave.objects.filter(
            status=SurveyWave.Status.OPEN, access_mode=SurveyWave.AccessMode.OPEN
        )
        .select_related("unit")
        .order_by("unit__name", "kind")
    )
    return [
        OpenSurvey(wave.unit.name, wave.title, reverse("survey_public:form", args=[wave.token]))
        for wave in waves
    ]

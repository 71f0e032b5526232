"""Reads of the surveys part; the indices are computed by SQL aggregates fed to `indices`.

Two GROUP BY queries serve any number of waves: answers per (wave, service, item) → COUNT, SUM,
SUM of squares; accepted responses per (wave, service, status) → COUNT, SUM and SUM of squares of
the exact weighted respondent score. Python never loops over responses (Pasal 11 ayat 10–14).
"""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from integritas.organization.models import Unit
from integritas.surveys import indices
from integritas.surveys.models import (
    PROFILE_COLUMNS,
    Answer,
    Response,
    SurveyWave,
    WaveService,
)

ACCEPTED = Response.Status.ACCEPTED
HELD = Response.Status.HELD


# --- lists ------------------------------------------------------------------------------------


def _count_subquery(status: str) -> Coalesce:
    rows = (
        Response.objects.filter(wave=OuterRef("pk"), status=status)
        .order_by()
        .values("wave")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _target_subquery() -> Coalesce:
    rows = (
        WaveService.objects.filter(wave=OuterRef("pk"))
        .order_by()
        .values("wave")
        .annotate(t=Sum("target_sample"))
        .values("t")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def wave_list(
    *,
    units: QuerySet[Unit],
    kind: str = "",
    status: str = "",
    year: int | None = None,
) -> QuerySet[SurveyWave]:
    """Waves of the given units with accepted/held counts and the target sample (one query)."""
    waves = SurveyWave.objects.filter(unit__in=units).select_related("unit")
    if kind:
        waves = waves.filter(kind=kind)
    if status:
        waves = waves.filter(status=status)
    if year:
        waves = waves.filter(year=year)
    return waves.annotate(
        accepted_count=_count_subquery(ACCEPTED),
        held_count=_count_subquery(HELD),
        target_total=_target_subquery(),
    ).order_by("-year", "-period_number", "unit__name", "kind")


def service_progress(wave: SurveyWave) -> QuerySet[WaveService]:
    """The wave's services with accepted and held counts (progress against the target)."""
    return wave.services.annotate(
        accepted_count=Count("responses", filter=Q(responses__status=ACCEPTED)),
        held_count=Count("responses", filter=Q(responses__status=HELD)),
        codes_issued=Coalesce(
            Subquery(
                WaveService.objects.filter(pk=OuterRef("pk"))
                .annotate(n=Count("codes"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
        codes_used=Coalesce(
            Subquery(
                WaveService.objects.filter(pk=OuterRef("pk"))
                .annotate(n=Count("codes", filter=Q(codes__used_at__isnull=False)))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    ).order_by("position", "id")


def review_queue(wave: SurveyWave, *, status: str = HELD) -> QuerySet[Response]:
    """Responses of a wave in one status, with their answers (two queries)."""
    return (
        Response.objects.filter(wave=wave, status=status)
        .select_related("service", "reviewed_by", "kiosk")
        .prefetch_related("answers")
        .order_by("submitted_at", "id")
    )


def responses_for_export(wave: SurveyWave) -> QuerySet[Response]:
    return (
        Response.objects.filter(wave=wave)
        .select_related("service", "entered_by", "reviewed_by")
        .prefetch_related("answers")
        .order_by("id")
    )


def trend(wave: SurveyWave) -> list[SurveyWave]:
    """Closed waves of the same unit and instrument kind, oldest first (plus this one)."""
    waves = list(
        SurveyWave.objects.filter(unit_id=wave.unit_id, kind=wave.kind)
        .filter(Q(status=SurveyWave.Status.CLOSED) | Q(pk=wave.pk))
        .order_by("start_date", "id")
    )
    return waves


def open_waves_for_units(unit_ids: Iterable[int]) -> QuerySet[SurveyWave]:
    return wave_list(
        units=Unit.objects.filter(pk__in=list(unit_ids)), status=SurveyWave.Status.OPEN
    )


def published_skm_results() -> QuerySet[SurveyWave]:
    """PermenPANRB 90/2021 LKE 6.iv.b: SKM results open to the public — the latest per unit."""
    return (
        SurveyWave.objects.filter(
            kind=SurveyWave.Kind.SKM,
            status=SurveyWave.Status.CLOSED,
            result_respondents__gt=0,
        )
        .select_related("unit")
        .order_by("unit__name", "-end_date", "-id")
    )


def profile_counts(wave: SurveyWave) -> dict[str, list[tuple[str, int]]]:
    """Respondent profile of the accepted responses: one GROUP BY per profile column."""
    accepted = Response.objects.filter(wave=wave, status=ACCEPTED).order_by()
    result: dict[str, list[tuple[str, int]]] = {}
    for code, column in PROFILE_COLUMNS.items():
        rows = accepted.values(column).annotate(n=Count("id")).order_by(column)
        result[code] = [(row[column], row["n"]) for row in rows]
    return result


# --- indices ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemResult:
    """One unsur/item: answers counted, exact mean (NRR) and its 95 % interval."""

    code: str
    name: str
    count: int
    mean: Fraction
    ci: tuple[Decimal, Decimal] | None

    @property
    def mean2(self) -> Decimal:
        return indices.round_half_up(self.mean, 2)

    @property
    def mean3(self) -> Decimal:
        return indices.round_half_up(self.mean, 3)


@dataclass(frozen=True)
class GroupResult:
    """The indices of the whole wave or of one service."""

    label: str
    service_id: int | None
    population: int
    target: int
    respondents: int
    held: int
    items: tuple[ItemResult, ...] = ()
    value_exact: Fraction | None = None  # IKM (25–100) or index (0–4)
    value: Decimal | None = None  # what is shown and classified: 2 decimals
    mutu: str = ""
    kinerja: str = ""
    raw_mean: Fraction | None = None  # SPAK/SPKP: weighted mean on the instrument scale
    points: Fraction | None = None  # SPAK/SPKP: LKE points (index / 4 × 17,5)
    ci: tuple[Decimal, Decimal] | None = None  # 95 % interval of the value

    @property
    def below_target(self) -> bool:
        return self.respondents < self.target

    @property
    def progress_percent(self) -> int:
        if not self.target:
            return 0
        return min(100, round(100 * self.respondents / self.target))

    @property
    def interval3(self) -> Decimal | None:
        """SKM nilai interval on 1–4 (Σ NRR × bobot) = IKM / 25."""
        return None if self.value_exact is None else indices.round_half_up(self.value_exact / 25, 3)

    @property
    def raw_mean2(self) -> Decimal | None:
        return None if self.raw_mean is None else indices.round_half_up(self.raw_mean, 2)

    @property
    def points2(self) -> Decimal | None:
        return None if self.points is None else indices.round_half_up(self.points, 2)


@dataclass(frozen=True)
class WaveResults:
    wave_id: int
    kind: str
    scale: int
    conversion: str
    overall: GroupResult
    services: tuple[GroupResult, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def respondents(self) -> int:
        return self.overall.respondents

    @property
    def value(self) -> Decimal | None:
        return self.overall.value

    @property
    def value_exact(self) -> Fraction | None:
        return self.overall.value_exact

    @property
    def mutu(self) -> str:
        return self.overall.mutu


Key = tuple[int, int]  # (wave id, service id)


def answer_aggregates(wave_ids: Sequence[int]) -> dict[Key, dict[str, tuple[int, int, int]]]:
    """COUNT, SUM, SUM of squares per (wave, service, item) over accepted responses."""
    rows = (
        Answer.objects.filter(response__wave_id__in=wave_ids, response__status=ACCEPTED)
        .order_by()
        .values("response__wave_id", "response__service_id", "item_code")
        .annotate(n=Count("id"), total=Sum("value"), total_sq=Sum(F("value") * F("value")))
    )
    result: dict[Key, dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for row in rows:
        key = (row["response__wave_id"], row["response__service_id"])
        result[key][row["item_code"]] = (int(row["n"]), int(row["total"]), int(row["total_sq"]))
    return result


def respondent_aggregates(wave_ids: Sequence[int]) -> dict[Key, dict[str, tuple[int, int, int]]]:
    """Per (wave, service, status): COUNT, SUM and SUM of squares of the weighted score."""
    rows = (
        Response.objects.filter(wave_id__in=wave_ids)
        .order_by()
        .values("wave_id", "service_id", "status")
        .annotate(
            n=Count("id"),
            total=Sum("weighted_total"),
            total_sq=Sum(F("weighted_total") * F("weighted_total")),
        )
    )
    result: dict[Key, dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for row in rows:
        result[(row["wave_id"], row["service_id"])][row["status"]] = (
            int(row["n"]),
            int(row["total"] or 0),
            int(row["total_sq"] or 0),
        )
    return result


def _merge(parts: Iterable[dict[str, tuple[int, int, int]]]) -> dict[str, tuple[int, int, int]]:
    merged: dict[str, list[int]] = {}
    for part in parts:
        for code, (n, total, total_sq) in part.items():
            acc = merged.setdefault(code, [0, 0, 0])
            acc[0] += n
            acc[1] += total
            acc[2] += total_sq
    return {code: (acc[0], acc[1], acc[2]) for code, acc in merged.items()}


@lru_cache(maxsize=8192)
def _t_critical(df: int) -> float:
    return indices.t_critical(df)


def _interval(count: int, total: int, total_sq: int) -> tuple[Decimal, Decimal]:
    """indices.mean_confidence_interval with Student's t cached per df (it costs ~15 ms each).

    Same formula — mean ± t·s/√n from COUNT, SUM, SUM² — and a test keeps the two equal.
    """
    # variance = (Σx² − (Σx)²/n) / (n − 1) = (n·Σx² − (Σx)²) / (n·(n − 1)), in whole numbers;
    # each Decimal quotient is correctly rounded, so the result is the same to the last digit.
    spread = count * total_sq - total * total
    if spread < 0:
        raise ValueError("inconsistent aggregates: SUM of squares is below SUM²/COUNT")
    with localcontext() as context:
        context.prec = 28
        half_width = (
            Decimal(repr(_t_critical(count - 1)))
            * (Decimal(spread) / Decimal(count * (count - 1))).sqrt()
            / Decimal(count).sqrt()
        )
        centre = Decimal(total) / Decimal(count)
        return centre - half_width, centre + half_width


def _clamped(interval: tuple[Decimal, Decimal], scale: int) -> tuple[Decimal, Decimal]:
    """A mean cannot leave 1..scale: cut the Student t interval there (small samples)."""
    low, high = interval
    return max(low, Decimal(1)), min(high, Decimal(scale))


def _convert(wave: SurveyWave, mean: Decimal) -> Decimal:
    """Bring a mean on the instrument scale to the 0–4 index (A.9); 1–4 needs no conversion."""
    if wave.scale == indices.SKM_SCALE and not wave.conversion:
        return mean
    converted = indices.survey_index(
        {"x": mean}, wave.scale, wave.conversion or None, weights={"x": 1}
    ).index
    return Decimal(converted.numerator) / Decimal(converted.denominator)


def _group(
    wave: SurveyWave,
    *,
    label: str,
    service_id: int | None,
    population: int,
    target: int,
    items: dict[str, tuple[int, int, int]],
    accepted: tuple[int, int, int],
    held: int,
) -> GroupResult:
    respondents, score_total, score_sq = accepted
    base: dict[str, Any] = {
        "label": label,
        "service_id": service_id,
        "population": population,
        "target": target,
        "respondents": respondents,
        "held": held,
    }
    if respondents == 0 or not items:
        return GroupResult(**base)
    instrument = wave.instrument_obj
    names = {item.code: item.name for item in instrument.items}
    aggregates = [
        indices.ItemAggregate(code, *items.get(code, (0, 0, 0))) for code in instrument.codes
    ]
    item_results = tuple(
        ItemResult(
            code=agg.code,
            name=names[agg.code],
            count=agg.count,
            mean=indices.nrr(agg.total, agg.count),
            ci=_clamped(_interval(agg.count, int(agg.total), int(agg.total_sq or 0)), wave.scale)
            if agg.count >= 2
            else None,
        )
        for agg in aggregates
    )
    denominator = Decimal(wave.weight_denominator)
    ci_score: tuple[Decimal, Decimal] | None = None
    if respondents >= 2:
        low, high = _interval(respondents, score_total, score_sq)
        ci_score = _clamped((low / denominator, high / denominator), wave.scale)
    if wave.kind == SurveyWave.Kind.SKM:
        skm = indices.skm_from_aggregates(
            aggregates, respondents=respondents, weights=wave.weights()
        )
        ci = (ci_score[0] * 25, ci_score[1] * 25) if ci_score else None
        return GroupResult(
            **base, items=item_results, value_exact=skm.ikm.ikm_exact, value=skm.ikm.ikm,
            mutu=skm.ikm.mutu, kinerja=skm.ikm.kinerja, ci=ci,
        )  # fmt: skip
    survey = indices.survey_from_aggregates(
        aggregates,
        respondents=respondents,
        scale=wave.scale,
        conversion=wave.conversion or None,
        weights=wave.weights(),
    )
    ci = (_convert(wave, ci_score[0]), _convert(wave, ci_score[1])) if ci_score else None
    return GroupResult(
        **base, items=item_results, value_exact=survey.index.index,
        value=indices.round_half_up(survey.index.index, 2), raw_mean=survey.index.raw_mean,
        points=survey.index.points, ci=ci,
    )  # fmt: skip


def wave_results_many(waves: Sequence[SurveyWave]) -> dict[int, WaveResults]:
    """Indices of many waves from two aggregate queries (services read in one more)."""
    ids = [wave.pk for wave in waves]
    items_by_key = answer_aggregates(ids)
    people_by_key = respondent_aggregates(ids)
    services_by_wave: dict[int, list[WaveService]] = defaultdict(list)
    for service in WaveService.objects.filter(wave_id__in=ids).order_by("position", "id"):
        services_by_wave[service.wave_id].append(service)
    return {
        wave.pk: _wave_results(wave, services_by_wave[wave.pk], items_by_key, people_by_key)
        for wave in waves
    }


def _wave_results(
    wave: SurveyWave,
    services: list[WaveService],
    items_by_key: dict[Key, dict[str, tuple[int, int, int]]],
    people_by_key: dict[Key, dict[str, tuple[int, int, int]]],
) -> WaveResults:
    groups = []
    warnings: list[str] = []
    for service in services:
        key = (wave.pk, service.pk)
        people = people_by_key.get(key, {})
        group = _group(
            wave,
            label=service.name,
            service_id=service.pk,
            population=service.population,
            target=service.target_sample,
            items=items_by_key.get(key, {}),
            accepted=people.get(ACCEPTED, (0, 0, 0)),
            held=people.get(HELD, (0, 0, 0))[0],
        )
        groups.append(group)
        if group.below_target:
            warnings.append(
                _(
                    "Layanan %(name)s: %(n)d responden, di bawah target sampel %(target)d "
                    "(Krejcie & Morgan)."
                )
                % {"name": service.name, "n": group.respondents, "target": group.target}
            )
    all_people = [people_by_key.get((wave.pk, s.pk), {}) for s in services]
    accepted = tuple(sum(p.get(ACCEPTED, (0, 0, 0))[i] for p in all_people) for i in range(3))
    overall = _group(
        wave,
        label=_("Seluruh layanan"),
        service_id=None,
        population=sum(s.population for s in services),
        target=sum(s.target_sample for s in services),
        items=_merge(items_by_key.get((wave.pk, s.pk), {}) for s in services),
        accepted=(accepted[0], accepted[1], accepted[2]),
        held=sum(p.get(HELD, (0, 0, 0))[0] for p in all_people),
    )
    if overall.below_target and services:
        warnings.insert(
            0,
            _(
                "Jumlah responden (%(n)d) di bawah target sampel %(target)d: hasil belum "
                "mewakili populasi penerima layanan."
            )
            % {"n": overall.respondents, "target": overall.target},
        )
    if overall.held:
        warnings.append(
            _("%(n)d jawaban masih ditahan untuk ditinjau dan belum dihitung.")
            % {"n": overall.held}
        )
    return WaveResults(
        wave_id=wave.pk,
        kind=wave.kind,
        scale=wave.scale,
        conversion=wave.conversion,
        overall=overall,
        services=tuple(groups),
        warnings=tuple(warnings),
    )


def wave_results(wave: SurveyWave) -> WaveResults:
    """The indices of one wave, per service and overall."""
    return wave_results_many([wave])[wave.pk]


def _text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Fraction):
        return str(indices.round_half_up(value, 6))
    if isinstance(value, Decimal):
        return str(value)
    return value


def _group_json(group: GroupResult) -> dict[str, Any]:
    return {
        "label": group.label,
        "service_id": group.service_id,
        "population": group.population,
        "target": group.target,
        "respondents": group.respondents,
        "value": _text(group.value),
        "value_exact": _text(group.value_exact),
        "mutu": group.mutu,
        "kinerja": group.kinerja,
        "raw_mean": _text(group.raw_mean),
        "points": _text(group.points),
        "ci": [str(group.ci[0]), str(group.ci[1])] if group.ci else None,
        "items": [
            {"code": item.code, "name": item.name, "count": item.count, "mean": _text(item.mean)}
            for item in group.items
        ],
    }


def results_as_json(results: WaveResults) -> dict[str, Any]:
    """A JSON record of a wave's indices, frozen when the wave closes."""
    return {
        "overall": _group_json(results.overall),
        "services": [_group_json(group) for group in results.services],
        "warnings": list(results.warnings),
        "scale": results.scale,
        "conversion": results.conversion,
    }


@dataclass(frozen=True)
class WaveFact:
    """One wave of a unit-year as the Pasal 9 progress checklist sees it."""

    kind: str
    label: str
    status_label: str
    closed: bool
    url: str


def wave_facts(unit: Unit, year: int) -> list[WaveFact]:
    """Pasal 9 angka 3: the unit's survey waves of the year (one query)."""
    return [
        WaveFact(
            kind=kind,
            label=SurveyWave.Kind(kind).label.split(" — ")[0],
            status_label=str(SurveyWave.Status(status).label),
            closed=status == SurveyWave.Status.CLOSED,
            url=reverse("surveys:wave_detail", args=[pk]),
        )
        for kind, status, pk in SurveyWave.objects.filter(unit=unit, year=year)
        .order_by("pk")
        .values_list("kind", "status", "pk")
    ]

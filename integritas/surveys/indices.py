"""Survey indices: IKM (SKM, PermenPANRB 14/2017), IPAK/IPKP (SPAK/SPKP) and sample size.

Pure Python: no Django, no other integritas app. Numbers are exact (`Fraction`, `Decimal`);
only `round_half_up` rounds, and only where a rule or a display asks for it (docs/zi-rules.md A.4).

Two entry points per survey: ``*_from_aggregates`` takes COUNT/SUM per item, as SQL computes
them; ``*_from_rows`` takes raw answer rows (the CLI). Both end in the same computation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum
from fractions import Fraction
from typing import Final

Number = int | Decimal | Fraction

SKM_SCALE: Final = 4
"""PermenPANRB 14/2017: every unsur is answered on 1–4."""

SUPPORTED_SCALES: Final = (4, 6)
"""docs/zi-rules.md A.9: SPAK/SPKP instruments are 1–4 (default) or 1–6 (the court questionnaires)."""

HASIL_SURVEY_WEIGHT: Final = Fraction(35, 2)
"""PermenPANRB 90/2021 LKE hasil: IPAK and IPKP are each worth 17,50 points."""


class Conversion(StrEnum):
    """docs/zi-rules.md A.9: named strategies to bring a 1–6 mean onto the 0–4 LKE index."""

    PROPORTIONAL = "proportional"
    RANGE_1_4 = "range-1-4"
    RANGE_0_4 = "range-0-4"


class SampleMethod(StrEnum):
    """docs/zi-rules.md A.9: the Krejcie & Morgan formula, or the next published table row up."""

    FORMULA = "formula"
    TABLE_NEXT_ROW = "table-next-row"


@dataclass(frozen=True)
class MutuBand:
    """One row of the 14/2017 interval table: lower bound (inclusive, 25–100), mutu, kinerja."""

    lower: Decimal
    mutu: str
    kinerja: str


SKM_BANDS: Final = (
    MutuBand(Decimal("88.31"), "A", "Sangat Baik"),
    MutuBand(Decimal("76.61"), "B", "Baik"),
    MutuBand(Decimal("65.00"), "C", "Kurang Baik"),
    MutuBand(Decimal("25.00"), "D", "Tidak Baik"),
)
"""PermenPANRB 14/2017 Lampiran, nilai interval konversi (docs/zi-rules.md §3.5), best band first."""

# fmt: off
KREJCIE_MORGAN_TABLE: Final = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44),
    (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76),
    (100, 80), (110, 86), (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118),
    (180, 123), (190, 127), (200, 132), (210, 136), (220, 140), (230, 144), (240, 148),
    (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
    (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254),
    (800, 260), (850, 265), (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291),
    (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313), (1800, 317), (1900, 320),
    (2000, 322), (2200, 327), (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346),
    (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (1000000, 384),
)
# fmt: on
"""Krejcie & Morgan (1970) table as published with 14/2017 (docs/zi-rules.md §3.6): (N, n)."""

_KM_CHI_SQUARE: Final = Fraction(3841, 1000)
_KM_P: Final = Fraction(1, 2)
_KM_D: Final = Fraction(1, 20)


@dataclass(frozen=True)
class ItemAggregate:
    """What SQL computes for one item: COUNT, SUM and (for intervals) SUM of squares."""

    code: str
    count: int
    total: Number
    total_sq: Number | None = None


@dataclass(frozen=True)
class ItemMean:
    """One item's answer count and exact mean (the NRR of an SKM unsur)."""

    code: str
    count: int
    mean: Fraction


@dataclass(frozen=True)
class IkmResult:
    """An IKM with its weights, exact value, the 2-decimal value and its classification."""

    weights: tuple[tuple[str, Fraction], ...]
    nilai_interval: Fraction  # Σ NRR × bobot, on 1–4
    ikm_exact: Fraction  # 25–100
    ikm: Decimal  # ikm_exact rounded half up to 2 decimals; the value that is classified
    mutu: str
    kinerja: str


@dataclass(frozen=True)
class SkmResult:
    """An SKM wave: respondents, NRR per unsur and the IKM."""

    respondents: int
    items: tuple[ItemMean, ...]
    ikm: IkmResult

    def nrr_by_unsur(self) -> dict[str, Fraction]:
        """Return the exact NRR keyed by unsur code, in instrument order."""
        return {item.code: item.mean for item in self.items}


@dataclass(frozen=True)
class SurveyIndexResult:
    """An IPAK/IPKP index: the raw mean on the instrument's scale, the 0–4 index and LKE points."""

    scale: int
    conversion: Conversion | None
    raw_mean: Fraction
    index: Fraction
    points: Fraction


@dataclass(frozen=True)
class SurveyResult:
    """A SPAK/SPKP wave: respondents, mean per item and the index."""

    respondents: int
    items: tuple[ItemMean, ...]
    index: SurveyIndexResult

    def means_by_item(self) -> dict[str, Fraction]:
        """Return the exact mean keyed by item code, in instrument order."""
        return {item.code: item.mean for item in self.items}


def _fraction(value: Number, what: str) -> Fraction:
    # bool is an int, float is inexact: both are caller mistakes, not numbers of a survey.
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise TypeError(f"{what} must be int, Decimal or Fraction, not {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{what} must be finite, not {value}")
    return Fraction(value)


def _count(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return value


def round_half_up(value: Number, places: int = 2) -> Decimal:
    """docs/zi-rules.md A.4/A.6: round exactly, half away from zero, to `places` decimals."""
    scaled = _fraction(value, "value") * 10**places
    magnitude = math.floor(abs(scaled) + Fraction(1, 2))
    return Decimal(-magnitude if scaled < 0 else magnitude).scaleb(-places)


def nrr(sum_: Number, count: int) -> Fraction:
    """PermenPANRB 14/2017: NRR per unsur = Σ nilai / jumlah kuesioner yang terisi."""
    if _count(count, "count") <= 0:
        raise ValueError("an item needs at least one answer to have a mean")
    return _fraction(sum_, "sum") / count


def equal_weights(codes: Sequence[str]) -> dict[str, Fraction]:
    """PermenPANRB 14/2017: bobot = jumlah bobot / jumlah unsur (1/9 for nine unsur)."""
    if not codes:
        raise ValueError("at least one item is needed")
    if len(set(codes)) != len(codes):
        raise ValueError("item codes must be unique")
    return {code: Fraction(1, len(codes)) for code in codes}


def _checked_weights(
    codes: Sequence[str], weights: Mapping[str, Number] | None
) -> dict[str, Fraction]:
    if weights is None:
        return equal_weights(codes)
    if set(weights) != set(codes):
        missing = sorted(set(codes) - set(weights))
        extra = sorted(set(weights) - set(codes))
        raise ValueError(f"weights must cover exactly the items (missing {missing}, extra {extra})")
    result = {code: _fraction(weights[code], f"weight of {code}") for code in codes}
    if any(weight < 0 for weight in result.values()):
        raise ValueError("weights must not be negative")
    if sum(result.values(), Fraction(0)) != 1:
        raise ValueError(f"weights must sum to 1, not {sum(result.values(), Fraction(0))}")
    return result


def classify_ikm(ikm: Decimal) -> MutuBand:
    """PermenPANRB 14/2017 Lampiran: mutu A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; D otherwise."""
    for band in SKM_BANDS:
        if ikm >= band.lower:
            return band
    return SKM_BANDS[-1]


def ikm_from_nrr(
    nrr_by_unsur: Mapping[str, Number], weights: Mapping[str, Number] | None = None
) -> IkmResult:
    """PermenPANRB 14/2017: IKM = Σ NRR × 1/9 × 25, rounded to 2 decimals, then classified."""
    codes = list(nrr_by_unsur)
    checked = _checked_weights(codes, weights)
    values = {code: _fraction(nrr_by_unsur[code], f"NRR of {code}") for code in codes}
    for code, value in values.items():
        if not 1 <= value <= SKM_SCALE:
            raise ValueError(f"NRR of {code} must lie in 1..{SKM_SCALE}, not {value}")
    nilai_interval = sum((values[code] * checked[code] for code in codes), Fraction(0))
    ikm_exact = nilai_interval * 25
    ikm = round_half_up(ikm_exact, 2)
    band = classify_ikm(ikm)
    return IkmResult(
        weights=tuple(checked.items()),
        nilai_interval=nilai_interval,
        ikm_exact=ikm_exact,
        ikm=ikm,
        mutu=band.mutu,
        kinerja=band.kinerja,
    )


def _item_means(aggregates: Iterable[ItemAggregate], respondents: int) -> tuple[ItemMean, ...]:
    respondents = _count(respondents, "respondents")
    if respondents <= 0:
        raise ValueError("no respondents")
    items: list[ItemMean] = []
    for aggregate in aggregates:
        count = _count(aggregate.count, f"count of {aggregate.code}")
        if count == 0:
            raise ValueError(f"item {aggregate.code} has no answers")
        if count > respondents:
            raise ValueError(f"item {aggregate.code} has more answers than respondents")
        items.append(ItemMean(aggregate.code, count, nrr(aggregate.total, count)))
    if not items:
        raise ValueError("at least one item is needed")
    if len({item.code for item in items}) != len(items):
        raise ValueError("item codes must be unique")
    return tuple(items)


def skm_from_aggregates(
    aggregates: Iterable[ItemAggregate],
    *,
    respondents: int,
    weights: Mapping[str, Number] | None = None,
) -> SkmResult:
    """PermenPANRB 14/2017: NRR per unsur from COUNT/SUM, then IKM = Σ NRR × bobot × 25."""
    items = _item_means(aggregates, respondents)
    ikm = ikm_from_nrr({item.code: item.mean for item in items}, weights)
    return SkmResult(respondents=respondents, items=items, ikm=ikm)


def _convert(mean: Fraction, scale: int, conversion: Conversion | None) -> Fraction:
    if scale == 4:
        if conversion is not None:
            raise ValueError("a 1–4 instrument needs no conversion; pass conversion=None")
        return mean
    if conversion is None:
        raise ValueError(
            "a 1–6 instrument needs an explicit conversion: "
            + ", ".join(member.value for member in Conversion)
        )
    if conversion is Conversion.PROPORTIONAL:
        return mean * Fraction(4, 6)
    if conversion is Conversion.RANGE_1_4:
        return 1 + (mean - 1) * Fraction(3, 5)
    return (mean - 1) * Fraction(4, 5)


def survey_index(
    item_means: Mapping[str, Number],
    scale: int,
    conversion: Conversion | str | None = None,
    *,
    weights: Mapping[str, Number] | None = None,
    points_weight: Number = HASIL_SURVEY_WEIGHT,
) -> SurveyIndexResult:
    """docs/zi-rules.md A.9/A.5: index = mean of item means on 0–4 (1–6 converted); points = index/4 × 17,5."""
    if _count(scale, "scale") not in SUPPORTED_SCALES:
        raise ValueError(f"scale must be one of {SUPPORTED_SCALES}, not {scale}")
    strategy = None if conversion is None else Conversion(conversion)
    codes = list(item_means)
    checked = _checked_weights(codes, weights)
    means = {code: _fraction(item_means[code], f"mean of {code}") for code in codes}
    for code, value in means.items():
        if not 1 <= value <= scale:
            raise ValueError(f"mean of {code} must lie in 1..{scale}, not {value}")
    raw_mean = sum((means[code] * checked[code] for code in codes), Fraction(0))
    index = _convert(raw_mean, scale, strategy)
    points = index / 4 * _fraction(points_weight, "points_weight")
    return SurveyIndexResult(
        scale=scale, conversion=strategy, raw_mean=raw_mean, index=index, points=points
    )


def survey_from_aggregates(
    aggregates: Iterable[ItemAggregate],
    *,
    respondents: int,
    scale: int,
    conversion: Conversion | str | None = None,
    weights: Mapping[str, Number] | None = None,
) -> SurveyResult:
    """docs/zi-rules.md §2.3/A.9: item means from COUNT/SUM, then the IPAK/IPKP index."""
    items = _item_means(aggregates, respondents)
    index = survey_index(
        {item.code: item.mean for item in items}, scale, conversion, weights=weights
    )
    return SurveyResult(respondents=respondents, items=items, index=index)


def aggregate_rows(
    rows: Iterable[Mapping[str, int | None]], codes: Sequence[str], scale: int
) -> tuple[int, tuple[ItemAggregate, ...]]:
    """Count respondents (rows with at least one answer) and COUNT/SUM/SUM² per item."""
    if not codes or len(set(codes)) != len(codes):
        raise ValueError("item codes must be non-empty and unique")
    counts = dict.fromkeys(codes, 0)
    totals = dict.fromkeys(codes, 0)
    squares = dict.fromkeys(codes, 0)
    respondents = 0
    for number, row in enumerate(rows, start=1):
        answered = False
        for code in codes:
            value = row.get(code)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= scale:
                raise ValueError(
                    f"row {number}, item {code}: {value!r} is not an answer 1..{scale}"
                )
            answered = True
            counts[code] += 1
            totals[code] += value
            squares[code] += value * value
        if answered:
            respondents += 1
    aggregates = tuple(
        ItemAggregate(code, counts[code], totals[code], squares[code]) for code in codes
    )
    return respondents, aggregates


def skm_from_rows(
    rows: Iterable[Mapping[str, int | None]],
    codes: Sequence[str],
    *,
    weights: Mapping[str, Number] | None = None,
) -> SkmResult:
    """PermenPANRB 14/2017: IKM from raw answer rows (None = not answered)."""
    respondents, aggregates = aggregate_rows(rows, codes, SKM_SCALE)
    return skm_from_aggregates(aggregates, respondents=respondents, weights=weights)


def survey_from_rows(
    rows: Iterable[Mapping[str, int | None]],
    codes: Sequence[str],
    *,
    scale: int,
    conversion: Conversion | str | None = None,
    weights: Mapping[str, Number] | None = None,
) -> SurveyResult:
    """docs/zi-rules.md §2.3/A.9: IPAK/IPKP from raw answer rows (None = not answered)."""
    respondents, aggregates = aggregate_rows(rows, codes, scale)
    return survey_from_aggregates(
        aggregates, respondents=respondents, scale=scale, conversion=conversion, weights=weights
    )


def krejcie_morgan(population: int) -> Fraction:
    """Krejcie & Morgan 1970: s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)), χ² 3,841, P 0,5, d 0,05."""
    n = _fraction(population, "population")
    spread = _KM_CHI_SQUARE * _KM_P * (1 - _KM_P)
    return spread * n / (_KM_D**2 * (n - 1) + spread)


def sample_size(population: int, method: SampleMethod | str = SampleMethod.FORMULA) -> int:
    """docs/zi-rules.md A.9: Krejcie & Morgan sample, rounded half up, never above N (or next table row)."""
    if _count(population, "population") < 1:
        raise ValueError(f"population must be a positive whole number, not {population}")
    if SampleMethod(method) is SampleMethod.TABLE_NEXT_ROW:
        row = next(
            (n for size, n in KREJCIE_MORGAN_TABLE if size >= population),
            KREJCIE_MORGAN_TABLE[-1][1],
        )
        return min(population, row)
    return min(population, int(round_half_up(krejcie_morgan(population), 0)))


def _continued_fraction(a: float, b: float, x: float) -> float:
    # Lentz's method for the incomplete beta continued fraction (Numerical Recipes §6.4).
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _continued_fraction(b, a, 1.0 - x) / b


def t_critical(df: int, confidence: Number = Fraction(95, 100)) -> float:
    """Student's t: the two-sided critical value for `df` degrees of freedom."""
    level = float(_fraction(confidence, "confidence"))
    if _count(df, "df") < 1 or not 0 < level < 1:
        raise ValueError("df must be ≥ 1 and confidence within (0, 1)")
    alpha = 1.0 - level

    def tail(t: float) -> float:  # P(|T| > t)
        return _incomplete_beta(df / 2.0, 0.5, df / (df + t * t))

    low, high = 0.0, 1.0
    while tail(high) > alpha:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if tail(middle) > alpha:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


def mean_confidence_interval(
    count: int, total: Number, total_sq: Number, *, confidence: Number = Fraction(95, 100)
) -> tuple[Decimal, Decimal]:
    """Student's t interval for a mean from COUNT, SUM and SUM of squares: mean ± t·s/√n."""
    n = _count(count, "count")
    if n < 2:
        raise ValueError("a confidence interval needs at least two answers")
    sum_ = _fraction(total, "total")
    mean = sum_ / n
    variance = (_fraction(total_sq, "total_sq") - sum_ * sum_ / n) / (n - 1)
    if variance < 0:
        raise ValueError("inconsistent aggregates: SUM of squares is below SUM²/COUNT")
    with localcontext() as context:
        context.prec = 28
        half_width = (
            Decimal(repr(t_critical(n - 1, confidence)))
            * (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
            / Decimal(n).sqrt()
        )
        centre = Decimal(mean.numerator) / Decimal(mean.denominator)
        return centre - half_width, centre + half_width

"""CSV and XLSX exports of a wave's responses and results, written through common.exports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from integritas.common import exports
from integritas.surveys.models import PROFILE_COLUMNS, SurveyWave
from integritas.surveys.selectors import GroupResult, WaveResults, responses_for_export

CSV_MIME = exports.CSV_MIME
XLSX_MIME = exports.XLSX_MIME


def _filename(wave: SurveyWave, what: str, fmt: str) -> str:
    return f"{slugify(f'{wave.kind}-{wave.unit.code}-{wave.period_label}')}-{what}.{fmt}"


def response_header(wave: SurveyWave) -> list[str]:
    return [
        "id", "masuk", "saluran", "status", "alasan_ditahan", "catatan_peninjau", "layanan",
        *PROFILE_COLUMNS, "lama_detik", *wave.item_codes,
    ]  # fmt: skip


def response_rows(wave: SurveyWave) -> Iterator[list[Any]]:
    """One row per response, answers in instrument order; chunked, a fixed number of queries."""
    codes = wave.item_codes
    for response in responses_for_export(wave).iterator(chunk_size=2000):
        answers = {a.item_code: a.value for a in response.answers.all()}
        yield [
            response.pk,
            timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M:%S"),
            response.get_channel_display(),  # words, not the stored English codes
            response.get_status_display(),
            "; ".join(response.reason_labels()),
            response.review_note,
            response.service.name,
            *(getattr(response, column) for column in PROFILE_COLUMNS.values()),
            response.duration_seconds if response.duration_seconds is not None else "",
            *(answers.get(code, "") for code in codes),
        ]


def _group_rows(group: GroupResult, wave: SurveyWave) -> Iterator[list[Any]]:
    for item in group.items:
        yield [
            group.label, item.code, item.name, item.count, str(item.mean3),
            str(item.ci[0].quantize(_Q3)) if item.ci else "",
            str(item.ci[1].quantize(_Q3)) if item.ci else "",
        ]  # fmt: skip


def result_rows(wave: SurveyWave, results: WaveResults) -> Iterator[list[Any]]:
    """Summary rows (index per service and overall), then the mean of every item per group."""
    is_skm = wave.kind == SurveyWave.Kind.SKM
    yield [
        "kelompok", "populasi", "target_sampel", "responden", "ditahan",
        "ikm" if is_skm else "indeks", "mutu" if is_skm else "rata_rata_mentah",
        "kinerja" if is_skm else "poin_lke", "ci95_bawah", "ci95_atas",
    ]  # fmt: skip
    for group in (results.overall, *results.services):
        yield [
            group.label, group.population, group.target, group.respondents, group.held,
            str(group.value) if group.value is not None else "",
            group.mutu if is_skm else (str(group.raw_mean2) if group.raw_mean is not None else ""),
            group.kinerja if is_skm else (str(group.points2) if group.points is not None else ""),
            str(group.ci[0].quantize(_Q2)) if group.ci else "",
            str(group.ci[1].quantize(_Q2)) if group.ci else "",
        ]  # fmt: skip
    yield []
    yield [
        "kelompok",
        "kode",
        "unsur_butir",
        "jumlah_jawaban",
        "rata_rata",
        "ci95_bawah",
        "ci95_atas",
    ]
    for group in (results.overall, *results.services):
        yield from _group_rows(group, wave)


from decimal import Decimal  # noqa: E402

_Q2 = Decimal("0.01")
_Q3 = Decimal("0.001")


def _csv_stream(rows: Iterator[list[Any]]) -> Iterator[str]:
    return exports.csv_lines(rows)


def _xlsx(sheets: list[tuple[str, Iterator[list[Any]]]]) -> bytes:
    return exports.xlsx(sheets)


def _attach(response: HttpResponse | StreamingHttpResponse, filename: str):
    return exports.attachment(response, filename)


def responses_response(wave: SurveyWave, fmt: str):
    rows = (row for row in [response_header(wave)])

    def all_rows() -> Iterator[list[Any]]:
        yield from rows
        yield from response_rows(wave)

    if fmt == "csv":
        return _attach(
            StreamingHttpResponse(_csv_stream(all_rows()), content_type=CSV_MIME),
            _filename(wave, "jawaban", "csv"),
        )
    if fmt == "xlsx":
        return _attach(
            HttpResponse(_xlsx([("Jawaban", all_rows())]), content_type=XLSX_MIME),
            _filename(wave, "jawaban", "xlsx"),
        )
    raise Http404


def results_response(wave: SurveyWave, results: WaveResults, fmt: str):
    if fmt == "csv":
        return _attach(
            HttpResponse("".join(_csv_stream(result_rows(wave, results))), content_type=CSV_MIME),
            _filename(wave, "hasil", "csv"),
        )
    if fmt == "xlsx":
        return _attach(
            HttpResponse(_xlsx([("Hasil", result_rows(wave, results))]), content_type=XLSX_MIME),
            _filename(wave, "hasil", "xlsx"),
        )
    raise Http404

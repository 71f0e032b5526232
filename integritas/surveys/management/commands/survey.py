"""`integritas survey`: IKM, IPAK/IPKP and sample sizes from CSV files, printed as JSON.

Bad input never yields a partial result: every problem is listed on stderr (one line each, with
the 1-based data row number and the column), nothing is printed on stdout, and the exit status is 2.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from integritas.common import tabular
from integritas.surveys import indices
from integritas.surveys.instruments import Instrument, bundled_instrument

SKM_INSTRUMENT = "skm-14-2017"
INDEX_INSTRUMENTS = ("spak", "spkp")
DELIMITERS = (",", ";")
# Answer files hold one row per respondent: a sample, never a population register.
ANSWERS_FORMAT = tabular.import_format("surveys.answers_file", max_rows=100_000, max_cols=200)

_INTEGRAL = re.compile(r"^[+-]?[0-9]+(?:[.,]0+)?$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+[.,][0-9]*|[.,][0-9]+)$")
_POSITIVE_INTEGER = re.compile(r"^[0-9]+$")
MAX_DIGITS = 18  # longer numbers are refused before any conversion (and shown shortened)


def _shown(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-5:]} ({len(text)} karakter)"


class SurveyInputError(CommandError):
    """Input the command cannot use; `errors` holds one Indonesian message per problem."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("\n".join(errors), returncode=2)
        self.errors = list(errors)


def _number(value: Fraction | Decimal) -> float:
    """Round half up to 2 decimals for JSON (the computation itself stays exact)."""
    return float(indices.round_half_up(value, 2))


class Command(BaseCommand):
    help = _(
        "Hitung IKM (SKM, PermenPANRB 14/2017), IPAK/IPKP (SPAK/SPKP) dan besar sampel "
        "(Krejcie & Morgan) dari berkas CSV; hasil dicetak sebagai JSON."
    )
    requires_system_checks = []  # pure computation: no database, no URLs
    stealth_options = ("stdin",)  # call_command(..., stdin=stream) stands in for "-"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{skm,index,sample-size}")

        skm = sub.add_parser("skm", help=_("IKM dari jawaban SKM (kolom U1 … U9, nilai 1–4)."))
        skm.add_argument("file", metavar="FILE", help=_("berkas CSV, atau - untuk stdin"))

        index = sub.add_parser("index", help=_("IPAK/IPKP dari jawaban SPAK/SPKP (kolom Q1 … Qk)."))
        index.add_argument("--instrument", metavar="spak|spkp", help=_("instrumen survei"))
        index.add_argument(
            "--scale", metavar="4|6", help=_("skala jawaban (bawaan: skala instrumen, 1–4)")
        )
        index.add_argument(
            "--conversion",
            metavar="|".join(indices.Conversion),
            help=_("konversi rata-rata skala 1–6 ke indeks 0–4 (wajib untuk --scale 6)"),
        )
        index.add_argument("file", metavar="FILE", help=_("berkas CSV, atau - untuk stdin"))

        size = sub.add_parser(
            "sample-size", help=_("Besar sampel Krejcie & Morgan untuk populasi N.")
        )
        size.add_argument(
            "population", metavar="N", help=_("jumlah populasi (bilangan bulat positif)")
        )
        size.add_argument(
            "--method",
            default=indices.SampleMethod.FORMULA.value,
            metavar="|".join(indices.SampleMethod),
            help=_("rumus (bawaan) atau baris tabel berikutnya ke atas"),
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except SurveyInputError as exc:
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            for line in exc.errors:
                self.stderr.write(line)
            sys.exit(exc.returncode)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "skm":
            payload = self._skm(options)
        elif action == "index":
            payload = self._index(options)
        else:
            payload = self._sample_size(options)
        self.stdout.write(json.dumps(payload, ensure_ascii=False))

    def _skm(self, options: dict[str, Any]) -> dict[str, object]:
        instrument = bundled_instrument(SKM_INSTRUMENT)
        rows = _read_answers(
            options["file"], options.get("stdin"), instrument.codes, indices.SKM_SCALE
        )
        result = indices.skm_from_rows(rows, instrument.codes, weights=instrument.weights())
        return {
            "respondents": result.respondents,
            "nrr": {item.code: _number(item.mean) for item in result.items},
            "ikm": float(result.ikm.ikm),
            "mutu": result.ikm.mutu,
            "kinerja": result.ikm.kinerja,
        }

    def _index(self, options: dict[str, Any]) -> dict[str, object]:
        instrument, scale, conversion = _index_options(options)
        rows = _read_answers(options["file"], options.get("stdin"), instrument.codes, scale)
        result = indices.survey_from_rows(
            rows,
            instrument.codes,
            scale=scale,
            conversion=conversion,
            weights=instrument.weights(),
        )
        return {
            "instrument": instrument.code,
            "respondents": result.respondents,
            "items": {item.code: _number(item.mean) for item in result.items},
            "raw_mean": _number(result.index.raw_mean),
            "index": _number(result.index.index),
            "points": _number(result.index.points),
        }

    def _sample_size(self, options: dict[str, Any]) -> dict[str, object]:
        text = str(options["population"]).strip()
        errors = []
        if len(text) > MAX_DIGITS and _POSITIVE_INTEGER.match(text):
            errors.append(
                _("N terlalu besar: %(n)d angka (paling banyak %(max)d).")
                % {"n": len(text), "max": MAX_DIGITS}
            )
        elif not _POSITIVE_INTEGER.match(text) or int(text) < 1:
            errors.append(
                _("N harus bilangan bulat positif (tanpa titik atau koma), bukan “%(value)s”.")
                % {"value": _shown(text)}
            )
        method = options["method"]
        if method not in set(indices.SampleMethod):
            errors.append(
                _("--method harus salah satu dari %(choices)s, bukan “%(value)s”.")
                % {"choices": ", ".join(indices.SampleMethod), "value": method}
            )
        if errors:
            raise SurveyInputError(errors)
        population = int(text)
        return {"population": population, "sample": indices.sample_size(population, method)}


def _index_options(options: dict[str, Any]) -> tuple[Instrument, int, indices.Conversion | None]:
    errors = []
    code = options.get("instrument")
    instrument = None
    if code is None:
        errors.append(_("--instrument wajib diisi: spak atau spkp."))
    elif code not in INDEX_INSTRUMENTS:
        errors.append(_("--instrument harus spak atau spkp, bukan “%(value)s”.") % {"value": code})
    else:
        instrument = bundled_instrument(code)

    raw_scale = options.get("scale")
    scale = instrument.scale.maximum if instrument is not None else 4
    if raw_scale is not None:
        if raw_scale.strip() in {str(s) for s in indices.SUPPORTED_SCALES}:
            scale = int(raw_scale)
        else:
            errors.append(_("--scale harus 4 atau 6, bukan “%(value)s”.") % {"value": raw_scale})

    raw_conversion = options.get("conversion")
    conversion = None
    choices = ", ".join(indices.Conversion)
    if raw_conversion is not None and raw_conversion not in set(indices.Conversion):
        errors.append(
            _("--conversion harus salah satu dari %(choices)s, bukan “%(value)s”.")
            % {"choices": choices, "value": raw_conversion}
        )
    elif raw_conversion is not None:
        conversion = indices.Conversion(raw_conversion)
    if scale == 6 and raw_conversion is None:
        errors.append(
            _(
                "--conversion wajib untuk --scale 6 (tidak ada konversi bawaan): pilih salah satu "
                "dari %(choices)s."
            )
            % {"choices": choices}
        )
    if scale == 4 and raw_conversion is not None:
        errors.append(_("--conversion hanya untuk --scale 6; skala 1–4 tidak dikonversi."))
    if errors or instrument is None:
        raise SurveyInputError(errors)
    return instrument, scale, conversion


def _read_text(path: str, stdin: IO[Any] | None) -> tuple[str, str]:
    """Return (name for messages, text) of FILE or of stdin for "-"."""
    name = "stdin" if path == "-" else path
    try:
        if path == "-":
            data = (stdin if stdin is not None else sys.stdin.buffer).read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        raise SurveyInputError(
            [
                _("Berkas %(name)s tidak dapat dibaca: %(reason)s.")
                % {"name": name, "reason": exc.strerror or exc}
            ]
        ) from None
    if isinstance(data, str):
        return name, data.removeprefix("\ufeff")
    try:
        return name, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SurveyInputError(
            [
                _("Berkas %(name)s bukan teks UTF-8 (byte ke-%(position)d tidak sah).")
                % {"name": name, "position": exc.start + 1}
            ]
        ) from None


def _sniff_delimiter(header_line: str, codes: Sequence[str]) -> str:
    """Choose , or ; — the one under which the header names more item columns, then more fields."""
    wanted = {code.casefold() for code in codes}

    def score(delimiter: str) -> tuple[int, int]:
        try:
            records = tabular.csv_records(header_line, delimiter=delimiter, limits=ANSWERS_FORMAT)
            fields = next((record for _line, record in records), [])
        except (tabular.TableError, csv.Error):
            return 0, 0
        return sum(field.strip().casefold() in wanted for field in fields), len(fields)

    return max(DELIMITERS, key=score)


def _cell_answer(cell: str, scale: int) -> tuple[int | None, str | None]:
    """Return (answer, None), (None, None) for a blank, or (None, error message)."""
    text = cell.strip()
    if not text:
        return None, None
    if len(text) > MAX_DIGITS:
        return None, _("nilai “%(value)s” di luar skala 1–%(scale)d") % {
            "value": _shown(text),
            "scale": scale,
        }
    if _INTEGRAL.match(text):
        value = int(re.split(r"[.,]", text)[0])
        if 1 <= value <= scale:
            return value, None
        return None, _("nilai “%(value)s” di luar skala 1–%(scale)d") % {
            "value": text,
            "scale": scale,
        }
    if _DECIMAL.match(text):
        return None, _("nilai “%(value)s” bukan bilangan bulat 1–%(scale)d") % {
            "value": text,
            "scale": scale,
        }
    return None, _("nilai “%(value)s” bukan angka") % {"value": text}


def _records(text: str, delimiter: str, intro: str) -> Iterator[list[str]]:
    """The file's records through the capped reader; a file past the caps is bad input."""
    try:
        for _line, record in tabular.csv_records(text, delimiter=delimiter, limits=ANSWERS_FORMAT):
            yield record
    except tabular.TableError as exc:
        raise SurveyInputError([intro, f"  {exc}"]) from None


def _read_answers(
    path: str, stdin: IO[Any] | None, codes: Sequence[str], scale: int
) -> list[dict[str, int | None]]:
    """Parse FILE into answer rows keyed by item code, or raise listing every bad cell."""
    name, text = _read_text(path, stdin)
    intro = _(
        "Berkas %(name)s tidak dapat diolah (nomor baris data dihitung mulai 1 sesudah baris judul):"
    ) % {"name": name}
    if not text.strip():
        raise SurveyInputError([intro, _("  berkas kosong: tidak ada baris judul.")])
    first_line = next(line for line in text.splitlines() if line.strip())
    reader = _records(text, _sniff_delimiter(first_line, codes), intro)

    errors: list[str] = []
    bad_columns: set[str] = set()
    try:
        header = next(reader)
        while not any(field.strip() for field in header):  # leading blank lines
            header = next(reader)
    except (StopIteration, csv.Error):
        raise SurveyInputError([intro, _("  baris judul tidak dapat dibaca.")]) from None
    positions: dict[str, list[int]] = {}
    for position, field in enumerate(header):
        positions.setdefault(field.strip().casefold(), []).append(position)
    columns: dict[str, int] = {}
    for code in codes:
        found = positions.get(code.casefold(), [])
        if not found:
            errors.append(_("  kolom %(code)s tidak ada pada baris judul.") % {"code": code})
        elif len(found) > 1:
            errors.append(
                _("  kolom %(code)s muncul lebih dari sekali pada baris judul.") % {"code": code}
            )
        else:
            columns[code] = found[0]
    if errors:
        raise SurveyInputError([intro, *errors])

    rows: list[dict[str, int | None]] = []
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(
                _("  baris data %(row)d: format CSV rusak (%(reason)s).")
                % {"row": number + 1, "reason": exc}
            )
            break
        number += 1
        row: dict[str, int | None] = {}
        for code, position in columns.items():
            cell = record[position] if position < len(record) else ""
            value, problem = _cell_answer(cell, scale)
            if problem is not None:
                bad_columns.add(code)
                errors.append(
                    _("  baris data %(row)d, kolom %(code)s: %(problem)s.")
                    % {"row": number, "code": code, "problem": problem}
                )
            row[code] = value
        rows.append(row)

    answered = [row for row in rows if any(value is not None for value in row.values())]
    if not answered and not errors:
        errors.append(
            _(
                "  tidak ada responden: tidak ada baris data dengan sedikitnya satu jawaban pada kolom %(codes)s."
            )
            % {"codes": ", ".join(codes)}
        )
    elif answered:
        for code in codes:
            if code not in bad_columns and all(row[code] is None for row in rows):
                errors.append(
                    _(
                        "  kolom %(code)s: tidak ada satu pun jawaban, nilai rata-ratanya tidak dapat dihitung."
                    )
                    % {"code": code}
                )
    if errors:
        raise SurveyInputError([intro, *errors])
    return rows

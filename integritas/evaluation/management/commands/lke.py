"""`integritas lke score FILE` and `integritas lke load FILE`: the LKE engine on the command line.

score: reads {"framework"?, "answers", "hasil", "predikat_wbk"?} as JSON (FILE or - for stdin) and
prints ONE JSON object with the scores and both rule sets (docs/zi-rules.md A.6). Invalid input exits
with status 2, every problem on stderr (one per line) and nothing on stdout.

load: checks a framework YAML file and prints its summary; an invalid file exits with status 2.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integritas.evaluation.engine import (
    Framework,
    FrameworkError,
    InvalidInput,
    PredicateResult,
    RuleSetResult,
    ScoreResult,
    evaluate_rule_sets,
    find_framework,
    format_id,
    parse_input,
    published_frameworks,
    round2,
    rule_sets_for,
    score,
)
from integritas.evaluation.engine.framework import check_framework_data, parse_yaml

INVALID = 2


class _Problems(Exception):
    def __init__(self, problems: list[str] | tuple[str, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def _number(value: Decimal) -> float:
    """Round half up to 2 decimals (A.4) and give it as a JSON number."""
    return float(round2(value))


MAX_NUMBER_CHARS = 40  # a JSON number longer than this is refused before any conversion
MAX_EXPONENT = 30  # |adjusted exponent| beyond this is no LKE value (1e999999999)


def _json_number(text: str) -> Decimal:
    """A JSON number as an exact Decimal, refused when absurdly long or large."""
    shown = text if len(text) <= MAX_NUMBER_CHARS else f"{text[:20]}… ({len(text)} karakter)"
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"angka {shown} terlalu panjang")
    number = Decimal(text)
    if number and abs(number.adjusted()) > MAX_EXPONENT:
        raise ValueError(f"angka {shown} di luar jangkauan")
    return number


def _json_int(text: str) -> int:
    return int(_json_number(text))


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} bukan angka JSON yang sah")


def _pairs(problems: list[str]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                problems.append(f"{key}: kunci ganda dalam JSON")
            result[key] = value
        return result

    return hook


def _predicate_json(result: PredicateResult) -> dict[str, Any]:
    return {
        "eligible": result.eligible,
        "failures": [
            {
                "rule": f.rule,
                "value": None if f.value is None else _number(f.value),
                "minimum": None if f.minimum is None else _number(f.minimum),
                "message": f.message,
            }
            for f in result.failures
        ],
    }


def score_json(
    framework: Framework, result: ScoreResult, rule_sets: tuple[RuleSetResult, ...]
) -> dict[str, Any]:
    """Return the `lke score` output contract for a scored assessment."""
    weights = {c.code: c.weight for c in framework.hasil_components}
    components = sorted(result.hasil_components, key=lambda c: weights[c.code] == 0)
    return {
        "framework": framework.code,
        "total": _number(result.total),
        "pengungkit": _number(result.pengungkit),
        "hasil": _number(result.hasil),
        "areas": {
            a.code: {
                "pemenuhan": _number(a.pemenuhan),
                "reform": _number(a.reform),
                "total": _number(a.total),
            }
            for a in result.areas
        },
        "hasil_detail": {c.code: _number(c.points) for c in components},
        "completeness": {
            "answered": result.completeness.answered,
            "questions": result.completeness.questions,
        },
        "rule_sets": {
            r.rule_set: {p.predicate: _predicate_json(p) for p in r.predicates} for r in rule_sets
        },
    }


def canonical_sha256(data: object) -> str:
    """Return the SHA-256 of parsed framework data as canonical JSON (sorted keys, compact, UTF-8)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _store(framework: Framework, raw_bytes: bytes, source: str) -> str:
    """A.1: store the checked version; a published version whose content differs is refused."""
    from integritas.evaluation.models import FrameworkVersion
    from integritas.evaluation.services import FrameworkConflict, framework_load_text

    existing = FrameworkVersion.objects.filter(
        code=framework.code, version=framework.version
    ).first()
    try:
        stored = framework_load_text(text=raw_bytes.decode("utf-8-sig"), source=source)
    except FrameworkConflict as exc:
        raise _Problems([str(exc)]) from None
    if existing is None:
        return f"disimpan sebagai versi baru (id {stored.pk})"
    if existing.sha256 == stored.sha256 and existing.published == stored.published:
        return f"sudah tersimpan dengan isi yang sama (id {stored.pk}); tidak ada perubahan"
    return f"draf diperbarui (id {stored.pk})"


class Command(BaseCommand):
    help = "Hitung nilai LKE ZI dari berkas JSON (score) atau periksa berkas kerangka kerja (load)."
    requires_system_checks: list[str] = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{score,load}")
        score_parser = actions.add_parser(
            "score", help="hitung nilai, aturan Perwali dan prediksi TPN; keluaran JSON"
        )
        score_parser.add_argument("file", help="berkas JSON jawaban, atau - untuk stdin")
        load_parser = actions.add_parser("load", help="periksa berkas kerangka kerja (YAML)")
        load_parser.add_argument("file", help="berkas YAML kerangka kerja, atau - untuk stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        stdin: TextIO = options.get("stdin") or sys.stdin
        try:
            if options["action"] == "score":
                self.stdout.write(self._score(options["file"], stdin))
            else:
                self.stdout.write(self._load(options["file"], stdin))
        except _Problems as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            if getattr(self, "_called_from_command_line", False):
                raise SystemExit(INVALID) from None
            raise CommandError(str(exc), returncode=INVALID) from None

    def _read(self, name: str, stdin: TextIO) -> bytes:
        if name == "-":
            buffer = getattr(stdin, "buffer", None)
            return buffer.read() if buffer is not None else stdin.read().encode("utf-8")
        try:
            return Path(name).read_bytes()
        except OSError as exc:
            raise _Problems([f"{name}: tidak dapat dibaca ({exc.strerror or exc})"]) from exc

    def _score(self, name: str, stdin: TextIO) -> str:
        raw = self._read(name, stdin)
        problems: list[str] = []
        try:
            data = json.loads(
                raw.decode("utf-8-sig"),
                parse_float=_json_number,
                parse_int=_json_int,
                parse_constant=_reject_constant,
                object_pairs_hook=_pairs(problems),
            )
        except UnicodeDecodeError as exc:
            raise _Problems([f"{name}: bukan teks UTF-8"]) from exc
        except json.JSONDecodeError as exc:
            raise _Problems(
                [f"JSON tidak sah: {exc.msg} (baris {exc.lineno}, kolom {exc.colno})"]
            ) from exc
        except ValueError as exc:
            raise _Problems([f"JSON tidak sah: {exc}"]) from exc
        except RecursionError:
            raise _Problems(["JSON tidak sah: susunan kurung terlalu dalam"]) from None
        code = data.get("framework") if isinstance(data, Mapping) else None
        try:
            framework = find_framework(code if isinstance(code, str) else None)
        except KeyError:
            known = ", ".join(f.code for f in published_frameworks()) or "-"
            raise _Problems(
                [*problems, f"framework: kerangka kerja '{code}' tidak dikenal (tersedia: {known})"]
            ) from None
        except FrameworkError as exc:
            raise CommandError(f"Berkas kerangka kerja rusak:\n{exc}") from exc
        try:
            parsed = parse_input(framework, data)
        except InvalidInput as exc:
            raise _Problems([*problems, *exc.problems]) from None
        if problems:
            raise _Problems(problems)
        try:
            rule_sets = rule_sets_for(framework)
        except FrameworkError as exc:
            raise CommandError(f"Berkas aturan rusak:\n{exc}") from exc
        result = score(framework, parsed.assessment)
        evaluated = evaluate_rule_sets(rule_sets, result, predikat_wbk=parsed.predikat_wbk)
        output = score_json(framework, result, evaluated)
        return json.dumps(output, ensure_ascii=False, indent=2) + "\n"

    def _load(self, name: str, stdin: TextIO) -> str:
        raw = self._read(name, stdin)
        try:
            data = parse_yaml(raw.decode("utf-8-sig"), name)
        except UnicodeDecodeError as exc:
            raise _Problems([f"{name}: bukan teks UTF-8"]) from exc
        except FrameworkError as exc:
            raise _Problems(exc.problems) from exc
        framework, problems = check_framework_data(data, name)
        if framework is None:
            raise _Problems(problems)
        status = _store(framework, raw, name)
        return self._summary(framework, raw, data, status)

    def _summary(self, framework: Framework, raw: bytes, data: object, status: str) -> str:
        questions = framework.questions
        pemenuhan = sum(len(s.questions) for a in framework.areas for s in a.pemenuhan)
        lines = [
            f"Kerangka kerja {framework.code} versi {framework.version} ({framework.year}), "
            f"diterbitkan: {'ya' if framework.published else 'tidak'}",
            f"Judul: {framework.title}",
            f"Regulasi: {framework.regulation}",
            f"SHA-256 berkas: {hashlib.sha256(raw).hexdigest()}",
            f"SHA-256 JSON kanonik: {canonical_sha256(data)}",
            f"Pengungkit {format_id(framework.pengungkit_weight)}: {len(questions)} pertanyaan "
            f"(pemenuhan {pemenuhan}, reform {len(questions) - pemenuhan})",
        ]
        for area in framework.areas:
            count_p = sum(len(s.questions) for s in area.pemenuhan)
            count_r = sum(len(s.questions) for s in area.reform)
            lines.append(
                f"  {area.number}. {area.code:<4} {area.name:<40} bobot {format_id(area.weight):>6}"
                f"  pemenuhan {count_p:>2}, reform {count_r:>2} pertanyaan"
            )
        lines.append(f"Hasil {format_id(framework.hasil_weight)}:")
        for component in framework.hasil_components:
            extra = ""
            if component.points_max != component.weight:
                extra = (
                    f" (tidak dihitung dalam total; poin maks {format_id(component.points_max)})"
                )
            lines.append(
                f"  {component.code:<16} bobot {format_id(component.weight):>6}  isian "
                f"{component.input}{extra}"
            )
        lines.append(f"Penyimpanan: {status}")
        return "\n".join(lines) + "\n"

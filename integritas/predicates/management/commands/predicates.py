"""`integritas predicates check FILE|-`: the prerequisite checker on the command line.

Reads ONE JSON object {"level", "as_of", "institution", "unit", "predicates"} and prints ONE JSON
object {"level", "eligible", "affirmation", "failures", "proposable_from"} (exit status 0).
Invalid input exits with status 2, every problem on stderr (one per line) and nothing on stdout.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from integritas.predicates.engine import (
    InvalidInput,
    check_prerequisites,
    parse_check_input,
    result_json,
)

INVALID = 2


class _Problems(Exception):
    def __init__(self, problems: list[str] | tuple[str, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


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


def decode(raw: bytes, name: str) -> object:
    """Decode the JSON text exactly (numbers as Decimal, no NaN, no duplicate keys)."""
    problems: list[str] = []
    try:
        data = json.loads(
            raw.decode("utf-8-sig"),
            parse_float=Decimal,
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
    if problems:
        raise _Problems(problems)
    return data


class Command(BaseCommand):
    help = "Periksa persyaratan usulan Menuju WBK/WBBM (Perwali 23/2025 Pasal 14) dari berkas JSON."
    requires_system_checks: list[str] = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{check}")
        check = actions.add_parser("check", help="periksa persyaratan; keluaran JSON")
        check.add_argument("file", help="berkas JSON, atau - untuk stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        stdin: TextIO = options.get("stdin") or sys.stdin
        try:
            self.stdout.write(self._check(options["file"], stdin))
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

    def _check(self, name: str, stdin: TextIO) -> str:
        data = decode(self._read(name, stdin), name)
        try:
            parsed = parse_check_input(data)
        except InvalidInput as exc:
            raise _Problems(exc.problems) from None
        output = result_json(check_prerequisites(parsed))
        return json.dumps(output, ensure_ascii=False, indent=2) + "\n"

"""Answers and hasil inputs of one assessment, and the checking of raw (CLI/import) input."""
# Sections (§) and decisions (A.) cited here are those of docs/zi-rules.md.

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .decimals import HUNDRED, ZERO, to_decimal
from .framework import Framework, HasilComponent, Question

Answer = str | Decimal | Mapping[str, Decimal]
"""An option label, a percentage 0-100, or a percent question's "Jumlah" inputs."""

HasilValue = str | Decimal
"""An option label (capaian kinerja) or a number (an index 0-4, a percentage 0-100)."""

TOP_LEVEL_KEYS = ("framework", "answers", "hasil", "predikat_wbk")


@dataclass(frozen=True)
class AssessmentInput:
    """A.4: one filling of the LKE; a question absent from `answers` is unanswered (counts 0)."""

    answers: Mapping[str, Answer] = field(default_factory=dict)
    hasil: Mapping[str, HasilValue] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedInput:
    """Checked CLI/import input: the assessment plus the facts the rule sets need."""

    framework: str | None
    assessment: AssessmentInput
    predikat_wbk: bool | None = None


class InvalidInput(ValueError):
    """Input with every problem found in it (one Indonesian sentence each)."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _show(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)


def _number(value: object) -> Decimal | None:
    """Return a JSON number as a Decimal; strings and bools are not numbers here."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return to_decimal(value)
    return None


def _label(value: str, labels: tuple[str, ...]) -> str | None:
    wanted = value.strip().casefold()
    return next((label for label in labels if label.casefold() == wanted), None)


def _jumlah(
    question: Question, value: Mapping[object, object], where: str, problems: list[str]
) -> dict[str, Decimal]:
    declared = {i.code for i in question.inputs}
    inputs: dict[str, Decimal] = {}
    for key, raw in value.items():
        if key not in declared:
            problems.append(
                f"{where}.{key}: isian tidak dikenal (boleh: {', '.join(sorted(declared))})"
            )
            continue
        number = _number(raw)
        if number is None:
            problems.append(f"{where}.{key}: harus berupa angka, bukan {_show(raw)}")
        elif number < 0 or number != number.to_integral_value():
            problems.append(f"{where}.{key}: {_show(number)} harus bilangan bulat ≥ 0")
        else:
            inputs[str(key)] = number
    needed = question.formula.input_codes if question.formula else ()
    for code in needed:
        if code not in value:
            problems.append(f"{where}.{code}: isian wajib diisi untuk menghitung persentase")
    return inputs


def _answer(question: Question, raw: object, where: str, problems: list[str]) -> Answer | None:
    """A.3: an option label valid for the question, or a percentage 0-100 / its Jumlah inputs."""
    if question.is_percent:
        if isinstance(raw, Mapping):
            return _jumlah(question, raw, where, problems)
        number = _number(raw)
        if number is None:
            problems.append(
                f"{where}: harus berupa angka 0-100 atau objek isian Jumlah, bukan {_show(raw)}"
            )
            return None
        if not ZERO <= number <= HUNDRED:
            problems.append(f"{where}: {_show(number)} di luar rentang 0-100")
            return None
        return number
    labels = tuple(o.label for o in question.options)
    if not isinstance(raw, str):
        problems.append(
            f"{where}: harus berupa label pilihan ({', '.join(labels)}), bukan {_show(raw)}"
        )
        return None
    label = _label(raw, labels)
    if label is None:
        problems.append(f"{where}: pilihan {_show(raw)} tidak sah (boleh: {', '.join(labels)})")
    return label


def _hasil_value(
    component: HasilComponent, raw: object, where: str, problems: list[str]
) -> HasilValue | None:
    """§1.6: capaian kinerja is a label A-E; IPAK/IPKP an index 0-4; TLHP a percentage 0-100."""
    if component.kind == "option":
        labels = tuple(o.label for o in component.options)
        label = _label(raw, labels) if isinstance(raw, str) else None
        if label is None:
            problems.append(f"{where}: pilihan {_show(raw)} tidak sah (boleh: {', '.join(labels)})")
        return label
    number = _number(raw)
    if number is None:
        problems.append(f"{where}: harus berupa angka, bukan {_show(raw)}")
        return None
    if not component.minimum <= number <= component.maximum:
        low, high = _show(component.minimum), _show(component.maximum)
        problems.append(f"{where}: {_show(number)} di luar rentang {low}-{high}")
        return None
    return number


def _parse(framework: Framework, data: object) -> tuple[ParsedInput, tuple[str, ...]]:
    problems: list[str] = []
    answers: dict[str, Answer] = {}
    hasil: dict[str, HasilValue] = {}
    if not isinstance(data, Mapping):
        problems.append('masukan harus berupa objek JSON {"answers": ..., "hasil": ...}')
        return ParsedInput(None, AssessmentInput()), tuple(problems)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            problems.append(f"{key}: kunci tidak dikenal (boleh: {', '.join(TOP_LEVEL_KEYS)})")
    code = data.get("framework")
    if code is not None and not isinstance(code, str):
        problems.append(f"framework: harus berupa kode kerangka kerja, bukan {_show(code)}")
        code = None
    elif code is not None and code != framework.code:
        problems.append(f"framework: kerangka kerja {_show(code)} tidak sesuai ({framework.code})")

    raw_answers = data.get("answers", {})
    if not isinstance(raw_answers, Mapping):
        problems.append("answers: harus berupa objek {kode pertanyaan: jawaban}")
        raw_answers = {}
    for qcode, raw in raw_answers.items():
        where = f"answers.{qcode}"
        if not isinstance(qcode, str) or not framework.has_question(qcode):
            hint = (
                " (isian hasil diletakkan di 'hasil')" if framework.hasil_input(str(qcode)) else ""
            )
            problems.append(f"{where}: kode pertanyaan tidak dikenal{hint}")
            continue
        if raw is None:
            continue
        answer = _answer(framework.question(qcode), raw, where, problems)
        if answer is not None:
            answers[qcode] = answer

    raw_hasil = data.get("hasil", {})
    if not isinstance(raw_hasil, Mapping):
        problems.append("hasil: harus berupa objek {isian: nilai}")
        raw_hasil = {}
    for input_code, raw in raw_hasil.items():
        where = f"hasil.{input_code}"
        component = framework.hasil_input(str(input_code))
        if component is None:
            known = ", ".join(c.input for c in framework.hasil_components)
            problems.append(f"{where}: isian hasil tidak dikenal (boleh: {known})")
            continue
        if raw is None:
            continue
        value = _hasil_value(component, raw, where, problems)
        if value is not None:
            hasil[component.input] = value

    predikat = data.get("predikat_wbk")
    if predikat is not None and not isinstance(predikat, bool):
        problems.append(f"predikat_wbk: harus true atau false, bukan {_show(predikat)}")
        predikat = None
    parsed = ParsedInput(code, AssessmentInput(answers=answers, hasil=hasil), predikat)
    return parsed, tuple(problems)


def input_problems(framework: Framework, data: object) -> tuple[str, ...]:
    """Return every problem of raw input: unknown code, invalid option, out of range, wrong type."""
    return _parse(framework, data)[1]


def parse_input(framework: Framework, data: object) -> ParsedInput:
    """Turn raw input (parsed JSON, numbers as Decimal) into checked input, or raise InvalidInput."""
    parsed, problems = _parse(framework, data)
    if problems:
        raise InvalidInput(problems)
    return parsed

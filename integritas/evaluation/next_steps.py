"""Langkah berikutnya menuju WBK/WBBM: the few things that close a unit's gap, in plain words.

Built from the Perwali rule set (the TPI's recommendation follows it, Pasal 16 ayat 2-4) and its
gap analysis; each step says what to raise, to how much, and links to where it is done.

The predicate a unit already holds is the register's (predicates, a higher layer): the page or
card that may read it passes it in as `held`, so this module never looks it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from integritas.common.formatting import angka
from integritas.common.numbers import format_number
from integritas.evaluation import engine

MAX_QUESTION_STEPS = 5
FOUR = Decimal(4)
WBK = "WBK"
WBBM = "WBBM"


@dataclass(frozen=True)
class NextStep:
    """One thing to do: what, why (with the Pasal), and where."""

    text: str
    reason: str
    link: str
    link_text: str


@dataclass(frozen=True)
class NextSteps:
    predicate: str  # the level worked towards (WBK, WBBM once WBK is met or held), or the one held
    eligible: bool
    steps: tuple[NextStep, ...]
    more_questions: int  # further worksheet questions beyond the ones listed
    held: bool = False  # the unit already holds `predicate` (WBBM): nothing left to reach
    monitoring_due: date | None = None  # then: when the TPI's next monitoring falls due


def holding(predicate: str, *, monitoring_due: date | None = None) -> NextSteps:
    """Pasal 17 ayat (6): a unit holding WBBM keeps it through the TPI's two-yearly monitoring."""
    return NextSteps(
        predicate=predicate,
        eligible=True,
        steps=(),
        more_questions=0,
        held=True,
        monitoring_due=monitoring_due,
    )


def _index_needed(points: Decimal, component: engine.HasilComponent) -> Decimal:
    """The 0-4 survey index that gives `points` of a component of this weight, rounded up."""
    if not component.weight:
        return FOUR
    needed = points * FOUR / component.weight
    return min(FOUR, needed.quantize(Decimal("0.01"), rounding=ROUND_CEILING))


def _survey_step(
    framework: engine.Framework, code: str, failure: engine.RuleFailure, unit_id: int, kind: str
) -> NextStep:
    component = next(c for c in framework.hasil_components if c.code == code)
    index_now = (failure.value or Decimal(0)) * FOUR / component.weight if component.weight else 0
    label = code.upper()
    return NextStep(
        text=_("Naikkan %(label)s ke ≥ %(needed)s (sekarang %(now)s)")
        % {
            "label": label,
            "needed": angka(_index_needed(failure.minimum or Decimal(0), component), 2),
            "now": angka(index_now, 2),
        },
        reason=failure.clause,
        link=reverse("surveys:wave_list") + f"?jenis={kind}",
        link_text=_("survei %(kind)s berikutnya") % {"kind": kind.upper()},
    )


def _question_area(framework: engine.Framework) -> dict[str, str]:
    return {
        q.code: area.code
        for area in framework.areas
        for s in area.sub_indicators
        for q in s.questions
    }


def _target_text(question: engine.Question, target: object) -> str:
    if question.is_percent and isinstance(target, Decimal):
        return f"{format_number(target)} %"  # the gap analysis gives percent targets in percent
    for option in question.options:
        if option.label == target:
            return option.text or option.label
    return str(target)


def build(
    framework: engine.Framework,
    verdicts: object,
    *,
    assessment_pk: int,
    unit_id: int,
    reviewing: bool = False,
    final: bool = False,
    held: str | None = None,
    monitoring_due: date | None = None,
) -> NextSteps | None:
    """Pasal 16 ayat 4: what still separates the unit from WBK, or from WBBM once it holds WBK.

    `held` is the level the unit holds in the register ("" for none); left out (None, the register
    not consulted), a met WBK score points on to WBBM.
    """
    if held == WBBM:
        return holding(WBBM, monitoring_due=monitoring_due)
    local = next((r for r in verdicts.results if r.scope == "local"), None)  # type: ignore[attr-defined]
    if local is None:
        return None
    wbk = local.predicate(WBK)
    aim_higher = held == WBK or (held is None and wbk.eligible)
    target = local.predicate(WBBM) if aim_higher else wbk
    if target.eligible:
        return NextSteps(predicate=target.predicate, eligible=True, steps=(), more_questions=0)
    steps: list[NextStep] = []
    hasil_url = reverse("evaluation:hasil_edit", args=[assessment_pk])
    for failure in target.failures:
        if failure.rule in ("ipkp", "hasil_pelayanan"):
            steps.append(_survey_step(framework, "ipkp", failure, unit_id, "spkp"))
        elif failure.rule == "ipak":
            steps.append(_survey_step(framework, "ipak", failure, unit_id, "spak"))
        elif failure.rule == "tlhp":
            percent = (failure.minimum or Decimal(0)) * 20  # TLHP points = percent / 100 × 5
            steps.append(
                NextStep(
                    text=_("Tuntaskan tindak lanjut hasil pemeriksaan hingga ≥ %(p)s %%")
                    % {"p": angka(percent, 0)},
                    reason=failure.clause,
                    link=hasil_url,
                    link_text=_("isian komponen hasil"),
                )
            )
        elif failure.rule == "hasil_bersih":
            steps.append(
                NextStep(
                    text=_(
                        "Naikkan nilai pemerintah yang bersih (IPAK dan capaian kinerja) ke ≥ "
                        "%(min)s poin (sekarang %(now)s)"
                    )
                    % {"min": angka(failure.minimum, 2), "now": angka(failure.value, 2)},
                    reason=failure.clause,
                    link=hasil_url,
                    link_text=_("isian komponen hasil"),
                )
            )
    gap = next(
        (
            g
            for g in verdicts.gaps  # type: ignore[attr-defined]
            if g.rule_set == local.rule_set and g.predicate == target.predicate
        ),
        None,
    )
    more = 0
    if gap is not None and gap.steps:
        areas = _question_area(framework)
        page = "evaluation:review_area" if reviewing else "evaluation:assessment_fill"
        for step in gap.steps[:MAX_QUESTION_STEPS]:
            question = framework.question(step.question)
            area_code = areas[step.question]
            anchor = step.question.replace(".", "-").replace("/", "--")
            steps.append(
                NextStep(
                    text=(
                        _(
                            "Pada penilaian berikutnya, capai %(code)s «%(target)s» (+%(points)s poin)"
                        )
                        if final
                        else _("Perbaiki jawaban %(code)s menjadi «%(target)s» (+%(points)s poin)")
                    )
                    % {
                        "code": step.question,
                        "target": _target_text(question, step.target),
                        "points": angka(step.points, 2),
                    },
                    reason=question.text,
                    link=reverse(page, args=[assessment_pk, area_code]) + f"#q-{anchor}",
                    link_text=_("lihat pertanyaan") if final else _("buka pertanyaan"),
                )
            )
        more = max(0, len(gap.steps) - MAX_QUESTION_STEPS)
    return NextSteps(
        predicate=target.predicate, eligible=False, steps=tuple(steps), more_questions=more
    )

"""Benchmark the LKE engine: score, both rule sets and gap analysis for random assessments.

Run: .venv/bin/python benchmarks/bench_engine.py [--n 1000] [--seed 2025]
Not a test: it prints timings and asserts nothing about them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from integritas.evaluation.engine import (
    Answer,
    AssessmentInput,
    Framework,
    GapResult,
    HasilValue,
    ScoreResult,
    evaluate_rule_sets,
    find_framework,
    gap_analysis,
    load_framework,
    rule_sets_for,
    score,
)
from integritas.evaluation.engine.framework import FRAMEWORKS_DIR


def random_assessment(framework: Framework, rng: random.Random) -> AssessmentInput:
    """Return an assessment with about 10 % unanswered questions and random hasil inputs."""
    answers: dict[str, Answer] = {}
    for question in framework.questions:
        if rng.random() < 0.1:
            continue
        if question.is_percent:
            if rng.random() < 0.5:
                answers[question.code] = Decimal(rng.randint(0, 100))
            else:
                answers[question.code] = {
                    i.code: Decimal(rng.randint(0, 40)) for i in question.inputs
                }
        else:
            answers[question.code] = rng.choice(question.options).label
    hasil: dict[str, HasilValue] = {
        "ipak_index": Decimal(rng.randint(250, 400)) / 100,
        "ipkp_index": Decimal(rng.randint(250, 400)) / 100,
        "capaian_kinerja": rng.choice("ABCDE"),
        "tlhp_percent": Decimal(rng.randint(50, 100)),
    }
    return AssessmentInput(answers=answers, hasil=hasil)


def timed(label: str, n: int, work: Callable[[], object]) -> float:
    """Run work once, print the time per assessment and return the total seconds."""
    start = time.perf_counter()
    work()
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed:8.3f} s total  {elapsed / n * 1000:8.3f} ms per assessment")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of random assessments")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    start = time.perf_counter()
    load_framework(FRAMEWORKS_DIR / "lke-zi-2021.yaml")
    print(
        f"{'load and check lke-zi-2021.yaml (uncached)':<44} {time.perf_counter() - start:8.3f} s"
    )
    framework = find_framework()
    rule_sets = rule_sets_for(framework)
    rng = random.Random(args.seed)
    assessments = [random_assessment(framework, rng) for _ in range(args.n)]
    print(
        f"{args.n} random assessments, {len(framework.questions)} questions, rule sets: "
        f"{', '.join(r.code for r in rule_sets)}"
    )

    results: list[ScoreResult] = []
    t_score = timed(
        "score", args.n, lambda: results.extend(score(framework, a) for a in assessments)
    )
    t_rules = timed(
        "evaluate both rule sets (WBK + WBBM)",
        args.n,
        lambda: [evaluate_rule_sets(rule_sets, r, predikat_wbk=True) for r in results],
    )
    gaps: list[GapResult] = []
    t_gap = timed(
        "gap analysis (2 rule sets × WBK, WBBM)",
        args.n,
        lambda: gaps.extend(
            gap_analysis(framework, rs, a, p, predikat_wbk=True, result=r)
            for a, r in zip(assessments, results, strict=True)
            for rs in rule_sets
            for p in ("WBK", "WBBM")
        ),
    )
    total = t_score + t_rules + t_gap
    print(
        f"{'all of the above':<44} {total:8.3f} s total  {total / args.n * 1000:8.3f} ms per assessment"
    )

    totals = [float(r.total) for r in results]
    reachable = sum(g.reachable for g in gaps)
    steps = [len(g.steps) for g in gaps]
    print(
        f"totals: min {min(totals):.2f}, median {statistics.median(totals):.2f}, max {max(totals):.2f}; "
        f"gap analyses reachable {reachable}/{len(gaps)}, steps median {statistics.median(steps):.0f}, "
        f"max {max(steps)}"
    )


if __name__ == "__main__":
    main()

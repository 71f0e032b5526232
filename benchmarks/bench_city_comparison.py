"""Benchmark the city comparison page (/lke/perbandingan/) for many units.

Run: .venv/bin/python benchmarks/bench_city_comparison.py [--units 200] [--repeat 5]
It builds a throw-away SQLite database in a temporary directory (never the demo or a real one),
creates N units each with a fully answered assessment (about 10 % of answers left empty, a
quarter of them final with TPI scores), then requests the page as a pimpinan user and prints the
time per request and the number of SQL queries. Not a test: it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(data_dir: str) -> None:
    os.environ["INTEGRITAS_DATA_DIR"] = data_dir
    os.environ["INTEGRITAS_PRIVATE_MEDIA"] = str(Path(data_dir) / "private")
    os.environ["INTEGRITAS_TESTING"] = "true"  # allows the test client's host; fast hashing
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integritas.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(units: int, year: int, seed: int):
    from django.utils import timezone

    from integritas.accounts.models import Role, RoleAssignment, User
    from integritas.evaluation import engine, selectors, services
    from integritas.evaluation.models import Answer, Assessment, HasilInput
    from integritas.organization.models import Institution, Unit

    rng = random.Random(seed)
    institution = Institution.objects.create(name="Pemerintah Kota Kupang", short_name="Kupang")
    version = services.framework_load(path=engine.published_frameworks()[0].source)
    framework = selectors.engine_framework(version)
    user = User.objects.create_user(username="pimpinan", password="x")  # noqa: S106
    RoleAssignment.objects.create(user=user, role=Role.PIMPINAN)
    now = timezone.now()
    created = Unit.objects.bulk_create(
        Unit(
            institution=institution, code=f"U{i:04d}", name=f"Unit Kerja {i:04d}", type="department"
        )
        for i in range(units)
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(
            unit=unit,
            year=year,
            framework=version,
            status=Assessment.Status.FINAL if i % 4 == 0 else Assessment.Status.DRAFT,
            finalised_at=now if i % 4 == 0 else None,
        )
        for i, unit in enumerate(created)
    )
    answers = []
    for assessment in assessments:
        final = assessment.status == Assessment.Status.FINAL
        for question in framework.questions:
            if rng.random() < 0.1:
                continue
            row = Answer(assessment=assessment, question_code=question.code)
            if question.is_percent:
                row.percent = Decimal(rng.randint(0, 100))
                row.tpi_percent = row.percent if final else None
            else:
                row.option_label = rng.choice(question.options).label
                row.tpi_option_label = row.option_label if final else ""
            answers.append(row)
    Answer.objects.bulk_create(answers, batch_size=2000)
    HasilInput.objects.bulk_create(
        HasilInput(
            assessment=a,
            ipak_index=Decimal(rng.randint(280, 400)) / 100,
            ipkp_index=Decimal(rng.randint(280, 400)) / 100,
            capaian_kinerja=rng.choice("ABCDE"),
            tlhp_percent=Decimal(rng.randint(50, 100)),
        )
        for a in assessments
    )
    return user, len(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    year = 2025
    with tempfile.TemporaryDirectory(prefix="bench-lke-") as data_dir:
        setup_django(data_dir)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from integritas.evaluation import selectors

        started = time.perf_counter()
        user, answer_rows = build(args.units, year, args.seed)
        print(
            f"data: {args.units} units, {answer_rows} answers "
            f"(built in {time.perf_counter() - started:.1f} s, SQLite in {data_dir})"
        )
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        url = f"/lke/perbandingan/?tahun={year}"
        client.get(url)  # warm-up: session, parsed worksheet and rule sets
        timings, queries = [], []
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
            assert response.status_code == 200
            queries.append(len(captured))
        rows = response.content.decode().count('href="/lke/')
        selector_times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            selectors.city_comparison(year)
            selector_times.append(time.perf_counter() - start)
        print(
            f"page {url}: {rows} rows, {queries[0]} SQL queries per request (all runs: {queries})"
        )
        print(
            f"page time: median {statistics.median(timings) * 1000:.0f} ms, "
            f"min {min(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms "
            f"over {args.repeat} requests"
        )
        print(
            f"selector (queries + scoring + both rule sets, no template): "
            f"median {statistics.median(selector_times) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()

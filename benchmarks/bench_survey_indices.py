"""Benchmark the survey indices: the app's SQL-aggregate path against one hand-written query.

Run (both engines, 1 000 000 responses over 200 units, about 8 million answer rows):

    .venv/bin/python benchmarks/bench_survey_indices.py
    .venv/bin/python benchmarks/bench_survey_indices.py --responses 100000 --engines sqlite

Each engine runs in its own process on a throw-away database: a temporary SQLite file, and a
PostgreSQL database `integritas_bench` created and dropped here (DATABASE_URL of the server:
--pg-url, default postgres://postgres@127.0.0.1:5432/postgres). Every unit gets three waves —
SKM (9 unsur, 2 services, 60 % of its responses), SPAK (5 items, 20 %) and SPKP (8 items, 20 %);
about 3 % of the responses are held or rejected (they must not count). Responses and answers are
generated inside the database (generate_series on PostgreSQL, a recursive CTE on SQLite).

Timed, best and median of --repeat runs:
  app      selectors.wave_results_many(every wave): the app's aggregate queries + the pure
           `indices` functions (IKM/mutu, IPAK/IPKP with points, NRR, 95 % intervals, warnings)
  one wave selectors.wave_results(wave) for a sample of 60 waves (what the results page does)
  sql      one hand-written query: COUNT/SUM/SUM² per (wave, service, item) over accepted responses
Not a test: nothing is asserted about the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# ruff: noqa: S608 — the SQL below is built from our own integers and item codes, never input.
ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = "integritas_bench"
SKM_SHARE, SPAK_SHARE = 0.6, 0.2


def _django(database_url: str, data_dir: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "integritas.settings",
            "DEBUG": "false",  # no query log: it would slow the app path down
            "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
            "DATABASE_URL": database_url,
            "INTEGRITAS_DATA_DIR": data_dir,
            "LOG_LEVEL": "ERROR",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _value_sql(id_expr: str, item_index: int) -> str:
    """A deterministic pseudo-random answer 2..4 for (response id, item)."""
    return f"(2 + (({id_expr} * 2654435761 + {item_index * 7919 + 13}) % 2147483647) % 3)"


def _series(vendor: str, count: int) -> str:
    if vendor == "postgresql":
        return f"SELECT n FROM generate_series(1, {count}) AS s(n)"
    return (
        f"SELECT n FROM (WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq "
        f"WHERE n < {count}) SELECT n FROM seq)"
    )


def _build(units: int, responses: int) -> dict:
    """Create units, waves and services through the app, then bulk-generate answers in SQL."""
    from django.db import connection, transaction
    from django.utils import timezone

    from integritas.accounts.models import User
    from integritas.organization.models import Institution, Unit
    from integritas.surveys import indices, services
    from integritas.surveys.models import SurveyWave, WaveService

    vendor = connection.vendor
    started = time.perf_counter()
    user = User.objects.create_user(username="bench", password="bench-bench-bench")  # noqa: S106
    institution = Institution.objects.create(name="Pemerintah Kota Kupang", short_name="Kupang")
    Unit.objects.bulk_create(
        Unit(institution=institution, code=f"U{i:03d}", name=f"Unit {i:03d}", type="department")
        for i in range(units)
    )
    per_unit = responses // units
    shares = {"skm": SKM_SHARE, "spak": SPAK_SHARE, "spkp": 1 - SKM_SHARE - SPAK_SHARE}
    names = {"skm": ("Layanan A", "Layanan B"), "spak": ("Layanan A",), "spkp": ("Layanan A",)}
    unit_list = list(Unit.objects.order_by("code"))
    # One wave per instrument through the services (snapshot, validation, audit); the other
    # waves copy it in bulk — building the world is not what is measured.
    models = {}
    with transaction.atomic():
        for kind in shares:
            wave = services.wave_create(
                unit=unit_list[0], kind=kind, period_type="year", year=2025, period_number=1,
                access_mode="link", by=user,
            )  # fmt: skip
            for name in names[kind]:
                services.service_save(
                    service=WaveService(wave=wave, name=name, population=5000), by=user
                )
            models[kind] = services.wave_open(wave=wave, by=user)
        copies = [
            SurveyWave(
                unit=unit, kind=kind, instrument_code=model.instrument_code,
                instrument=model.instrument, scale=model.scale,
                weight_denominator=model.weight_denominator, period_type="year", year=2025,
                period_number=1, start_date=model.start_date, end_date=model.end_date,
                status="open", access_mode="link", token=f"bench{unit.pk:05d}{kind}",
                created_by=user, opened_at=model.opened_at,
            )
            for unit in unit_list[1:]
            for kind, model in models.items()
        ]  # fmt: skip
        SurveyWave.objects.bulk_create(copies)
        target = indices.sample_size(5000)
        WaveService.objects.bulk_create(
            WaveService(wave=wave, name=name, population=5000, target_sample=target, position=i)
            for wave in SurveyWave.objects.exclude(pk__in=[m.pk for m in models.values()])
            for i, name in enumerate(names[wave.kind], start=1)
        )
    plan = []  # (wave, [service ids], count)
    for wave in SurveyWave.objects.prefetch_related("services").order_by("pk"):
        ids = [s.pk for s in wave.services.all()]
        plan.append((wave, ids, round(per_unit * shares[wave.kind])))
    setup_seconds = time.perf_counter() - started

    started = time.perf_counter()
    now = timezone.now().isoformat()
    next_id = 1
    rebuild: list[str] = []
    with connection.cursor() as cursor, transaction.atomic():
        if vendor == "postgresql":
            # Bulk load only: skip the per-row foreign-key triggers (the rows are consistent),
            # and build the answer table's secondary indexes once, after the load.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            rebuild = _drop_answer_indexes(cursor)
        for wave, service_ids, count in plan:
            codes = wave.item_codes  # equal weights: weight × denominator = 1 for every item
            id_expr = f"({next_id - 1} + n)"
            total = " + ".join(_value_sql(id_expr, i) for i in range(len(codes)))
            pattern = " || ".join(
                f"CAST({_value_sql(id_expr, i)} AS TEXT)" for i in range(len(codes))
            )
            service = (
                f"CASE WHEN n % 2 = 0 THEN {service_ids[0]} ELSE {service_ids[1]} END"
                if len(service_ids) > 1
                else str(service_ids[0])
            )
            cursor.execute(
                "INSERT INTO surveys_response (id, wave_id, service_id, channel, status, "
                "review_reasons, review_note, submitted_at, duration_seconds, idempotency_key, "
                "ip_hash, browser_hash, answer_pattern, weighted_total, gender, age_band, "
                "education, occupation) "
                f"SELECT {id_expr}, {wave.pk}, {service}, 'public', "
                "CASE WHEN n % 100 < 2 THEN 'held' WHEN n % 100 = 2 THEN 'rejected' "
                f"ELSE 'accepted' END, '[]', '', '{now}', 120, 'b' || CAST(n AS TEXT), '', '', "
                f"{pattern}, {total}, '', '', '', '' FROM ({_series(vendor, count)}) AS seq"
            )
            next_id += count
        for kind in ("skm", "spak", "spkp"):
            wave = next(w for w, _, _ in plan if w.kind == kind)
            items = " UNION ALL ".join(
                f"SELECT {i} AS idx, '{code}' AS code" for i, code in enumerate(wave.item_codes)
            )
            cases = " ".join(
                f"WHEN items.idx = {i} THEN {_value_sql('r.id', i)}"
                for i in range(len(wave.item_codes))
            )
            cursor.execute(
                "INSERT INTO surveys_answer (response_id, item_code, value) "
                f"SELECT r.id, items.code, CASE {cases} END "
                "FROM surveys_response r JOIN surveys_surveywave w ON w.id = r.wave_id "
                f"CROSS JOIN ({items}) AS items WHERE w.kind = '{kind}'"
            )
        for statement in rebuild:
            cursor.execute(statement)
        if vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), %s)", [next_id]
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT COUNT(*) FROM surveys_response")
        response_rows = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM surveys_answer")
        answer_rows = cursor.fetchone()[0]
    return {
        "setup_seconds": setup_seconds,
        "generate_seconds": time.perf_counter() - started,
        "waves": len(plan),
        "responses": response_rows,
        "answers": answer_rows,
        "wave_ids": [w.pk for w, _, _ in plan],
    }


def _drop_answer_indexes(cursor) -> list[str]:
    """PostgreSQL: drop the answer table's unique constraints and indexes; return re-create SQL."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'surveys_answer'::regclass AND contype = 'u'"
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'surveys_answer' "
        "AND indexname NOT LIKE '%%_pkey'"
    )
    names = {name for name, _ in constraints}
    indexes = [(name, sql) for name, sql in cursor.fetchall() if name not in names]
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE surveys_answer DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [
        *(f'ALTER TABLE surveys_answer ADD CONSTRAINT "{name}" {sql}' for name, sql in constraints),
        *(sql for _, sql in indexes),
    ]


HAND_SQL = """
SELECT r.wave_id, r.service_id, a.item_code, COUNT(*), SUM(a.value), SUM(a.value * a.value)
FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
WHERE r.status = 'accepted'
GROUP BY r.wave_id, r.service_id, a.item_code
"""


def _timed(work, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def _measure(wave_ids: list[int], repeat: int) -> dict:
    from django.db import connection

    from integritas.surveys import selectors
    from integritas.surveys.models import SurveyWave

    waves = list(SurveyWave.objects.filter(pk__in=wave_ids).order_by("pk"))
    results = selectors.wave_results_many(waves)  # warm the caches once, and check the output
    with connection.cursor() as cursor:
        cursor.execute(HAND_SQL)
        hand_rows = cursor.fetchall()
    app_items = sum(len(r.overall.items) for r in results.values())
    summary = {
        "indices": len(results),
        "hand_rows": len(hand_rows),
        "sample": {
            kind: next(
                f"{r.value} {r.mutu}".strip()
                for w, r in zip(waves, results.values(), strict=True)
                if w.kind == kind
            )
            for kind in ("skm", "spak", "spkp")
        },  # fmt: skip
        "app_items": app_items,
    }

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL)
            cursor.fetchall()

    def cold():
        selectors._t_critical.cache_clear()
        selectors.wave_results_many(waves)

    summary["app_cold"] = _timed(cold, 1)
    summary["app"] = _timed(lambda: selectors.wave_results_many(waves), repeat)
    sample = waves[:: max(1, len(waves) // 60)]
    per_wave = _timed(lambda: [selectors.wave_results(w) for w in sample], 1)[0]
    summary["app_per_wave_ms"] = 1000 * per_wave / len(sample)
    summary["per_wave_sample"] = len(sample)
    summary["sql"] = _timed(hand, repeat)
    return summary


def child(args: argparse.Namespace) -> None:
    data_dir = tempfile.mkdtemp(prefix="integritas-bench-")
    if args.engine == "sqlite":
        url = f"sqlite:///{data_dir}/bench.sqlite3"
    else:
        url = args.pg_url.rsplit("/", 1)[0] + f"/{BENCH_DB}"
        _admin_sql(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB}")
        _admin_sql(args.pg_url, f"CREATE DATABASE {BENCH_DB}")
    try:
        _django(url, data_dir)
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_seconds = time.perf_counter() - started
        built = _build(args.units, args.responses)
        measured = _measure(built.pop("wave_ids"), args.repeat)
        connection.close()
        print(
            json.dumps(
                {"engine": args.engine, "migrate_seconds": migrate_seconds, **built, **measured}
            )
        )
    finally:
        if not args.keep:
            if args.engine == "postgresql":
                _admin_sql(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB}")
            shutil.rmtree(data_dir, ignore_errors=True)


def _admin_sql(pg_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(sql)


def _fmt(times: list[float]) -> str:
    return f"{min(times):8.3f} s (median {statistics.median(times):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    args = parser.parse_args()
    if args.engine:
        child(args)
        return
    print(
        f"{args.responses:,} responses over {args.units} units, repeat {args.repeat}".replace(
            ",", "."
        )
    )
    for engine in args.engines.split(","):
        command = [sys.executable, __file__, "--engine", engine, "--responses", str(args.responses),
                   "--units", str(args.units), "--repeat", str(args.repeat), "--pg-url", args.pg_url]  # fmt: skip
        if args.keep:
            command.append("--keep")
        out = subprocess.run(command, capture_output=True, text=True, check=False)
        if out.returncode:
            print(out.stdout, out.stderr, sep="\n")
            raise SystemExit(f"{engine}: benchmark failed")
        r = json.loads(out.stdout.strip().splitlines()[-1])
        ratio = min(r["app"]) / min(r["sql"])
        print(
            f"\n== {engine}: {r['waves']} waves, {r['responses']:,} responses, {r['answers']:,} answers "
            f"(setup {r['setup_seconds']:.1f} s, generate {r['generate_seconds']:.1f} s)\n"
            f"   app, every index of every wave   {_fmt(r['app'])}  [{r['indices']} waves, "
            f"{r['app_items']} item means; e.g. {r['sample']}]\n"
            f"   app, same, Student t not yet cached {min(r['app_cold']):8.3f} s\n"
            f"   app, one wave (results page)     {r['app_per_wave_ms']:8.1f} ms per wave "
            f"(mean of {r['per_wave_sample']} waves)\n"
            f"   hand-written SQL, one query      {_fmt(r['sql'])}  [{r['hand_rows']} rows]\n"
            f"   ratio app / hand SQL             {ratio:8.2f}"
        )


if __name__ == "__main__":
    main()

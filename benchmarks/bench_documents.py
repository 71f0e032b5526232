"""Benchmark the official documents: a 60-row Lampiran C, and every type for every demo unit.

Run: .venv/bin/python benchmarks/bench_documents.py [--rows 60] [--repeat 5]
It builds a throw-away SQLite database in a temporary directory (never the demo or a real one),
loads the demo data (``portal.demo.build``), adds a 60-row action plan, then times
(1) rendering that plan's Lampiran C as PDF and as .docx in-process (best and median of N), and
(2) ``integritas documents render TYPE --all-units --format F --output DIR`` for every catalogue
type and both formats, each as its own process (as an operator runs it before a ceremony).
Not a test: it asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(data_dir: str) -> str:
    database = Path(data_dir) / "bench.sqlite3"
    os.environ["INTEGRITAS_DATA_DIR"] = data_dir
    os.environ["INTEGRITAS_PRIVATE_MEDIA"] = str(Path(data_dir) / "private")
    os.environ["INTEGRITAS_TESTING"] = "true"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integritas.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"]


def big_plan(rows: int):
    from integritas.organization.models import Unit
    from integritas.planning.models import MONTH_FIELDS, ActionPlan, ActionRow

    unit = Unit.objects.filter(is_active=True).order_by("code").first()
    plan = ActionPlan.objects.create(unit=unit, year=2031)
    codes = ["MP", "TT", "SDM", "AK", "PW", "PP", "bersih", "pelayanan"]
    targets = dict(zip(MONTH_FIELDS, [Decimal(v * 8) for v in range(1, 13)], strict=True))
    ActionRow.objects.bulk_create(
        ActionRow(
            plan=plan,
            component=codes[i % len(codes)],
            order=i,
            goal=f"Tujuan rencana aksi nomor {i + 1} untuk pembangunan zona integritas",
            indicator="Persentase layanan yang memenuhi standar",
            pic_text="Sekretaris",
            action=f"Rencana aksi nomor {i + 1}: sosialisasi, pelaksanaan dan evaluasi",
            budget=Decimal(2_500_000 + i * 1000),
            **targets,
        )  # fmt: skip
        for i in range(rows)
    )
    return plan


def timed(call, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as data_dir:
        url = setup_django(data_dir)
        from integritas.documents import catalogue
        from integritas.portal import demo

        start = time.perf_counter()
        world = demo.build(employees_per_unit=2)
        print(f"demo data: {len(world['units'])} units in {time.perf_counter() - start:.1f} s")
        plan = big_plan(args.rows)
        doc_type = catalogue.get("rencana-aksi")
        assert doc_type is not None
        catalogue.render(doc_type, plan, "pdf")  # warm fonts and templates
        for fmt in ("pdf", "docx"):
            best, median = timed(lambda f=fmt: catalogue.render(doc_type, plan, f), args.repeat)
            print(f"Lampiran C, {args.rows} rows, {fmt}: best {best * 1000:.0f} ms, "
                  f"median {median * 1000:.0f} ms")  # fmt: skip
        script = Path(sys.executable).parent / "integritas"
        env = {**os.environ, "DATABASE_URL": url}
        total = 0.0
        for kind in catalogue.all_types():
            for fmt in catalogue.FORMATS:
                out = Path(data_dir) / f"out-{kind.code}-{fmt}"
                out.mkdir()
                start = time.perf_counter()
                done = subprocess.run(
                    [str(script), "documents", "render", kind.code, "--all-units", "--format", fmt,
                     "--output", str(out)], capture_output=True, text=True, env=env,
                )  # fmt: skip
                spent = time.perf_counter() - start
                total += spent
                written = len(list(out.iterdir()))
                skipped = done.stderr.count("Dilewati:")
                print(f"--all-units {kind.code:<24} {fmt:<4}: {written:>3} written, "
                      f"{skipped:>3} skipped, {spent:5.1f} s (exit {done.returncode})")  # fmt: skip
        print(f"all types, both formats, all units: {total:.1f} s")


if __name__ == "__main__":
    main()

"""Time every dashboard and portal page on the current database (e.g. after `demo --scale 200x5`).

    DEBUG=true .venv/bin/python scripts/benchmark_pages.py [--runs 20]

Prints each page's median and p95 in milliseconds and its query count. Uses Django's test
client in-process (no network), logged in as the demo Wali Kota for the staff pages.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integritas.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from integritas.accounts.models import User  # noqa: E402
from integritas.commitment.models import Declaration  # noqa: E402
from integritas.organization.models import Unit  # noqa: E402


def pages() -> list[tuple[str, str, bool]]:
    declared = Declaration.objects.filter(scope=Declaration.Scope.UNIT).order_by("pk").first()
    year = django.utils.timezone.localdate().year
    kecamatan = Unit.objects.filter(type=Unit.Type.KECAMATAN).first()
    result = [
        ("dasbor", "/dasbor/", True),
        ("dasbor tahun lalu", f"/dasbor/?tahun={year - 1}", True),
        ("dasbor kelurahan", "/dasbor/?jenis=urban_village", True),
        ("dasbor .xlsx", "/dasbor/xlsx/", True),
        ("pemberitahuan", "/pemberitahuan/", True),
        ("publik beranda", "/publik/", False),
        ("publik unit", "/publik/unit/", False),
        ("publik survei", "/publik/survei/", False),
        ("publik pengaduan", "/publik/pengaduan/", False),
    ]
    if kecamatan:
        result.insert(3, ("dasbor kecamatan", f"/dasbor/?kecamatan={kecamatan.pk}", True))
    if declared:
        result.append(("publik satu unit", f"/publik/unit/{declared.unit_id}/", False))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--user", default="walikota")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS.append("testserver")
    staff, public = Client(), Client()
    staff.force_login(User.objects.get(username=args.user))
    print(f"database: {connection.vendor}; runs per page: {args.runs}")
    print(f"{'page':<22}{'median ms':>11}{'p95 ms':>9}{'queries':>9}{'KB':>8}")
    for name, url, login in pages():
        client = staff if login else public
        client.get(url)  # warm
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        size = len(response.content) / 1024
        print(
            f"{name:<22}{statistics.median(times):>11.1f}{p95:>9.1f}{len(queries):>9}{size:>8.0f}"
        )


if __name__ == "__main__":
    main()

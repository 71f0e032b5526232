"""Benchmark the public survey submission endpoint under concurrent load, against gunicorn.

Run:
    .venv/bin/python benchmarks/bench_survey_submit.py
    .venv/bin/python benchmarks/bench_survey_submit.py --engines sqlite --concurrency 1,8 --seconds 10

For each engine it builds a throw-away database (temporary SQLite file; PostgreSQL database
`integritas_bench_submit`, created and dropped here), opens an SKM wave in open-link mode, starts
gunicorn on 127.0.0.1 with production settings (DEBUG off, collected static files; HTTPS
redirect off because the load stays on 127.0.0.1), and drives it with a thread pool of virtual
respondents. Each respondent is a new browser: GET the QR link (CSRF cookie, browser cookie,
signed form key), then POST nine answers. The per-address rate limit is switched off for the run
(PUBLIC_RATE_LIMIT_PER_MINUTE=0), since every request comes from 127.0.0.1.

Every level is bounded by --seconds and --max-submissions. Reported: submissions per second
(each a GET + POST pair, POST answered 302), POST latency p50/p95, errors, and the rows stored.
Not a test: nothing is asserted about the timings.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BENCH_DB = "integritas_bench_submit"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_KEY = re.compile(r'name="formulir" value="([^"]+)"')

SETUP = """
from integritas.accounts.models import User
from integritas.organization.models import Institution, Unit
from integritas.surveys import services
from integritas.surveys.models import WaveService
user = User.objects.create_user(username="bench", password="bench-bench-bench")
institution = Institution.objects.create(name="Pemerintah Kota Kupang", short_name="Kupang")
unit = Unit.objects.create(institution=institution, code="DUKCAPIL", name="Dinas Dukcapil", type="department")
wave = services.wave_create(unit=unit, kind="skm", period_type="year", year=2025, period_number=1,
                            access_mode="link", by=user)
service = services.service_save(service=WaveService(wave=wave, name="KTP-el", population=100000), by=user)
services.wave_open(wave=wave, by=user)
print(f"WAVE {wave.token} {service.pk} {len(wave.item_codes)}")
"""

COUNT = """
from integritas.surveys.models import Answer, Response
from django.db.models import Count
print("ROWS", Response.objects.count(), Answer.objects.count(),
      Response.objects.values("idempotency_key").annotate(n=Count("id")).filter(n__gt=1).count())
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(database_url: str, data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "integritas.settings",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url,
        "INTEGRITAS_DATA_DIR": data_dir,
        "PUBLIC_RATE_LIMIT_PER_MINUTE": "0",
        "LOG_LEVEL": "ERROR",
    }


def _manage(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [str(BIN / "integritas"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"integritas {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def _cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> None:
    # By hand: production cookies are Secure, and this client talks plain HTTP to 127.0.0.1.
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


class Respondent:
    def __init__(self, port: int, token: str, service: int, items: int) -> None:
        self.port, self.token, self.service, self.items = port, token, service, items

    def run(self, rng: random.Random) -> tuple[bool, float]:
        jar: dict[str, str] = {}
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", f"/s/{self.token}/?l={self.service}")
            page = conn.getresponse()
            body = page.read().decode()
            _cookies(page, jar)
            csrf, key = CSRF_INPUT.search(body), FORM_KEY.search(body)
            if page.status != 200 or not csrf or not key:
                return False, 0.0
            fields = {
                "csrfmiddlewaretoken": csrf.group(1),
                "formulir": key.group(1),
                "service": self.service,
                "kontak_faks": "",
                **{f"q_U{i}": rng.randint(1, 4) for i in range(1, self.items + 1)},
            }
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            }
            started = time.perf_counter()
            conn.request("POST", f"/s/{self.token}/", urlencode(fields), headers)
            answer = conn.getresponse()
            answer.read()
            return answer.status == 302, time.perf_counter() - started
        except (OSError, http.client.HTTPException):
            return False, 0.0
        finally:
            conn.close()


def _level(respondent: Respondent, concurrency: int, seconds: float, limit: int) -> dict:
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    state = {"started": 0, "ok": 0, "errors": 0, "latencies": []}

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        while time.perf_counter() < deadline:
            with lock:
                if state["started"] >= limit:
                    return
                state["started"] += 1
            ok, latency = respondent.run(rng)
            with lock:
                if ok:
                    state["ok"] += 1
                    state["latencies"].append(latency)
                else:
                    state["errors"] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for seed in range(concurrency):
            pool.submit(worker, seed)
    elapsed = time.perf_counter() - started
    latencies = sorted(state["latencies"]) or [0.0]
    return {
        "concurrency": concurrency,
        "ok": state["ok"],
        "errors": state["errors"],
        "elapsed": elapsed,
        "rate": state["ok"] / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
    }


def run_engine(engine: str, args: argparse.Namespace) -> None:
    data_dir = tempfile.mkdtemp(prefix="integritas-submit-")
    if engine == "sqlite":
        url = f"sqlite:///{data_dir}/bench.sqlite3"
    else:
        import psycopg

        url = args.pg_url.rsplit("/", 1)[0] + f"/{BENCH_DB}"
        with psycopg.connect(args.pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
    env = _env(url, data_dir)
    server = None
    try:
        _manage(env, "migrate", "-v0")
        _manage(env, "createcachetable")
        _manage(env, "collectstatic", "--noinput", "-v0")
        token, service, items = _manage(env, "shell", "-c", SETUP).split("WAVE ", 1)[1].split()
        port = _free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "integritas.wsgi", "-b", f"127.0.0.1:{port}",
             "-w", str(args.workers), "--timeout", "60", "--log-level", "warning"],
            env=env, cwd=ROOT, start_new_session=True,
        )  # fmt: skip
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        respondent = Respondent(port, token, int(service), int(items))
        respondent.run(random.Random(0))  # warm every import before timing
        print(f"\n== {engine}: gunicorn {args.workers} sync workers on 127.0.0.1:{port}")
        print("   clients   submissions/s   POST p50   POST p95    ok  errors   seconds")
        for concurrency in [int(c) for c in args.concurrency.split(",")]:
            r = _level(respondent, concurrency, args.seconds, args.max_submissions)
            print(
                f"   {r['concurrency']:>7}   {r['rate']:>13.1f}   {r['p50']:>6.0f} ms  "
                f"{r['p95']:>6.0f} ms  {r['ok']:>5}  {r['errors']:>6}   {r['elapsed']:>7.1f}"
            )
        rows = _manage(env, "shell", "-c", COUNT).split("ROWS ", 1)[1].split()
        print(f"   stored: {rows[0]} responses, {rows[1]} answers, {rows[2]} duplicate keys")
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        if engine == "postgresql":
            import psycopg

            with psycopg.connect(args.pg_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--concurrency", default="1,4,16")
    parser.add_argument("--seconds", type=float, default=15.0, help="per concurrency level")
    parser.add_argument("--max-submissions", type=int, default=5000, help="per level")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; levels {args.concurrency}, ≤ {args.seconds:.0f} s and "
          f"≤ {args.max_submissions} submissions each")  # fmt: skip
    for engine in args.engines.split(","):
        run_engine(engine, args)


if __name__ == "__main__":
    main()

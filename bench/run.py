"""Benchmarks at province scale: `make bench` (not part of `make test`).

For each size (200 and 2,000 schools) it seeds a district into its own SQLite file under
var/bench/ (once; reused afterwards), then measures in-process, through the full middleware
stack: the central dashboard, /api/v1/compliance and the main list endpoints (p50/p95 over
repeated requests, and the queries each runs), and the evaluation of every rule for every school
for one period. The table is printed and written to docs/BENCHMARKS.md.

    .venv/bin/python bench/run.py [--sizes 200,2000] [--pupils 600] [--staff 50] [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def seeded(size: int, pupils: int, staff: int) -> Path:
    data = ROOT / "var" / "bench" / f"{size}-{pupils}-{staff}"
    marker = data / "seeded"
    if not marker.exists():
        data.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "SAFECAMPUS_DATA_DIR": str(data), "SAFECAMPUS_DEBUG": "true"}
        env.pop("SAFECAMPUS_DATABASE_URL", None)
        subprocess.run([str(BIN / "safecampus"), "migrate", "-v0"], env=env, check=True)
        started = time.perf_counter()
        subprocess.run([str(BIN / "safecampus"), "seed", "--schools", str(size), "--pupils", str(pupils),
                        "--staff", str(staff)], env=env, check=True)
        marker.write_text(f"{time.perf_counter() - started:.1f}\n")
    return data


def measure(size: int, data: Path, repeat: int) -> dict:
    """Runs in a child process so each size gets its own settings (data directory)."""
    code = f"""
import json, statistics, time, os
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from safecampus.compliance.engine import evaluate

User = get_user_model()
out = {{}}
def timed(client, url, n):
    client.get(url)
    times = []
    for _ in range(n):
        t = time.perf_counter(); r = client.get(url); times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code, r.content[:300])
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    times.sort()
    return {{"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)], "queries": len(q)}}
def timed_cold(client, url, n):
    from django.core.cache import cache
    times = []
    for _ in range(n):
        cache.clear()
        t = time.perf_counter(); r = client.get(url); times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    times.sort()
    return {{"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)], "queries": len(q)}}
authority = Client(); authority.force_login(User.objects.get(username="bench_authority"))
central = Client(); central.force_login(User.objects.get(username="bench_central"))
out["dashboard (authority, all schools)"] = timed(authority, "/reports/dashboard/", {repeat})
out["dashboard, cold: summary cache cleared before each request"] = timed_cold(authority, "/reports/dashboard/",
                                                                             max(5, {repeat} // 3))
out["dashboard (central school, 20 schools)"] = timed(central, "/reports/dashboard/", {repeat})
out["/api/v1/compliance (page of 200)"] = timed(authority, "/api/v1/compliance?page_size=200", max(5, {repeat} // 3))
for url in ("/api/v1/org-units?page_size=50", "/api/v1/students?page_size=50", "/api/v1/staff?page_size=50",
            "/api/v1/hazards?page_size=50", "/api/v1/obligations", "/api/v1/tasks"):
    out[url] = timed(authority, url, {repeat})
runs = []
for _ in range(5):
    t = time.perf_counter(); rows = evaluate(roots=None); runs.append((time.perf_counter() - t) * 1000)
out["evaluate every rule, every school, one period"] = {{"p50": statistics.median(runs), "p95": max(runs),
                                                        "queries": None, "rows": len(rows)}}
print("JSON" + json.dumps(out))
"""
    env = {**os.environ, "SAFECAMPUS_DATA_DIR": str(data), "SAFECAMPUS_DEBUG": "false", "SAFECAMPUS_TESTING": "true",
           "DJANGO_SETTINGS_MODULE": "safecampus.config.settings", "SAFECAMPUS_AXES": "false"}
    env.pop("SAFECAMPUS_DATABASE_URL", None)
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("JSON")), None)
    if line is None:
        raise SystemExit(proc.stderr[-3000:])
    import json

    return json.loads(line[4:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--pupils", type=int, default=600)
    parser.add_argument("--staff", type=int, default=50)
    parser.add_argument("--large-pupils", type=int, default=60,
                        help="pupils per school from 1,000 schools up (1.2 M pupils seed too slowly on 2 cores)")
    parser.add_argument("--large-staff", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results, seeds = {}, {}
    people = {}
    for size in sizes:
        people[size] = (args.large_pupils, args.large_staff) if size >= 1000 else (args.pupils, args.staff)
        data = seeded(size, *people[size])
        seeds[size] = (data / "seeded").read_text().strip()
        results[size] = measure(size, data, args.repeat)
    names = list(results[sizes[0]])
    head = "| measurement | " + " | ".join(f"{s} schools p50 / p95 ms (queries)" for s in sizes) + " |"
    lines = [head, "|---|" + "---|" * len(sizes)]
    for name in names:
        cells = []
        for s in sizes:
            r = results[s][name]
            q = f" ({r['queries']})" if r.get("queries") is not None else f" ({r.get('rows')} rows)"
            cells.append(f"{r['p50']:.0f} / {r['p95']:.0f}{q}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print(table)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite"
    seeding = ", ".join(f"{s} schools in {seeds[s]} s" for s in sizes)
    Path(args.out).write_text(f"""# Benchmarks

Measured by `make bench` (`bench/run.py`) on {machine}, {time.strftime('%Y-%m-%d')}.
Each size is a district seeded by `safecampus seed --schools N --pupils P --staff S`
({", ".join(f"{s} schools: {people[s][0]} pupils and {people[s][1]} staff per school" for s in sizes)};
20 schools per central school, a school year of signed duties so far (about 85 % done), and hazards
when the hazard register is installed); seeding took {seeding}. Requests go through the whole
middleware stack in-process (Django test client, session of the authority's safety officer who
sees every school), repeated {args.repeat} times after one warm-up; queries are counted on one more request.
The dashboard's schools x duties summary is cached for a minute per scope (every attestation and
rule change invalidates it at once); the "cold" row clears the cache before each request, so it is
the cost of the first reader in a minute: one full evaluation of every rule for every school.

Targets (issue 5): dashboard p95 <= 300 ms at 2,000 schools; list endpoints' p95 at 2,000 schools no
more than 1.5x their p95 at 200; evaluating every rule for 2,000 schools for one period <= 1 s.

{table}

Reading it:
- The dashboard reads a summary (schools x duties for the current period) cached for a minute per
  scope and day; an attestation or a rule change invalidates it at once, records of other apps show
  within the minute. The warm rows are what a central school sees; the cold row is the first reader
  of a minute: one evaluation of every rule for every school plus the page (at 2,000 schools it is
  over the 300 ms target; the scheduled sweep could warm it each minute).
- "evaluate every rule" is `compliance.engine.evaluate(roots=None)`: about 20 rules, one grouped
  query per rule and period, every school of the district; compare with the 1 s target.
- `/api/v1/compliance` counts its rows from the rules and units alone and evaluates only the units
  of the requested page (one grouped query per rule for them); its remaining growth with size is the
  scan of the evidence of one period across all schools of the scope.
- Pupils and staff per school are fewer at 2,000 schools (see above): the compliance engine and the
  dashboard do not read them; the students/staff endpoints page through them.
- Numbers are from a shared 2-core machine (other work running at the same time); repeated runs
  varied by up to ~2x on the cold rows.
""")


if __name__ == "__main__":
    main()

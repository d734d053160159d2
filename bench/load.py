"""The load test: a county's morning peak against gunicorn on this machine (`make loadtest`).

Seeds (once) the same 2,000-school district as `bench/run.py`, runs the one-minute sweep so the
dashboards read stored summaries, signs in a sample of its staff (sessions for pages, tokens for
the API), starts gunicorn on a free loopback port with production settings, and lets locust play
``bench/locustfile.py``'s mix for a bounded time and number of requests. The figures are printed
and written to the load-test section of docs/BENCHMARKS.md.

    .venv/bin/python bench/load.py --locust .venv-bench/bin/locust [--users 80] [--run-time 90]
        [--max-requests 20000] [--workers N] [--schools 2000] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, KEYS, MARKER, ROOT, seeded

TARGET_RPS, TARGET_READ_P95_MS = 50, 500


def production_env(data: Path) -> dict[str, str]:
    env = {**os.environ, **KEYS, "SAFECAMPUS_DATA_DIR": str(data), "SAFECAMPUS_DEBUG": "false",
           "SAFECAMPUS_TESTING": "false", "SAFECAMPUS_SSL_REDIRECT": "false", "SAFECAMPUS_AXES": "false",
           "DJANGO_SETTINGS_MODULE": "safecampus.config.settings"}
    env.pop("SAFECAMPUS_DATABASE_URL", None)
    return env


PREPARE = """
import json, random, sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from safecampus.core.api.auth import issue_token
from safecampus.org.models import OrgUnit, RoleAssignment
from safecampus.compliance.reminders import sweep
from safecampus.operations.models import PatrolRoute
from safecampus.operations.services.patrols import create_route

sweep()   # the dashboards read the summaries the worker stores; a first sweep also sends the backlog
User = get_user_model()
rng = random.Random(7)
schools = list(OrgUnit.objects.filter(kind="school").order_by("pk").values_list("pk", "path"))
sample = rng.sample(schools, min(SAMPLE, len(schools)))
cookie_name = settings.SESSION_COOKIE_NAME

def session(user):
    client = Client()
    client.force_login(user)
    return f"{cookie_name}={client.cookies[cookie_name].value}"

def persona(user, school, web=False):
    out = {"user": user.username, "user_id": user.pk, "school": school, "token": issue_token(user)}
    if web:
        out["cookie"] = session(user)
    return out

people = {"teacher": [], "officer": [], "principal": [], "central": [], "authority": []}
for school, path in sample:
    staff = {a.role.code: a.user
             for a in RoleAssignment.objects.filter(org_unit_id=school).select_related("user", "role")}
    if "principal" in staff:
        people["principal"].append(persona(staff["principal"], school, web=True))
    if "safety_officer" in staff:
        officer = persona(staff["safety_officer"], school)
        # The morning round of the gate and the grounds: one route of four checkpoints per school.
        route = PatrolRoute.objects.filter(org_unit_id=school, name="Morning round").first() or create_route(
            actor=staff["safety_officer"], org_unit=OrgUnit.objects.get(pk=school), name="Morning round",
            kind="safety", checkpoints=[{"name": n} for n in ("Gate", "Playground", "Canteen", "Stairs")])
        officer["codes"] = list(route.checkpoints.values_list("code", flat=True))
        people["officer"].append(officer)
    teachers = [a.user for a in RoleAssignment.objects.filter(org_unit_id=school, role__code="teacher")
                .select_related("user")[:3]]
    people["teacher"] += [persona(t, school, web=True) for t in teachers]
centrals = {int(path.strip("/").split("/")[1]) for _, path in sample}
for a in RoleAssignment.objects.filter(role__code="central_officer", org_unit_id__in=centrals).select_related("user"):
    people["central"].append(persona(a.user, a.org_unit_id, web=True))
authority = User.objects.get(username="bench_authority")
people["authority"].append(persona(authority, None, web=True))
print("JSON" + json.dumps(people))
"""


WORKER = """
import time
import django
django.setup()
from safecampus.compliance.reminders import sweep
while True:
    started = time.monotonic()
    sweep()
    time.sleep(max(0.0, 60 - (time.monotonic() - started)))
"""


def prepare(data: Path, sample: int) -> Path:
    proc = subprocess.run([sys.executable, "-c", PREPARE.replace("SAMPLE", str(sample))],
                          env=production_env(data), capture_output=True, text=True)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("JSON")), None)
    if line is None:
        raise SystemExit(proc.stderr[-3000:])
    path = data / "load-personas.json"
    path.write_text(line[4:])
    return path


SOLO = """
import json, sys, time
sys.path.insert(0, BENCH)
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from morning import MIX
from safecampus.compliance.reminders import sweep

sweep()   # as the worker beside the run did: what readers take from the sweep is fresh
people = json.load(open(PERSONAS))
out = {}
for line in MIX:
    persona = people[line.persona][0]
    if line.api:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {persona['token']}")
    else:
        client = Client()
        name, value = persona["cookie"].split("=", 1)
        client.cookies[name] = value
    def send():
        if line.method == "GET":
            return client.get(line.path(persona))
        return client.generic(line.method, line.path(persona), json.dumps(line.body(persona)),
                              content_type="application/json")
    send()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = send()
        times.append((time.perf_counter() - started) * 1000)
    assert response.status_code < 300, (line.name, response.status_code)
    out[line.name] = {"ms": sorted(times)[2], "queries": len(queries), "weight": line.weight}
print("JSON" + json.dumps(out))
"""


def solo(data: Path, personas: Path) -> dict:
    """Each line of the mix alone, in-process (median of 5): the work a request costs without a queue."""
    code = SOLO.replace("BENCH", repr(str(Path(__file__).resolve().parent))).replace("PERSONAS", repr(str(personas)))
    proc = subprocess.run([sys.executable, "-c", code], env=production_env(data), capture_output=True, text=True)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("JSON")), None)
    if line is None:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(line[4:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(data: Path, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen([str(BIN / "gunicorn"), "safecampus.config.wsgi", "-w", str(workers),
                               "-b", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
                              env=production_env(data))
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within a minute")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]


def run_locust(locust: str, port: int, personas: Path, out: Path, args) -> dict:
    result = out / "result.json"
    env = {**os.environ, "LOAD_PERSONAS": str(personas), "LOAD_MAX_REQUESTS": str(args.max_requests),
           "LOAD_RESULT": str(result)}
    started = time.time()
    subprocess.run([locust, "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
                    "--host", f"http://127.0.0.1:{port}", "-u", str(args.users), "-r", str(args.spawn_rate),
                    "--run-time", f"{args.run_time}s", "--stop-timeout", "10", "--csv", str(out / "run"),
                    "--only-summary", "--loglevel", "WARNING"], env=env, check=False)
    elapsed = time.time() - started
    stats = {}
    import csv

    with (out / "run_stats.csv").open() as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = row
    return {"stats": stats, "raw": json.loads(result.read_text()), "elapsed": elapsed}


def table(outcome: dict) -> tuple[str, dict]:
    stats, raw = outcome["stats"], outcome["raw"]
    lines = ["| request | count | failures | req/s | p50 ms | p95 ms | p99 ms |", "|---|---|---|---|---|---|---|"]
    for name, row in stats.items():
        if name == "Aggregated":
            continue
        lines.append(f"| {name} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} | "
                     f"{row['50%']} | {row['95%']} | {row['99%']} |")
    total = stats["Aggregated"]
    reads, writes = raw["times"]["read"], raw["times"]["write"]
    summary = {"requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
               "rps": float(total["Requests/s"]), "read_p50": percentile(reads, 50),
               "read_p95": percentile(reads, 95), "write_p95": percentile(writes, 95), "errors": raw["errors"]}
    lines.append(f"| **all** | {total['Request Count']} | {total['Failure Count']} | {summary['rps']:.1f} | "
                 f"{total['50%']} | {total['95%']} | {total['99%']} |")
    return "\n".join(lines), summary


def write_section(path: Path, text: str) -> None:
    current = path.read_text() if path.exists() else "# Benchmarks\n"
    head = current.split(MARKER)[0].rstrip() + "\n\n"
    path.write_text(head + MARKER + "\n" + text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--locust", default=str(ROOT / ".venv-bench" / "bin" / "locust"))
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--pupils", type=int, default=600)
    parser.add_argument("--staff", type=int, default=50)
    parser.add_argument("--sample", type=int, default=200, help="schools whose staff sign in")
    parser.add_argument("--users", type=int, default=80)
    parser.add_argument("--spawn-rate", type=int, default=20)
    parser.add_argument("--run-time", type=int, default=90, help="seconds (the upper bound in time)")
    parser.add_argument("--max-requests", type=int, default=20000, help="the upper bound in requests")
    parser.add_argument("--workers", type=int, default=max(2, os.cpu_count() or 2),
                        help="gunicorn's sync workers (the shipped configuration's default: one per core)")
    parser.add_argument("--note", default="", help="a sentence about the machine during the run")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    args = parser.parse_args()
    if not Path(args.locust).exists():
        raise SystemExit(f"locust not found at {args.locust}: `make loadtest` installs bench/requirements.txt")
    data = seeded(args.schools, args.pupils, args.staff)
    personas = prepare(data, args.sample)
    out = data / "load"
    out.mkdir(exist_ok=True)
    port = free_port()
    load_before = os.getloadavg()
    server = start_gunicorn(data, port, args.workers)
    # The worker of a deployment: the one-minute sweep keeps the dashboards' summaries and the duties'
    # stored statuses fresh while the staff read them (and costs its share of the CPU).
    worker = subprocess.Popen([sys.executable, "-c", WORKER], env=production_env(data))
    try:
        outcome = run_locust(args.locust, port, personas, out, args)
    finally:
        for proc in (server, worker):
            proc.terminate()
            proc.wait(timeout=30)
    load_after = os.getloadavg()
    alone = solo(data, personas)
    weights = sum(r["weight"] for r in alone.values())
    mean_ms = sum(r["ms"] * r["weight"] for r in alone.values()) / weights
    alone_rows = "\n".join(["| request (weight) | ms alone | queries |", "|---|---|---|"] + [
        f"| {name} ({r['weight']}) | {r['ms']:.0f} | {r['queries']} |" for name, r in alone.items()])
    work = {name: r["ms"] * r["weight"] for name, r in alone.items()}
    top = sorted(work, key=work.get, reverse=True)[:3]
    share = sum(work[n] for n in top) / sum(work.values())
    rows, s = table(outcome)
    print(rows)
    print(json.dumps({k: v for k, v in s.items() if k != "errors"}), *s["errors"], sep="\n")
    verdict = ("met" if s["rps"] >= TARGET_RPS and s["read_p95"] < TARGET_READ_P95_MS and s["failures"] == 0
               else "not met")
    # Closed loop: each simulated person waits 0.5-1.5 s after an answer, so a server that keeps up
    # answers about users / (1 s + response time) a second; one that cannot answers fewer.
    kept_up = ("the server kept up with them (a saturated server answers fewer, and the queue shows in p95)"
               if s["rps"] >= 0.9 * args.users / (1 + s["read_p50"] / 1000)
               else "the server answered fewer: it was saturated, and the queue is in p95")
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite"
    text = f"""
## Load test: the morning peak on gunicorn

Measured by `make loadtest` (`bench/load.py`, locust `bench/locustfile.py`) on {machine},
{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: the {args.schools}-school district above, gunicorn with
{args.workers} sync workers on 127.0.0.1 (production settings, the database as the shared cache, the
dashboards' summaries and the duties' statuses kept fresh by the one-minute sweep running beside it as
the worker does), locust on the same machine with
{args.users} simulated staff (each waits 0.5-1.5 s between requests), at most {args.run_time} s and
{args.max_requests} requests. Staff of {args.sample} sampled schools sign in: teachers report hazards and open
their home page, principals open theirs (the school's duties) and read compliance, safety officers
read tasks, hazards and pupils, central schools and the authority read the district's dashboard
(weights in `MIX`).
The gate's registrations of visitors and the morning patrol's check-ins are made by the safety
officers (the generated district has no door-guard accounts).

Target (issue 12): >= {TARGET_RPS} requests/s, reads p95 < {TARGET_READ_P95_MS} ms, 0 errors. Result: **{verdict}** —
{s['rps']:.1f} requests/s, reads p50 {s['read_p50']:.0f} ms / p95 {s['read_p95']:.0f} ms, writes p95
{s['write_p95']:.0f} ms, {s['failures']} failures in {s['requests']} requests.

{rows}

The same requests one at a time, in-process, right after the run (median of 5; no queue): the
weighted mean is {mean_ms:.0f} ms of work per request, so one core serves about {1000 / mean_ms:.0f} requests/s
of this mix and {os.cpu_count()} cores about {os.cpu_count() * 1000 / mean_ms:.0f} when nothing else runs.

{alone_rows}

Where the time goes: weighted by the mix, {", ".join(top)} are {share:.0%} of the work.

Load average (1/5/15 min) before the run {load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f}, after
{load_after[0]:.1f} / {load_after[1]:.1f} / {load_after[2]:.1f}. {args.note}

Reading it: {s['failures']} errors. {args.users} staff who wait a second on average between requests ask for
at most about {args.users} requests/s; {kept_up}. Measured alone, a request of this mix costs about {mean_ms:.0f} ms
here; {TARGET_RPS} requests/s on {os.cpu_count()} cores needs about
{os.cpu_count() * 1000 / TARGET_RPS:.0f} ms, with locust and the worker on the same cores. The home pages and
`/api/v1/tasks` read the duties' statuses the sweep stores (`compliance/stored.py`); what is left on
them is each app's panel and task source, a few queries each.
"""
    if not args.no_write:
        write_section(Path(args.out), text)


if __name__ == "__main__":
    main()

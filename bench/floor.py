"""Hot paths against the framework floor (issue 20): `make bench` runs it after bench/run.py.

In-process, through the whole middleware stack (Django test client, production settings, the
database as the shared cache), as the authority's safety officer of a 200-school district seeded
by bench/run.py. Each real page is measured in the same run as its floor, interleaved request by
request (floor, real, floor, real, ...), so load from other work on this shared machine falls on
both alike and every figure is a ratio:

- an API page of 50 (hazards, incidents, inspections, org-units, staff, students) against the same
  page's rows (every column, the same order, 50 rows and the count) read by raw SQL and returned as
  a bare Django ``JsonResponse`` by a view mounted for the run;
- the HTML lists (the hazard ledger, incidents, inspections) against their API, the dashboard
  against ``/api/v1/compliance?page_size=50`` (the same schools x duties);
- ``/api/v1/compliance?page_size=50`` against the hazards floor;
- ``POST /api/v1/hazards`` and ``POST /api/v1/incidents`` (p50, and the medians of the time spent in
  the audit chain, the notification fan-out and the answer's serialization).

SQLite always; PostgreSQL too when it is reachable (``--pg`` names the server; the district is
seeded once into the database ``sc_bench_floor``). Writes the section between the floor-bench
markers of docs/BENCHMARKS.md.

    .venv/bin/python bench/floor.py [--repeat 40] [--no-pg] [--label after]
    FLOOR_PROFILE=/api/v1/hazards?page_size=50 .venv/bin/python bench/floor.py --profile   # cProfile
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BIN, KEYS, ROOT, seeded

START, END = "<!-- floor-bench -->", "<!-- /floor-bench -->"
SIZE, PUPILS, STAFF = 200, 600, 50
PG_DB = "sc_bench_floor"

TARGETS = {"api": 0.4, "html": 0.5, "compliance": 0.25, "post": 15.0}


def pg_reachable(server: str) -> bool:
    try:
        import psycopg

        psycopg.connect(server + "/postgres", connect_timeout=3, autocommit=True).close()
        return True
    except Exception:
        return False


def pg_seeded(server: str) -> tuple[Path, str]:
    import psycopg

    url = f"{server}/{PG_DB}"
    data = ROOT / "var" / "bench" / f"pg-{SIZE}-{PUPILS}-{STAFF}"
    data.mkdir(parents=True, exist_ok=True)
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DB,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{PG_DB}"')
            (data / "seeded").unlink(missing_ok=True)
    env = {**os.environ, **KEYS, "SAFECAMPUS_DATA_DIR": str(data), "SAFECAMPUS_DEBUG": "false",
           "SAFECAMPUS_TESTING": "false", "SAFECAMPUS_DATABASE_URL": url}
    subprocess.run([str(BIN / "safecampus"), "migrate", "-v0"], env=env, check=True)
    if not (data / "seeded").exists():
        started = time.perf_counter()
        subprocess.run([str(BIN / "safecampus"), "seed", "--schools", str(SIZE), "--pupils", str(PUPILS),
                        "--staff", str(STAFF)], env=env, check=True)
        (data / "seeded").write_text(f"{time.perf_counter() - started:.1f}\n")
    return data, url


def measure(data: Path, url: str | None, repeat: int, profile: str = "") -> dict:
    env = {**os.environ, **KEYS, "SAFECAMPUS_DATA_DIR": str(data), "SAFECAMPUS_DEBUG": "false",
           "SAFECAMPUS_TESTING": "false", "SAFECAMPUS_SSL_REDIRECT": "false", "SAFECAMPUS_AXES": "false",
           "DJANGO_SETTINGS_MODULE": "safecampus.config.settings", "FLOOR_REPEAT": str(repeat),
           "FLOOR_PROFILE": profile}
    env.pop("SAFECAMPUS_DATABASE_URL", None)
    if url:
        env["SAFECAMPUS_DATABASE_URL"] = url
    child = Path(__file__).resolve().parent / "floor_child.py"
    proc = subprocess.run([sys.executable, str(child)], env=env, capture_output=True, text=True)
    if profile:
        print(proc.stderr)
        return {}
    line = next((x for x in proc.stdout.splitlines() if x.startswith("JSON")), None)
    if line is None:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(line[4:])


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def table(results: dict[str, dict]) -> str:
    dbs = list(results)
    head = (f"{db}: floor / real CPU p50 ms (queries) | {db}: ratio (wall-time ratio)" for db in dbs)
    lines = ["| measurement | " + " | ".join(head) + " | target |", "|---|" + "---|---|" * len(dbs) + "---|"]

    def row(name, cells, target):
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {target} |")

    first = results[dbs[0]]
    for key in first["api"]:
        cells = []
        for db in dbs:
            r = results[db]["api"][key]
            cells += [f"{r['floor_p50']:.1f} / {r['real_p50']:.1f} ({r['floor_q']} / {r['real_q']})",
                      f"{r['ratio']:.2f}x {_mark(r['ratio'] >= TARGETS['api'])} ({r['wall_ratio']:.2f}x)"]
        row(f"`{first['api'][key]['url']}` vs raw SQL floor", cells, f">= {TARGETS['api']}x")
    for key in first["html"]:
        cells = []
        for db in dbs:
            r = results[db]["html"][key]
            cells += [f"{r['floor_p50']:.1f} / {r['real_p50']:.1f} ({r['floor_q']} / {r['real_q']})",
                      f"{r['ratio']:.2f}x {_mark(r['ratio'] >= TARGETS['html'])} ({r['wall_ratio']:.2f}x)"]
        row(f"HTML {key} vs `{first['html'][key]['api']}`", cells, f">= {TARGETS['html']}x")
    cells = []
    for db in dbs:
        r = results[db]["compliance"]
        cells += [f"{r['floor_p50']:.1f} / {r['real_p50']:.1f} ({r['floor_q']} / {r['real_q']})",
                  f"{r['ratio']:.2f}x {_mark(r['ratio'] >= TARGETS['compliance'])} ({r['wall_ratio']:.2f}x)"]
    row("`/api/v1/compliance?page_size=50` vs the hazards floor", cells, f">= {TARGETS['compliance']}x")
    for key in first["post"]:
        cells = []
        for db in dbs:
            r = results[db]["post"][key]
            cells += [f"wall {r['p50']:.1f} / CPU {r['cpu_p50']:.1f} ms ({r['queries']})",
                      _mark(r["p50"] <= TARGETS["post"]) + f" (CPU {_mark(r['cpu_p50'] <= TARGETS['post'])})"]
        row(f"`{key}` p50", cells, f"p50 <= {TARGETS['post']:.0f} ms")
    return "\n".join(lines)


def breakdown(results: dict[str, dict]) -> str:
    lines = ["| request | database | p50 ms | " + " | ".join(
        ["audit chain", "notifications", "serialization", "service in all", "rest (parsing, checks, middleware)"])
        + " |", "|---|---|---|---|---|---|---|---|"]
    for db, res in results.items():
        for key, r in res["post"].items():
            p = r["parts"]
            audit_ms = p.get("audit chain (row lock, hash, insert)", 0.0)
            notify_ms = p.get("notification fan-out", 0.0)
            ser = p.get("serialization (re-read and JSON of the answer)", 0.0)
            service = p.get("service (all of it)", 0.0)
            rest = r["p50"] - service - ser
            lines.append(f"| `{key}` | {db} | {r['p50']:.1f} | {audit_ms:.1f} | {notify_ms:.1f} | {ser:.1f} | "
                         f"{service:.1f} | {rest:.1f} |")
    return "\n".join(lines)


def compare(before: dict[str, dict], after: dict[str, dict]) -> str:
    """Before/after (``--compare BEFORE.json AFTER.json``, both written by ``--json``): CPU p50 and ratio."""
    lines = ["| measurement | database | before: real CPU p50 ms, ratio | after: real CPU p50 ms, ratio | target |",
             "|---|---|---|---|---|"]
    for db in after:
        if db not in before:
            continue
        b, a = before[db], after[db]
        for group, target in (("api", TARGETS["api"]), ("html", TARGETS["html"])):
            for key in a[group]:
                rb, ra = b[group][key], a[group][key]
                name = f"`{ra['url']}`" if group == "api" else f"HTML {key} vs its API"
                lines.append(f"| {name} | {db} | {rb['real_p50']:.1f}, {rb['ratio']:.2f}x | {ra['real_p50']:.1f}, "
                             f"{ra['ratio']:.2f}x {_mark(ra['ratio'] >= target)} | >= {target}x |")
        rb, ra = b["compliance"], a["compliance"]
        lines.append(f"| `/api/v1/compliance?page_size=50` vs the floor | {db} | {rb['real_p50']:.1f}, "
                     f"{rb['ratio']:.2f}x | {ra['real_p50']:.1f}, {ra['ratio']:.2f}x "
                     f"{_mark(ra['ratio'] >= TARGETS['compliance'])} | >= {TARGETS['compliance']}x |")
        for key in a["post"]:
            rb, ra = b["post"][key], a["post"][key]
            lines.append(f"| `{key}` p50 (wall / CPU) | {db} | {rb['p50']:.1f} / {rb['cpu_p50']:.1f} | "
                         f"{ra['p50']:.1f} / {ra['cpu_p50']:.1f} {_mark(ra['cpu_p50'] <= TARGETS['post'])} | "
                         f"<= {TARGETS['post']:.0f} ms |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print cProfile of FLOOR_PROFILE and stop")
    parser.add_argument("--json", help="also write the raw figures here")
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    parser.add_argument("--write", action="store_true", help="write the section into --out")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="print a before/after table")
    args = parser.parse_args()
    if args.compare:
        print(compare(*(json.loads(Path(p).read_text()) for p in args.compare)))
        return
    targets: dict[str, tuple[Path, str | None]] = {}
    if not args.no_sqlite:
        targets["SQLite"] = (seeded(SIZE, PUPILS, STAFF), None)
    if not args.no_pg and pg_reachable(args.pg):
        targets["PostgreSQL"] = pg_seeded(args.pg)
    elif not args.no_pg:
        print(f"PostgreSQL not reachable at {args.pg}: measured on SQLite only")
    if args.profile:
        for _db, (data, url) in targets.items():
            measure(data, url, args.repeat, os.environ.get("FLOOR_PROFILE", "/api/v1/hazards?page_size=50"))
        return
    results = {db: measure(data, url, args.repeat) for db, (data, url) in targets.items()}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    main_table, parts = table(results), breakdown(results)
    print(main_table)
    print(parts)
    if args.write:
        write(args.out, main_table, parts, args.repeat)


def write(out: str, main_table: str, parts: str, repeat: int) -> None:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    section = f"""{START}
## Against the floor (issue 20)

Measured by `bench/floor.py` (run by `make bench`) on {platform.machine()}, {os.cpu_count()} CPUs, Python
{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average {load}.
In-process, through the whole middleware stack (Django test client, production settings), as the
authority's officer of the {SIZE}-school district above ({PUPILS} pupils, {STAFF} staff per school).
Each pair is measured interleaved, {repeat} times each after a warm-up (floor, real, floor, real, ...),
so the ratio (floor p50 / real p50 = real requests/s / floor requests/s) is what counts on this shared
machine. The figures are the CPU time each request takes in the measuring process (what a worker
spends; the wall time on a loaded machine is mostly the wait for a core), the wall-time ratio beside.
The floor of an API page is the same page's rows (every column, the same order, 50 rows and the
count) by raw SQL, returned as a bare Django `JsonResponse` through the same middleware; an HTML
page's floor is its API; the compliance API is compared with the hazards floor.

{main_table}

Where a report's time goes (wall time, medians of {repeat} requests, ms; the service includes the audit chain
and the notifications; the rest is the request's parsing, validation, authentication and middleware):

{parts}
{END}
"""
    path = Path(out)
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if START in text and END in text:
        text = text[:text.index(START)] + section.strip() + text[text.index(END) + len(END):]
    else:
        marker = "<!-- load test: bench/load.py writes from here to the end -->"
        text = text.replace(marker, section + "\n" + marker) if marker in text else text.rstrip() + "\n\n" + section
    path.write_text(text)


if __name__ == "__main__":
    main()

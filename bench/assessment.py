"""Benchmark of assessment at province scale (issue 19).

Seeds (or reuses) the district of ``bench/run.py`` (`safecampus seed`: every app's school year of
records) and measures, with production settings:

* scoring every school of the county for the school year in force, set-based
  (``assessment.scoring.score_schools``: one computation per indicator over all schools, marks and
  schemes once), with its query count;
* the same for one semester;
* ``GET /api/v1/assessments`` for one central school (20 schools) as the authority's officer, through the
  whole middleware stack (it scores the whole county for the county ranks).

    .venv/bin/python bench/assessment.py [--size 2000] [--pupils 600] [--staff 50] [--repeat 3]

The table is printed and written to docs/BENCHMARKS-assessment.md. Target: scoring every school of a
2,000-school county for a school year <= 5 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, run_child, seeded

CODE = """
import json, statistics, time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
from safecampus.org.models import OrgUnit
from safecampus.assessment.scoring import period_of, score_schools
from safecampus.assessment.selectors import pick_period

n = REPEAT
county = OrgUnit.objects.filter(kind="authority").order_by("depth").first()
period = pick_period(county)
out = {}

def measure(name, fn):
    fn()
    times = []
    for _ in range(n):
        t = time.perf_counter(); rows = fn(); times.append((time.perf_counter() - t) * 1000)
    with CaptureQueriesContext(connection) as q:
        rows = fn()
    times.sort()
    out[name] = {"p50": statistics.median(times), "max": times[-1], "queries": len(q), "rows": len(rows)}
    return rows

rows = measure(f"score every school of the county, school year {period.school_year.name}",
               lambda: score_schools([county.path], period))
vetoed = sum(1 for r in rows if r.vetoed)
semester = period.school_year.semesters.order_by("start").first()
measure(f"the same for one semester ({semester.kind})",
        lambda: score_schools([county.path], period_of(period.school_year, semester)))
central = OrgUnit.objects.filter(kind="central_school", path__startswith=county.path).order_by("path").first()
client = Client(); client.force_login(get_user_model().objects.get(username="bench_authority"))
url = f"/api/v1/assessments?org_unit={central.pk}&page_size=200"
def api():
    r = client.get(url); assert r.status_code == 200, r.content[:500]; return r.json()["results"]
measure("GET /api/v1/assessments, one central school (the county scored for its ranks)", api)
out["_facts"] = {"schools": len(rows), "vetoed": vetoed,
                 "scored": sum(1 for r in rows if r.score is not None)}
print("JSON" + json.dumps(out))
"""


def measure(data: Path, repeat: int) -> dict:
    return run_child(CODE, data, repeat)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--pupils", type=int, default=600)
    parser.add_argument("--staff", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS-assessment.md"))
    args = parser.parse_args()
    data = seeded(args.size, args.pupils, args.staff)
    result = measure(data, args.repeat)
    facts = result.pop("_facts")
    lines = ["| measurement | p50 / max ms (queries) | schools |", "|---|---|---|"]
    for name, r in result.items():
        lines.append(f"| {name} | {r['p50']:.0f} / {r['max']:.0f} ({r['queries']}) | {r['rows']} |")
    table = "\n".join(lines)
    print(table)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite"
    Path(args.out).write_text(f"""# Benchmarks: assessment

Measured by `bench/assessment.py` on {machine}, {time.strftime('%Y-%m-%d')}, on a district seeded by
`safecampus seed --schools {args.size} --pupils {args.pupils} --staff {args.staff}` (seeding took
{(data / "seeded").read_text().strip()} s): {facts['schools']} schools in one county, a school year so far of
every app's records. {facts['scored']} schools scored, {facts['vetoed']} of them vetoed (late incident reports).

Each row: one warm-up, then {args.repeat} runs (p50 and the slowest), and the queries of one more run.
Scoring is set-based: each indicator is one computation over every school of the county (grouped
queries by the records' unit), the compliance indicator evaluates every rule for the current and the
previous period as the sweep does; marks and schemes are read once. The query count does not grow with
the number of schools.

Target (issue 19): scoring every school of a 2,000-school county for a school year <= 5 s.

{table}

The machine is shared by several people's work at once; repeated runs vary by up to 2x.
""")


if __name__ == "__main__":
    main()

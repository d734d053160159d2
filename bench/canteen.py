"""Canteen benchmarks (issue 16): `.venv/bin/python bench/canteen.py [--sizes 2000] [--repeat 60]`.

Uses the districts `bench/run.py` seeds (var/bench/, seeded once; the canteen's own `scale.py` adds a
year of meals, three a day with six dishes, a sample of every dish) and measures, as the
canteen manager of one school, through the full middleware stack: the day page, a page of the
sample ledger (queries counted) and the sample POST. Targets: the day page and the POST p95 <= 100 ms
at 2,000 schools; the ledger's query count the same at every size. Writes docs/BENCHMARKS-canteen.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ROOT, run_child, seeded, size_table

CODE = """
import json, statistics, time, uuid
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from safecampus.org.models import RoleAssignment
from safecampus.canteen.models import FoodSample

manager = (RoleAssignment.objects.filter(role__code="canteen_manager").select_related("user", "org_unit")
           .order_by("id").first())
client = Client(); client.force_login(manager.user)
unit = manager.org_unit
out = {"samples in the district": {"rows": FoodSample.objects.count()}}
def timed(name, call, n):
    call()
    times = []
    for _ in range(n):
        t = time.perf_counter(); r = call(); times.append((time.perf_counter() - t) * 1000)
        assert r.status_code in (200, 201), (name, r.status_code, r.content[:300])
    with CaptureQueriesContext(connection) as q:
        call()
    times.sort()
    out[name] = {"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)],
                 "queries": len(q)}
timed("canteen manager's day page", lambda: client.get("/canteen/"), REPEAT)
timed("sample ledger, page 3", lambda: client.get("/canteen/samples/?page=3"), REPEAT)
timed("/api/v1/food-samples (page of 50)", lambda: client.get("/api/v1/food-samples?page_size=50"), REPEAT)
def post():
    return client.post("/api/v1/food-samples", {"org_unit": unit.pk, "meal": "lunch", "dish": uuid.uuid4().hex[:12],
                                                "weight_g": 150}, content_type="application/json")
timed("POST /api/v1/food-samples", post, REPEAT)
print("JSON" + json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--pupils", type=int, default=600)
    parser.add_argument("--staff", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS-canteen.md"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {size: run_child(CODE, seeded(size, args.pupils, args.staff), args.repeat) for size in sizes}
    table = size_table(results, sizes)
    print(table)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite"
    Path(args.out).write_text(f"""# Canteen benchmarks

Measured by `bench/canteen.py` on {machine}, {time.strftime('%Y-%m-%d')}, on the districts of
`bench/run.py` ({args.pupils} pupils and {args.staff} staff per school; about 80 % of schools have a canteen,
each with a year of three meals a day (school days, the summer holiday apart), six dishes each, every
dish sampled). As the canteen manager of one school, {args.repeat} requests after one warm-up; queries
counted on one more.
Targets (issue 16): the day page and the sample POST p95 <= 100 ms at 2,000 schools; the ledger
page's query count the same at every size.

{table}
""")


if __name__ == "__main__":
    main()

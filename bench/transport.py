"""Transport benchmarks (issue 15): `.venv/bin/python bench/transport.py [--sizes 2000] [--repeat 40]`.

Uses the districts `bench/run.py` seeds (var/bench/, seeded once; ``transport/scale.py`` gives every
school with transport two routes of 20 riders and four weeks of trips both ways) and measures, as the
escort of one school, through the full middleware stack: opening a trip from the route, the roll-call
page, the board and alight taps (API and page) and the close. Target: an escort's tap p95 <= 100 ms at
2,000 schools. Writes docs/BENCHMARKS-transport.md.
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
import json, statistics, time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from safecampus.org.models import RoleAssignment
from safecampus.transport.models import Route, Trip, TripRider

escort = RoleAssignment.objects.filter(role__code="escort").select_related("user", "org_unit").order_by("id").first()
client = Client(); client.force_login(escort.user)
route = Route.objects.filter(org_unit=escort.org_unit).order_by("id").first()
out = {"trips in the district": {"rows": Trip.objects.count()},
       "trip riders in the district": {"rows": TripRider.objects.count()}}
times = {"open a trip (route page POST)": [], "tap: board (API POST /trips/{id}/board)": [],
         "roll-call page (20 riders)": [], "tap: alight (phone page POST)": [], "close the trip": []}
queries = {}
def timed(name, call, ok=(200, 201, 302)):
    t = time.perf_counter(); r = call(); ms = (time.perf_counter() - t) * 1000
    assert r.status_code in ok, (name, r.status_code, r.content[:300])
    times[name].append(ms)
    return r
def counted(name, call):
    with CaptureQueriesContext(connection) as q:
        call()
    queries[name] = len(q)
for n in range(REPEAT + 1):
    warm = n == 0
    timed("open a trip (route page POST)", lambda: client.post(f"/transport/routes/{route.pk}/start/",
                                                               {"direction": "to_school"}))
    trip = Trip.objects.filter(route=route, status="open").get()
    pupils = list(trip.riders.values_list("student_id", flat=True))
    for p in pupils:
        timed("tap: board (API POST /trips/{id}/board)", lambda: client.post(
            f"/api/v1/trips/{trip.pk}/board", {"student": p}, content_type="application/json"))
    timed("roll-call page (20 riders)", lambda: client.get(f"/transport/trips/{trip.pk}/"))
    if n == 1:
        counted("roll-call page (20 riders)", lambda: client.get(f"/transport/trips/{trip.pk}/"))
        counted("tap: board (API POST /trips/{id}/board)", lambda: client.post(
            f"/api/v1/trips/{trip.pk}/board", {"student": pupils[0]}, content_type="application/json"))
    for i, p in enumerate(pupils):
        if n == 1 and i == 0:
            counted("tap: alight (phone page POST)", lambda: client.post(f"/transport/trips/{trip.pk}/alight/",
                                                                          {"student": p}))
            continue
        timed("tap: alight (phone page POST)", lambda: client.post(f"/transport/trips/{trip.pk}/alight/",
                                                                    {"student": p}))
    timed("close the trip", lambda: client.post(f"/transport/trips/{trip.pk}/close/"))
    if warm:
        for v in times.values():
            v.clear()
# The dormitory manager's night list (issue 15): a district seeded before dormitories gets them first.
from safecampus.operations.scale_dorms import top_up
from safecampus.operations.models import BedCheckEntry, Resident
top_up()
manager = (RoleAssignment.objects.filter(role__code="dormitory_manager", org_unit__kind="school")
           .select_related("user", "org_unit").order_by("id").first())
night = Client(); night.force_login(manager.user)
url = f"/operations/dormitory/check/?school={manager.org_unit_id}"
out["boarders in the district"] = {"rows": Resident.objects.filter(active=True).count()}
out["bed-check entries in the district"] = {"rows": BedCheckEntry.objects.count()}
times["dormitory manager: tonight's bed-check list (page)"] = []
night.get(url)
for _ in range(REPEAT * 5):
    timed("dormitory manager: tonight's bed-check list (page)", lambda: night.get(url))
counted("dormitory manager: tonight's bed-check list (page)", lambda: night.get(url))
for name, values in times.items():
    values.sort()
    out[name] = {"p50": statistics.median(values), "p95": values[max(0, int(len(values) * 0.95) - 1)],
                 "queries": queries.get(name, 0)}
print("JSON" + json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--pupils", type=int, default=600)
    parser.add_argument("--staff", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS-transport.md"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {size: run_child(CODE, seeded(size, args.pupils, args.staff), args.repeat) for size in sizes}
    table = size_table(results, sizes)
    print(table)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite"
    Path(args.out).write_text(f"""# Transport benchmarks

Measured by `bench/transport.py` on {machine}, {time.strftime('%Y-%m-%d')}, on the districts of
`bench/run.py` ({args.pupils} pupils and {args.staff} staff per school; about 40 % of schools run buses,
each two routes of 20 riders with four weeks of trips both ways). As the escort of one school: trips
opened from the route, every rider boarded through the API and alighted through the phone page, each
tap timed (the first, writing tap of each child); the roll-call page read five times a trip.
Targets (issue 15): an escort's tap p95 <= 100 ms and the dormitory manager's night list p95 <= 100 ms at
2,000 schools (schools with a dormitory board 60 pupils each and check them every school night).

{table}
""")


if __name__ == "__main__":
    main()

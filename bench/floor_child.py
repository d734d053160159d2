"""The measuring side of bench/floor.py: runs in its own process, in the seeded district's settings.

Every real page is measured against a floor in the same run, interleaved request by request
(floor, real, floor, real, ...) so that load from other work on the machine falls on both alike.
The floor of an API page is the same page's rows (the same columns, order and page of 50, and the
count) read by raw SQL and returned as a bare ``JsonResponse`` through the same middleware stack;
an HTML page's floor is its own API; the compliance API's floor is the hazards floor.
Prints one line ``JSON{...}``.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

REPEAT = int(os.environ.get("FLOOR_REPEAT", "40"))
PROFILE = os.environ.get("FLOOR_PROFILE", "")

User = get_user_model()


def floor_view(model, order: tuple[str, ...]):
    """The page's rows by raw SQL: every concrete column of the model, its order, 50 rows, and the count."""
    fields = list(model._meta.concrete_fields)
    names = [f.attname for f in fields]
    # The SQL is written once by the ORM (the order may follow a join: staff by their unit's path);
    # each request then runs it on a bare cursor.
    rows_sql, rows_params = model._base_manager.order_by(*order).values_list(*names)[:50].query.sql_with_params()
    count_sql = f"SELECT COUNT(*) FROM {connection.ops.quote_name(model._meta.db_table)}"

    def view(request):
        with connection.cursor() as cursor:
            cursor.execute(count_sql)
            count = cursor.fetchone()[0]
            cursor.execute(rows_sql, rows_params)
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        return JsonResponse({"count": count, "next": None, "previous": None, "results": rows})

    return view


def install_floors() -> dict[str, str]:
    from safecampus.config import urls
    from safecampus.hazards.models import Hazard
    from safecampus.incidents.models import Incident
    from safecampus.inspections.models import Inspection
    from safecampus.org.models import OrgUnit, Staff, Student

    def order_of(model, fallback=("id",)):
        return tuple(model._meta.ordering) or fallback

    floors = {
        "hazards": (Hazard, ("-reported_at", "-id")),
        "incidents": (Incident, ("-occurred_at", "-id")),
        "inspections": (Inspection, order_of(Inspection)),
        "org-units": (OrgUnit, order_of(OrgUnit)),
        "staff": (Staff, order_of(Staff)),
        "students": (Student, order_of(Student)),
    }
    urls.urlpatterns.insert(0, path("__floor__/<str:name>", lambda request, name: views[name](request)))
    views = {name: floor_view(model, order) for name, (model, order) in floors.items()}
    clear_url_caches()
    return {name: f"/__floor__/{name}" for name in floors}


def one(client, url: str, method: str = "get", body=None) -> tuple[float, float]:
    """(wall ms, CPU ms of this process) of one request."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url) if method == "get" else client.post(url, body, content_type="application/json")
    elapsed, used = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
    assert response.status_code in (200, 201), (url, response.status_code, response.content[:300])
    return elapsed, used


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def pair(client, floor_url: str, real_url: str, n: int = REPEAT) -> dict:
    """Interleaved: floor, real, floor, real. The ratio is floor p50 / real p50 (= real req/s / floor req/s)
    of the CPU time each request takes in this process (what a worker spends: on a loaded machine the
    wall time also counts the time spent waiting for a core); the wall-time ratio is kept beside it."""
    one(client, floor_url), one(client, real_url)
    floors, reals = [], []
    for _ in range(n):
        floors.append(one(client, floor_url))
        reals.append(one(client, real_url))
    f_cpu, r_cpu = statistics.median(f[1] for f in floors), statistics.median(r[1] for r in reals)
    f_wall, r_wall = statistics.median(f[0] for f in floors), statistics.median(r[0] for r in reals)
    return {"floor_p50": f_cpu, "real_p50": r_cpu, "ratio": f_cpu / r_cpu, "floor_wall": f_wall,
            "real_wall": r_wall, "wall_ratio": f_wall / r_wall, "floor_q": queries(client, floor_url),
            "real_q": queries(client, real_url)}


def profile(client, url: str, n: int = 20) -> str:
    client.get(url)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        client.get(url)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats(os.environ.get("FLOOR_SORT", "cumulative"))
    stats.print_stats(int(os.environ.get("FLOOR_LINES", "45")))
    if os.environ.get("FLOOR_CALLERS"):
        stats.print_callers(os.environ["FLOOR_CALLERS"])
    return out.getvalue()


class Timers:
    """Wall time spent inside wrapped functions during one request (re-entrant calls counted once)."""

    def __init__(self):
        self.spent: dict[str, float] = {}
        self.depth: dict[str, int] = {}

    def wrap(self, owner, attr: str, name: str):
        original = getattr(owner, attr)

        def timed(*args, **kwargs):
            depth = self.depth.get(name, 0)
            self.depth[name] = depth + 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.depth[name] = depth
                if depth == 0:
                    self.spent[name] = self.spent.get(name, 0.0) + (time.perf_counter() - started) * 1000

        setattr(owner, attr, timed)


def posts(api) -> dict:
    """POST /api/v1/hazards and /api/v1/incidents: p50 and where the time goes."""
    from safecampus.core import audit, notify
    from safecampus.hazards import api as hazard_api
    from safecampus.hazards import services as hazard_services
    from safecampus.incidents import api as incident_api
    from safecampus.org.models import OrgUnit, RoleAssignment

    timers = Timers()
    timers.wrap(audit, "record", "audit chain (row lock, hash, insert)")
    timers.wrap(notify, "notify", "notification fan-out")
    timers.wrap(hazard_services, "notify", "notification fan-out")
    # A new record's answer is written from the service's instance; a repeated request_id's is read back.
    timers.wrap(hazard_api.HazardViewSet, "_out", "serialization (re-read and JSON of the answer)")
    timers.wrap(incident_api.IncidentViewSet, "_out", "serialization (re-read and JSON of the answer)")
    timers.wrap(hazard_api.HazardDetailOut, "to_representation", "serialization (re-read and JSON of the answer)")
    timers.wrap(incident_api.IncidentOut, "to_representation", "serialization (re-read and JSON of the answer)")
    timers.wrap(hazard_services, "report_hazard", "service (all of it)")
    from safecampus.incidents import services as incident_services
    timers.wrap(incident_services, "file_incident", "service (all of it)")
    # The school's safety officer reports: the usual writer of both.
    officer = RoleAssignment.objects.filter(role__code="safety_officer", org_unit__kind="school").select_related(
        "org_unit", "user").order_by("org_unit__path").first()
    school = officer.org_unit
    client = Client()
    client.force_login(officer.user)
    stamp = int(time.time())

    def hazard(i):
        return json.dumps({"org_unit": school.pk, "title": f"Loose railing {stamp}-{i}", "category": "building",
                           "level": "general", "location": "Stairs B", "request_id": f"bench-{stamp}-{i}"})

    def incident(i):
        return json.dumps({"org_unit": school.pk, "kind": "casualty_accident", "severity": "general",
                           "occurred_at": "2026-11-30T08:00:00+08:00", "summary": f"A fall {stamp}-{i}",
                           "injured": 1, "request_id": f"bench-{stamp}-{i}"})

    out = {}
    for label, url, make in (("POST /api/v1/hazards", "/api/v1/hazards", hazard),
                             ("POST /api/v1/incidents", "/api/v1/incidents", incident)):
        one(client, url, "post", make(-1))
        times, cpus, parts = [], [], []
        for i in range(REPEAT):
            timers.spent = {}
            wall, cpu = one(client, url, "post", make(i))
            times.append(wall)
            cpus.append(cpu)
            parts.append(dict(timers.spent))
        with CaptureQueriesContext(connection) as captured:
            one(client, url, "post", make(REPEAT))
        names = sorted({k for p in parts for k in p})
        out[label] = {"p50": statistics.median(times), "cpu_p50": statistics.median(cpus), "queries": len(captured),
                      "parts": {k: statistics.median(p.get(k, 0.0) for p in parts) for k in names},
                      "school": str(school)}
        if PROFILE == "post":
            prof = cProfile.Profile()
            prof.enable()
            for i in range(20):
                client.post(url, make(REPEAT + 1 + i), content_type="application/json")
            prof.disable()
            s = io.StringIO()
            pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(60)
            print(s.getvalue(), file=sys.stderr)
    _ = OrgUnit
    return out


def main() -> None:
    floors = install_floors()
    authority = Client()
    authority.force_login(User.objects.get(username="bench_authority"))
    if PROFILE and PROFILE != "post":
        print(profile(authority, PROFILE), file=sys.stderr)
        return
    api = {"hazards": "/api/v1/hazards?page_size=50", "incidents": "/api/v1/incidents?page_size=50",
           "inspections": "/api/v1/inspections?page_size=50", "org-units": "/api/v1/org-units?page_size=50",
           "staff": "/api/v1/staff?page_size=50", "students": "/api/v1/students?page_size=50"}
    out = {"api": {}, "html": {}, "compliance": None, "post": None}
    for name, url in api.items():
        out["api"][name] = {"url": url, **pair(authority, floors[name], url)}
    from safecampus.compliance.reminders import sweep

    # The HTML pages against their API (the page's floor is the API serving the same list).
    html = {"hazard ledger /hazards/": ("/hazards/", api["hazards"]),
            "incidents /incidents/": ("/incidents/", api["incidents"]),
            "inspections /inspections/": ("/inspections/", api["inspections"]),
            "dashboard /reports/dashboard/": ("/reports/dashboard/", "/api/v1/compliance?page_size=50")}
    for name, (page, url) in html.items():
        sweep()  # as the worker does every minute: what it stores stays fresh through the pair
        out["html"][name] = {"url": page, "api": url, **pair(authority, url, page)}
    sweep()
    out["compliance"] = {"url": "/api/v1/compliance?page_size=50",
                         **pair(authority, floors["hazards"], "/api/v1/compliance?page_size=50")}
    out["post"] = posts(authority)
    print("JSON" + json.dumps(out))


if __name__ == "__main__":
    main()

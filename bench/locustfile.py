"""The morning peak of a county, as locust plays it against a local server (`bench/load.py` runs it).

Between 07:30 and 08:30 the staff of every school open SafeCampus: the principal looks at the
dashboard, teachers report what they saw on the way in, safety officers read their lists and
tasks, the central schools and the authority read the district's dashboard. ``MIX`` is that
morning as weighted requests; a new app adds its lines (door-guard registrations and check-ins
join here once the daily-operations endpoints exist).

Safety: the host must be this machine (loopback), and the run stops after ``LOAD_MAX_REQUESTS``
requests or locust's own ``--run-time``, whichever comes first.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from locust import HttpUser, between, events, task
from locust.runners import STATE_STOPPED

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PERSONAS = json.loads(Path(os.environ["LOAD_PERSONAS"]).read_text()) if os.environ.get("LOAD_PERSONAS") else {}
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
RESULT = os.environ.get("LOAD_RESULT", "")


@dataclass(frozen=True)
class Line:
    """One kind of request in the morning's mix."""

    name: str
    weight: int
    persona: str                       # a key of the personas file: "teacher", "officer", "principal", ...
    path: Callable[[dict], str]        # the persona -> the URL path
    method: str = "GET"
    body: Callable[[dict], dict] | None = None
    api: bool = True                   # token (API) or session cookie (pages)


CATEGORIES = ["fire", "electrical", "building", "canteen", "dormitory", "security", "equipment", "other"]


def _hazard(p: dict) -> dict:
    n = random.randint(1, 10**9)
    return {"org_unit": p["school"], "title": f"Morning round {n}", "category": random.choice(CATEGORIES),
            "level": "major" if n % 20 == 0 else "general", "location": "Gate", "description": "Seen on arrival.",
            "request_id": f"load-{n}"}


MIX: list[Line] = [
    # Reports and registrations (writes).
    Line("POST /api/v1/hazards", 6, "teacher", lambda p: "/api/v1/hazards", "POST", _hazard),
    # Pages people open first thing.
    Line("GET / (home)", 12, "teacher", lambda p: "/", api=False),
    Line("GET /reports/dashboard/ (principal)", 10, "principal", lambda p: "/reports/dashboard/", api=False),
    Line("GET /reports/dashboard/ (central school)", 3, "central", lambda p: "/reports/dashboard/", api=False),
    Line("GET /reports/dashboard/ (authority)", 1, "authority", lambda p: "/reports/dashboard/", api=False),
    # Lists through the API (the school's own systems and the mobile pages).
    Line("GET /api/v1/tasks", 14, "officer", lambda p: "/api/v1/tasks"),
    Line("GET /api/v1/hazards", 10, "officer", lambda p: f"/api/v1/hazards?org_unit={p['school']}&page_size=50"),
    Line("GET /api/v1/compliance", 6, "principal",
         lambda p: f"/api/v1/compliance?org_unit={p['school']}&date={date.today():%Y-%m-%d}&page_size=50"),
    Line("GET /api/v1/students", 5, "teacher", lambda p: f"/api/v1/students?org_unit={p['school']}&page_size=50"),
    Line("GET /api/v1/notifications", 6, "teacher", lambda p: "/api/v1/notifications?page_size=20"),
]

_sent = {"n": 0}
_times: dict[str, list[float]] = {"read": [], "write": []}
_errors: list[str] = []


@events.init.add_listener
def _only_loopback(environment, **kwargs):
    host = urlparse(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"the load test runs against this machine only (loopback), not {environment.host!r}")
    if not PERSONAS:
        raise SystemExit("LOAD_PERSONAS names no personas file (bench/load.py writes one)")


@events.request.add_listener
def _record(request_type, name, response_time, exception, response=None, **kwargs):
    _times["write" if request_type in ("POST", "PUT", "PATCH", "DELETE") else "read"].append(response_time)
    if exception and len(_errors) < 20:
        _errors.append(f"{request_type} {name}: {exception}")


@events.quitting.add_listener
def _write_result(environment, **kwargs):
    if RESULT:
        with open(RESULT, "w") as handle:
            json.dump({"times": _times, "errors": _errors}, handle)


class Staff(HttpUser):
    wait_time = between(0.5, 1.5)
    weights = [line.weight for line in MIX]

    @task
    def morning(self):
        if _sent["n"] >= MAX_REQUESTS:
            if self.environment.runner and self.environment.runner.state != STATE_STOPPED:
                self.environment.runner.quit()
            return
        _sent["n"] += 1
        line = random.choices(MIX, weights=self.weights)[0]
        persona = random.choice(PERSONAS[line.persona])
        headers = ({"Authorization": f"Bearer {persona['token']}", "Accept": "application/json"} if line.api
                   else {"Cookie": persona["cookie"]})
        kwargs = {"headers": headers, "name": line.name, "catch_response": True, "allow_redirects": False}
        if line.body:
            kwargs["json"] = line.body(persona)
        with self.client.request(line.method, line.path(persona), **kwargs) as response:
            if response.status_code >= 300:
                response.failure(f"{response.status_code}: {response.text[:200]}")

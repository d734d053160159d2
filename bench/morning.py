"""The morning peak of a county as weighted requests: read by `bench/locustfile.py` (locust) and by
`bench/load.py` (each request timed alone). A new register adds its lines to ``MIX``.

Between 07:30 and 08:30 the staff of every school open SafeCampus: the gate registers visitors and
the morning patrol checks in at its checkpoints; teachers report what they saw on the way in and
open their home page; principals open theirs (the school's duties) and read compliance; safety
officers read their tasks, hazards, pupils and who is inside; the central schools and the
authority read the district's dashboard. Pick-ups belong to the afternoon and are not here.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


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


WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _identity() -> str:
    """A well-formed resident identity number (GB 11643 check digit): the gate refuses others."""
    body = f"4305{random.randint(10, 99)}19{random.randint(60, 99)}{random.randint(1, 12):02d}" \
           f"{random.randint(1, 28):02d}{random.randint(0, 999):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def _visitor(p: dict) -> dict:
    n = random.randint(1, 10**9)
    return {"org_unit": p["school"], "name": f"Visitor {n}", "id_number": _identity(), "phone": "13900000000",
            "purpose": "Delivery", "host": p["user_id"], "request_id": f"load-{n}"}


MIX: list[Line] = [
    # At the gate: visitors registered, the morning patrol's checkpoints (daily operations).
    Line("POST /api/v1/visitors", 6, "officer", lambda p: "/api/v1/visitors", "POST", _visitor),
    Line("POST /api/v1/patrol-checkins", 6, "officer", lambda p: "/api/v1/patrol-checkins", "POST",
         lambda p: {"code": random.choice(p["codes"]), "note": ""}),
    Line("GET /api/v1/visitors", 3, "officer", lambda p: f"/api/v1/visitors?status=inside&org_unit={p['school']}"),
    # Reports (writes).
    Line("POST /api/v1/hazards", 6, "teacher", lambda p: "/api/v1/hazards", "POST", _hazard),
    # Pages people open first thing.
    Line("GET / (teacher's home)", 12, "teacher", lambda p: "/", api=False),
    Line("GET / (principal's home: the school's duties)", 10, "principal", lambda p: "/", api=False),
    Line("GET /reports/dashboard/ (central school)", 3, "central", lambda p: "/reports/dashboard/", api=False),
    Line("GET /reports/dashboard/ (authority)", 1, "authority", lambda p: "/reports/dashboard/", api=False),
    # Lists through the API (the school's own systems and the mobile pages).
    Line("GET /api/v1/tasks", 14, "officer", lambda p: "/api/v1/tasks"),
    Line("GET /api/v1/hazards", 10, "officer", lambda p: f"/api/v1/hazards?org_unit={p['school']}&page_size=50"),
    Line("GET /api/v1/compliance", 6, "principal",
         lambda p: f"/api/v1/compliance?org_unit={p['school']}&date={date.today():%Y-%m-%d}&page_size=50"),
    Line("GET /api/v1/students", 5, "officer", lambda p: f"/api/v1/students?org_unit={p['school']}&page_size=50"),
    Line("GET /api/v1/notifications", 6, "teacher", lambda p: "/api/v1/notifications?page_size=20"),
]

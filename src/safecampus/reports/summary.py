"""Schools x duties for the current period: built by the one-minute sweep, read by the dashboard.

The sweep evaluates every rule for every school anyway (reminders need it); from those rows it
stores one compact summary per dashboard scope (every authority and central school) in the
shared cache, so a dashboard view reads a summary instead of evaluating a province. A summary
older than ``FRESH_SECONDS`` (no worker running) or missing is computed on the spot and stored.
A signed duty patches its school's cells at once; records of other apps show with the next sweep.
Rule changes start a new generation (the key holds it).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from safecampus.compliance.choices import Status
from safecampus.compliance.engine import evaluate, generation, local_today

FRESH_SECONDS = 150          # two sweeps and a half: a late worker still serves warm pages
KEEP_SECONDS = 60 * 60       # a stale summary is never served; it only saves the cache a write
NA, MET, OVERDUE, MISSED = (Status.NOT_APPLICABLE.value, Status.MET.value, Status.OVERDUE.value,
                            Status.MISSED.value)
SCOPE_KINDS = ("authority", "central_school")


def key(roots: list[str]) -> str:
    return "reports:summary:" + hashlib.sha256(f"{'|'.join(roots)}|{generation()}".encode()).hexdigest()


def summarise(rows, now: datetime) -> dict:
    """Compact summary of school rows: columns (rules), one line per school worst first, totals.

    Runs over ~30,000 rows at 2,000 schools: one pass, plain tuples and dicts.
    """
    rules: dict[int, tuple] = {}
    schools: dict[int, dict] = {}
    for r in rows:
        unit = r.unit
        if unit["kind"] != "school":
            continue
        o = r.obligation
        if o.pk not in rules:
            rules[o.pk] = (o.sort, o.code, o.pk, o.title, o.title_zh)
        s = schools.get(unit["id"])
        if s is None:
            s = schools[unit["id"]] = {"id": unit["id"], "name": unit["name"], "name_zh": unit["name_zh"],
                                       "path": unit["path"], "parent_id": unit["parent_id"], "cells": {}}
        s["cells"][o.pk] = r.status
    return _finish(rules, schools.values(), now)


def _finish(rules: dict[int, tuple], schools, now: datetime) -> dict:
    columns = sorted(rules.values())
    order = [c[2] for c in columns]
    totals: Counter = Counter()
    by_rule: dict[int, dict] = {}
    out = []
    for s in schools:
        cells = s["cells"]
        statuses = [cells.get(pk, NA) for pk in order]
        counts = Counter(statuses)
        totals.update(counts)
        applicable = len(statuses) - counts[NA]
        bad = counts[OVERDUE] + counts[MISSED]
        if bad:
            for pk, status in zip(order, statuses, strict=True):
                if status in (OVERDUE, MISSED):
                    by_rule.setdefault(pk, {OVERDUE: 0, MISSED: 0})[status] += 1
        out.append({"id": s["id"], "name": s["name"], "name_zh": s["name_zh"], "path": s["path"],
                    "parent_id": s["parent_id"], "cells": cells, "bad": bad,
                    "score": round(100 * counts[MET] / applicable) if applicable else 100})
    out.sort(key=lambda s: (-s["bad"], s["score"], s["path"]))
    return {"columns": columns, "schools": out, "totals": dict(totals), "by_rule": by_rule,
            "at": now, "day": local_today(now, "Asia/Shanghai")}


def _fresh(found: dict | None, now: datetime) -> bool:
    return (found is not None and found.get("day") == local_today(now, "Asia/Shanghai")
            and (now - found["at"]).total_seconds() <= FRESH_SECONDS)


def get(roots: list[str], now: datetime | None = None) -> dict:
    """The summary for a reader's scope: the sweep's if fresh, else evaluated now and stored."""
    now = now or timezone.now()
    name = key(roots)
    found = cache.get(name)
    if _fresh(found, now):
        return found
    found = summarise(evaluate(roots=roots, now=now), now)
    cache.set(name, found, KEEP_SECONDS)
    return found


def statuses(school: dict, columns: list[tuple]) -> list[str]:
    """A school's status under each column, in column order (not applicable where it owes nothing)."""
    cells = school["cells"]
    return [cells.get(c[2], NA) for c in columns]


def warm(rows, now: datetime) -> int:
    """Sweep hook: store the summary of every authority and central school from the sweep's rows."""
    from safecampus.org.models import OrgUnit

    scopes = list(OrgUnit.objects.filter(kind__in=SCOPE_KINDS, is_active=True).values_list("path", flat=True))
    school_rows: dict[str, list] = {}
    for r in rows:
        if r.unit["kind"] == "school":
            school_rows.setdefault(r.unit["path"], []).append(r)
    stored = 0
    for scope in scopes:
        mine = [r for path, rs in school_rows.items() if path.startswith(scope) for r in rs]
        cache.set(key([scope]), summarise(mine, now), KEEP_SECONDS)
        stored += 1
    return stored


def patch_school(school_path: str, now: datetime | None = None) -> None:
    """A signed duty shows at once: re-evaluate one school and update its line in the stored summaries."""
    now = now or timezone.now()
    parts = school_path.strip("/").split("/")
    ancestors = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]
    fresh_rows = None
    for scope in ancestors:
        found = cache.get(key([scope]))
        if not _fresh(found, now):
            continue
        if fresh_rows is None:
            fresh_rows = [r for r in evaluate(roots=[school_path], now=now) if r.unit["path"] == school_path]
            if not fresh_rows:
                return
        rules = {c[2]: c for c in found["columns"]}
        schools = [s for s in found["schools"] if s["path"] != school_path]
        unit = fresh_rows[0].unit
        cells = {}
        for r in fresh_rows:
            o = r.obligation
            rules.setdefault(o.pk, (o.sort, o.code, o.pk, o.title, o.title_zh))
            cells[o.pk] = r.status
        schools.append({"id": unit["id"], "name": unit["name"], "name_zh": unit["name_zh"], "path": unit["path"],
                        "parent_id": unit["parent_id"], "cells": cells})
        patched = _finish(rules, schools, found["at"])
        cache.set(key([scope]), patched, KEEP_SECONDS)

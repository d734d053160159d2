"""Reminders and escalations agree with the status page: an alert about a duty since met is settled.

A reminder's key is ``ob:<rule>:<unit>:<period start YYYYMMDD>:<stage>:<user>`` (see ``reminders``);
its duty is evaluated again for that period, as the status page would show it now.
"""

from __future__ import annotations

from datetime import date, datetime

from django.apps import apps

from .choices import Status
from .engine import evaluate
from .models import Obligation


def _key(note) -> tuple[int, int, date] | None:
    parts = (note.dedupe_key or "").split(":")
    if len(parts) < 4 or parts[0] != "ob":
        return None
    try:
        return int(parts[1]), int(parts[2]), datetime.strptime(parts[3], "%Y%m%d").date()
    except ValueError:
        return None


def statuses(keys: set[tuple[int, int, date]]) -> dict[tuple[int, int, date], str]:
    """The status each (rule, unit, period start) has now: one evaluation per unit and period."""
    OrgUnit = apps.get_model("org", "OrgUnit")
    rules = Obligation.objects.select_related("org_unit").in_bulk({k[0] for k in keys})
    paths = dict(OrgUnit.objects.filter(pk__in={k[1] for k in keys}).values_list("pk", "path"))
    out: dict[tuple[int, int, date], str] = {}
    for unit_id, day in {(k[1], k[2]) for k in keys}:
        wanted = [rules[k[0]] for k in keys if k[1] == unit_id and k[2] == day and k[0] in rules]
        if unit_id not in paths or not wanted:
            continue
        for row in evaluate(roots=[paths[unit_id]], day=day, rules=wanted, unit_ids=[unit_id]):
            if row.unit_id == unit_id and row.period_start == day:
                out[(row.obligation.pk, unit_id, day)] = row.status
    return out


def settled(notes) -> set[int]:
    keyed = {n.pk: _key(n) for n in notes}
    now = statuses({k for k in keyed.values() if k})
    return {pk for pk, key in keyed.items() if key and now.get(key) in (Status.MET, Status.NOT_APPLICABLE)}

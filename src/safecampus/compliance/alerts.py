"""Reminders and escalations agree with the status page: an alert about a duty since met is settled.

A reminder's key is ``ob:<rule>:<unit>:<period start YYYYMMDD>:<stage>:<user>`` (see ``reminders``);
its duty is evaluated again for that period, as the status page would show it now.
"""

from __future__ import annotations

from datetime import date, datetime

from django.apps import apps
from django.utils import timezone

from . import stored
from .choices import Status
from .engine import Evaluator, load_units
from .models import Obligation, UnitStatus
from .periods import CalendarIndex


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
    if not rules or not paths:
        return out
    now = timezone.now()
    # Alerts about the current period read what the sweep stored (one query), the rest are evaluated.
    if stored.fresh(now):
        for rule_id, unit_id, start, status in UnitStatus.objects.filter(
                org_unit_id__in={k[1] for k in keys}, obligation_id__in=list(rules), stale=False).values_list(
                "obligation_id", "org_unit_id", "period_start", "status"):
            if (rule_id, unit_id, start) in keys:
                out[(rule_id, unit_id, start)] = status
    if all(k in out for k in keys):
        return out
    # The units and their calendars are read once for all the alerts, not once per unit and period.
    calendar = CalendarIndex(sorted(paths.values()))
    units = {u["id"]: u for u in load_units(sorted(paths.values()), {r.unit_kind for r in rules.values()},
                                            paths)}
    for unit_id, day in {(k[1], k[2]) for k in keys if k not in out}:
        wanted = [rules[k[0]] for k in keys if k[1] == unit_id and k[2] == day and k[0] in rules and k not in out]
        if unit_id not in paths or not wanted:
            continue
        unit = units.get(unit_id)
        if unit is None or unit["kind"] not in {r.unit_kind for r in wanted}:
            continue
        evaluator = Evaluator(now=now, roots=[paths[unit_id]], calendar=calendar)
        for row in evaluator.evaluate(wanted, [unit], day=day):
            if row.unit_id == unit_id and row.period_start == day:
                out[(row.obligation.pk, unit_id, day)] = row.status
    return out


def settled(notes) -> set[int]:
    keyed = {n.pk: _key(n) for n in notes}
    now = statuses({k for k in keyed.values() if k})
    return {pk for pk, key in keyed.items() if key and now.get(key) in (Status.MET, Status.NOT_APPLICABLE)}

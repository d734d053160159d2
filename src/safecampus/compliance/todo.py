"""A person's open work: obligations they own (by role at their unit) and every app's task sources."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from safecampus.core.permissions import grants_of, has_capability

from . import registry, stored
from .choices import OPEN, Status
from .engine import ancestor_paths, load_units, local_today, rules_in_force, zone
from .selectors import may_attest

log = logging.getLogger(__name__)
SOON = timedelta(days=3)


@dataclass
class Task:
    title: str
    url: str
    tone: str              # overdue / due_soon / pending: the colour and the order
    due: date | None
    unit: str = ""
    source: str = "obligation"
    kind: str = ""
    unit_id: int | None = None
    object_type: str = ""
    object_id: str = ""

    @property
    def sort_key(self):
        order = {Status.OVERDUE: 0, Status.DUE_SOON: 1}.get(self.tone, 2)
        return order, self.due or date.max, self.title


def obligation_tasks(user, now: datetime) -> list[Task]:
    grants = grants_of(user)
    if not grants:
        return []
    grant_paths = sorted({g.path for g in grants})
    rules = rules_in_force(grant_paths)
    if not rules:
        return []
    # The owing unit is the grant's unit or the ancestor of the rule's kind (a class's school).
    ids = {int(p.strip("/").split("/")[-1]) for gp in grant_paths for p in ancestor_paths(gp)}
    units = load_units(None, {r.unit_kind for r in rules}, ids)
    rows = stored.current_rows(rules, units, now)
    tasks = []
    for row in rows:
        # Missed but still inside its period (a yearly check past its grace) can still be done late.
        late_but_open = row.status == Status.MISSED and local_today(now, row.unit["timezone"]) <= row.period_end
        if row.status not in OPEN and not late_but_open:
            continue
        owns = any(g.role in row.obligation.owner_roles and g.path.startswith(row.unit["path"]) for g in grants)
        if not owns:
            continue
        rule = row.obligation
        name = row.unit["name_zh"] if _zh() and row.unit["name_zh"] else row.unit["name"]
        action = _action_url(rule)
        if rule.evidence_kind == "compliance.attestation" and may_attest(user, rule, row.unit["path"]):
            url = reverse("compliance:attest") + f"?obligation={rule.pk}&org_unit={row.unit_id}"
        elif action:
            url = action
        elif has_capability(user, "compliance.view", row.unit["path"]):
            url = reverse("compliance:status") + f"?org_unit={row.unit_id}"
        else:
            # Proven by an app's own records: the calendar says what is due and where.
            url = reverse("compliance:calendar")
        tasks.append(Task(title=rule.display_title, url=url, tone=Status.OVERDUE if late_but_open else row.status,
                          due=row.due, unit=name,
                          kind=rule.code, unit_id=row.unit_id, object_type="compliance.obligation",
                          object_id=str(rule.pk)))
    return tasks


def _zh() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").lower().startswith("zh")


def workflow_tasks(user, now: datetime) -> list[Task]:
    registry.load_app_modules()
    out = []
    for source in registry.TASK_SOURCES.values():
        try:
            items = list(source.collect(user))
        except Exception:  # one app's broken source must not take everyone's home page down
            log.exception("task source %s failed", source.code)
            continue
        for item in items:
            due = item.due
            day, tone = None, Status.PENDING
            if due is not None:
                moment = due if isinstance(due, datetime) else datetime.combine(due, time.max, zone("Asia/Shanghai"))
                day = moment.astimezone(zone("Asia/Shanghai")).date()
                tone = Status.OVERDUE if moment < now else (Status.DUE_SOON if moment - now <= SOON else Status.PENDING)
            out.append(Task(title=str(item.title), url=item.url, tone=tone, due=day, source=source.code,
                            kind=item.kind, unit_id=item.unit_id, object_type=item.object_type,
                            object_id=str(item.object_id)))
    return out


def _action_url(rule) -> str:
    """The page where the records proving ``rule`` are made, as its evidence kind names it."""
    from django.urls import NoReverseMatch

    from . import registry

    kind = registry.EVIDENCE.get(rule.evidence_kind)
    name = kind.action_url_name(rule.evidence_params) if kind is not None else ""
    try:
        return reverse(name) if name else ""
    except NoReverseMatch:
        return ""


def tasks_for(user, now: datetime | None = None) -> list[Task]:
    """Overdue first, then due soon, then the rest; each by due date."""
    now = now or timezone.now()
    return sorted(obligation_tasks(user, now) + workflow_tasks(user, now), key=lambda t: t.sort_key)

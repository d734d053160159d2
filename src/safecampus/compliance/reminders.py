"""Reminders and escalations: owed once per (rule, unit, period, stage), claimed atomically.

A sweep evaluates the current and the previous period of every rule, writes the reminders
the statuses call for (INSERT ... ON CONFLICT DO NOTHING on the unique key), then claims
unsent ones with a conditional UPDATE (``claimed_at IS NULL``) and notifies only the rows it
won, in the same transaction. Two sweeps at once, or the same moment twice, send once; the
inbox's dedupe key is a second guard.
"""

from __future__ import annotations

import logging
import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from safecampus.core import audit, sweeps
from safecampus.core.notify import notify

from . import registry, stored
from .choices import Stage, Status
from .engine import Row, ancestor_paths, evaluate
from .models import Obligation, Reminder

log = logging.getLogger(__name__)
Lines = Callable[[], str]  # rendered by ``notify`` under each language in turn
STAGE_FOR = {Status.DUE_SOON: Stage.DUE_SOON, Status.OVERDUE: Stage.OVERDUE, Status.MISSED: Stage.ESCALATED}


@dataclass
class SweepResult:
    evaluated: int = 0
    created: int = 0
    sent: int = 0
    notifications: int = 0
    hooks: int = 0


def _stages(row: Row) -> list[str]:
    stage = STAGE_FOR.get(row.status)
    if stage is None:
        return []
    # A period found already missed still owes the unit-level escalation before the central one.
    return [Stage.OVERDUE, Stage.ESCALATED] if stage == Stage.ESCALATED else [stage]


def _recipients(rows: list[Reminder], rules: dict[int, Obligation], units: dict[int, dict]) -> dict:
    """Users to tell, per reminder: one query for every role holder at the units and above them."""
    RoleAssignment = apps.get_model("org", "RoleAssignment")
    paths = set()
    for r in rows:
        paths.update(ancestor_paths(units[r.org_unit_id]["path"]))
    holders = defaultdict(set)  # (unit path, role) -> user ids
    for path, role, user_id in RoleAssignment.objects.filter(org_unit__path__in=paths).values_list(
            "org_unit__path", "role__code", "user_id"):
        holders[(path, role)].add(user_id)
    out = {}
    for r in rows:
        rule, unit_path = rules[r.obligation_id], units[r.org_unit_id]["path"]
        if r.stage == Stage.DUE_SOON:
            roles, paths_ = rule.owner_roles, [unit_path]
        elif r.stage == Stage.OVERDUE:
            roles, paths_ = rule.escalation_roles, [unit_path]
        else:
            roles, paths_ = rule.supervisor_roles, ancestor_paths(unit_path)[:-1]
        out[r.pk] = {uid for p in paths_ for role in roles for uid in holders.get((p, role), ())}
    return out


def _message(stage: str, rule: Obligation, unit: dict, row: Row | None) -> tuple[Lines, Lines]:
    """Title and body as callables: ``notify`` renders them once per language, each with its names."""
    # The title names the period's due date: an alert about last term must not read as this term's.
    if stage == Stage.DUE_SOON:
        head = gettext_noop("Due soon: %(duty)s (%(unit)s, due %(due)s)")
    elif stage == Stage.OVERDUE:
        head = gettext_noop("Overdue: %(duty)s (%(unit)s, was due %(due)s)")
    else:
        head = gettext_noop("Missed, escalated: %(duty)s (%(unit)s, was due %(due)s)")

    def title() -> str:
        zh = (get_language() or "").lower().startswith("zh")
        name = unit["name_zh"] if zh and unit["name_zh"] else unit["name"]
        due = formats.date_format(row.due, "DATE_FORMAT") if row else ""
        return _(head) % {"duty": rule.display_title, "unit": name, "due": due}

    def body() -> str:
        return _("Due %(due)s.") % {"due": formats.date_format(row.due, "DATE_FORMAT")} if row else ""

    return title, body


def sweep(now: datetime | None = None) -> SweepResult:
    """Evaluate, remind, escalate. Safe to run twice and twice at once."""
    now = now or timezone.now()
    result = SweepResult()
    registry.load_app_modules()  # every app's evidence.py has registered its hooks
    for hook in sweeps.hooks():
        try:
            hook(now)
        except Exception:  # one app's deadline sweep failing must not stop everyone's reminders
            log.exception("sweep %s.%s failed", getattr(hook, "__module__", ""), getattr(hook, "__name__", hook))
            continue
        result.hooks += 1
    current = evaluate(roots=None, now=now)
    for hook in registry.EVALUATED_HOOKS:
        try:
            hook(current, now)
        except Exception:  # a reader's summary failing must not stop reminders
            log.exception("evaluated hook %s failed", getattr(hook, "__name__", hook))
    previous = evaluate(roots=None, now=now, previous=True)
    try:
        stored.store(current, now, previous)
    except Exception:  # the readers' copy failing must not stop reminders (they evaluate instead)
        log.exception("storing the evaluated statuses failed")
    rows = current + previous
    result.evaluated = len(rows)
    wanted = {}
    for row in rows:
        for stage in _stages(row):
            wanted[(row.obligation.pk, row.unit_id, row.period_start, stage)] = row
    if not wanted:
        return result
    # Most of what is owed was recorded by an earlier sweep: insert only the new keys (the unique
    # constraint still settles a race with a concurrent sweep).
    known = set(Reminder.objects.filter(period_start__in={k[2] for k in wanted})
                .values_list("obligation_id", "org_unit_id", "period_start", "stage"))
    new = [k for k in wanted if k not in known]
    if new:
        before = Reminder.objects.count()
        Reminder.objects.bulk_create(
            [Reminder(obligation_id=o, org_unit_id=u, period_start=p, stage=s) for (o, u, p, s) in new],
            ignore_conflicts=True, batch_size=500)
        result.created = Reminder.objects.count() - before
    rules = {row.obligation.pk: row.obligation for row in wanted.values()}
    units = {row.unit_id: row.unit for row in wanted.values()}
    token = secrets.token_hex(8)
    with transaction.atomic():
        # The claim: only rows nobody claimed yet; a concurrent sweep blocks here, then finds none.
        Reminder.objects.filter(claimed_at__isnull=True, obligation_id__in=list(rules),
                                org_unit_id__in=list(units)).update(
            claimed_at=now, claim=token)
        claimed = list(Reminder.objects.filter(claim=token))
        targets = _recipients(claimed, rules, units) if claimed else {}
        users = get_user_model().objects.in_bulk({uid for ids in targets.values() for uid in ids})
        url = reverse("compliance:tasks")
        for reminder in claimed:
            rule, unit = rules[reminder.obligation_id], units[reminder.org_unit_id]
            row = wanted.get((reminder.obligation_id, reminder.org_unit_id, reminder.period_start, reminder.stage))
            if row is None:
                continue  # owed by an earlier sweep but since resolved: nothing to say now
            title, body = _message(reminder.stage, rule, unit, row)
            sent = notify([users[i] for i in targets[reminder.pk] if i in users], kind=f"compliance.{reminder.stage}",
                          title=title, body=body, url=url,
                          dedupe_key=f"ob:{rule.pk}:{unit['id']}:{reminder.period_start:%Y%m%d}:{reminder.stage}")
            Reminder.objects.filter(pk=reminder.pk).update(recipients=len(sent))
            result.notifications += len(sent)
            result.sent += 1
        if claimed:
            audit.record("compliance.reminders_sent", actor=None,
                         changes={"reminders": len(claimed), "notifications": result.notifications,
                                  "at": now})
    return result

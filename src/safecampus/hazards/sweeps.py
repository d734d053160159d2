"""Reminders before a deadline and escalation after it, sent exactly once.

The compliance engine's ``tick`` calls :func:`sweep_deadlines` (registered in ``evidence.py`` through ``core.sweeps``).
Each hazard is claimed with a conditional UPDATE on its bookkeeping column, so two ticks at the
same moment (or a tick run twice) cannot both send; the notification's ``dedupe_key`` is a
second lock on the same door. The sweep does not raise ``version``: it records when it spoke,
it does not change the hazard a person is editing.

How early to remind is the policy of the hazard's unit (``policies.py``), read once per sweep:
one query for the widest lead time of any policy, one for the policies of the schools due soon.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.notify import notify

from . import people
from .choices import OPEN_STATUSES, Status
from .policies import PolicyBook, longest_reminder_days


def sweep_deadlines(now: datetime | None = None) -> dict[str, int]:
    from .models import Hazard

    now = now or timezone.now()
    sent = {"reminders": 0, "escalations": 0}
    horizon = now + timedelta(days=longest_reminder_days())
    due_soon = list(Hazard.objects.filter(status=Status.ASSIGNED, reminded_at__isnull=True,
                                          due_at__gt=now, due_at__lte=horizon)
                    .select_related("org_unit", "assignee"))
    book = PolicyBook(h.org_unit.path for h in due_soon) if due_soon else None
    for hazard in due_soon:
        if hazard.due_at - book.for_path(hazard.org_unit.path).remind_before(hazard.level) > now:
            continue
        with transaction.atomic():
            if Hazard.objects.filter(pk=hazard.pk, reminded_at__isnull=True).update(reminded_at=now) != 1:
                continue
            audit.record("hazards.reminded", obj=hazard, changes={"deadline": hazard.deadline})
            notify([hazard.assignee], kind="hazard.due_soon",
                   title=lambda h=hazard: _("Hazard due on %(date)s: %(title)s") % {"date": h.deadline,
                                                                                    "title": h.title},
                   url=hazard.get_absolute_url(), dedupe_key=f"hazard:{hazard.pk}:due:{hazard.deadline}")
            sent["reminders"] += 1

    overdue = (Hazard.objects.filter(status__in=OPEN_STATUSES, overdue_escalated_at__isnull=True, due_at__lte=now)
               .select_related("org_unit", "assignee"))
    for hazard in overdue:
        with transaction.atomic():
            if Hazard.objects.filter(pk=hazard.pk, overdue_escalated_at__isnull=True).update(
                    overdue_escalated_at=now) != 1:
                continue
            supervisors = people.central_officers(hazard)
            audit.record("hazards.overdue_escalated", obj=hazard, changes={
                "deadline": hazard.deadline, "to": sorted(u.username for u in supervisors)})
            notify([hazard.assignee, *people.school_leaders(hazard), *supervisors], kind="hazard.overdue",
                   title=lambda h=hazard: _("Overdue hazard at %(school)s: %(title)s")
                   % {"school": h.org_unit, "title": h.title},
                   url=hazard.get_absolute_url(), dedupe_key=f"hazard:{hazard.pk}:overdue:{hazard.deadline}")
            sent["escalations"] += 1
    return sent

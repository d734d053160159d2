"""The monthly reports the sweep makes: on the first of a month, last month's report of every school
and the summary of every central school, a few each minute until none is missing. A report the sweep
did not reach (the server was down that day) is made when someone first asks for it."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone, translation

log = logging.getLogger(__name__)
PER_SWEEP = 10   # reports made in one minute's sweep; the rest follow in the next minutes


def last_month(now: datetime):
    today = timezone.localdate(now)
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def generate_due(now: datetime) -> int:
    """Make the missing reports of last month (at most PER_SWEEP); safe to run twice, and twice at once
    (the second writer replaces the first's copy of the same report)."""
    from safecampus.org.models import OrgUnit

    from . import services
    from .models import MonthlyReport

    if timezone.localdate(now).day != 1:
        return 0
    month = last_month(now)
    key = f"reports:monthly-done:{month:%Y-%m}"
    if cache.get(key):
        return 0
    done = MonthlyReport.objects.filter(month=month).values("org_unit_id")
    missing = list(OrgUnit.objects.filter(kind__in=["school", "central_school"], closed_on__isnull=True)
                   .exclude(pk__in=done).order_by("path")[:PER_SWEEP + 1])
    if not missing:
        cache.set(key, True, 3600)
        return 0
    made = 0
    with translation.override("zh-hans"):
        for unit in missing[:PER_SWEEP]:
            try:
                services.generate_monthly_report(actor=None, org_unit=unit, month=month)
                made += 1
            except Exception:  # one school's failure must not stop the others
                log.exception("monthly report of unit %s failed", unit.pk)
    return made

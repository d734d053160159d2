"""Assessment indicator of obligations met (read by the assessment app's registry, ASM-6).

The engine evaluates every rule for every school of the county at the day assessed, the current
period and the one before it, one grouped query per rule and period (set-based, as the sweep does).
A period still running and not yet done counts for nothing either way.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from .choices import Status
from .engine import evaluate

COUNTED = {Status.MET.value, Status.OVERDUE.value, Status.MISSED.value}


def obligations_met(ctx) -> dict[str, tuple[int, int]]:
    ids = [s["id"] for s in ctx.schools]
    out: dict[str, list[int]] = {}
    for previous in (False, True):
        for row in evaluate(roots=ctx.roots, day=ctx.day, now=ctx.now, unit_ids=ids, previous=previous):
            # Only periods of the span assessed (the previous period of a yearly rule is last year's).
            if row.status not in COUNTED or row.period_end < ctx.start or row.period_start > ctx.end:
                continue
            pair = out.setdefault(row.unit["path"], [0, 0])
            pair[0] += row.status == Status.MET.value
            pair[1] += 1
    return {path: (done, total) for path, (done, total) in out.items()}


def obligations_evidence(unit_id: int, start, end) -> str:
    return f"{reverse('compliance:status')}?{urlencode({'org_unit': unit_id, 'status': Status.MISSED.value})}"


INDICATORS = [
    {"code": "compliance.obligations_met", "chapter": "obligations", "weight": 20,
     "title": "Obligations of the plan met", "title_zh": "常规安全工作按期落实",
     "compute": obligations_met, "evidence": obligations_evidence},
]

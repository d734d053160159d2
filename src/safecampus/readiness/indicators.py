"""Assessment indicators of emergency drills (see hazards/indicators.py for the shape)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse

from safecampus.core.scoping import path_q

from .choices import DrillStatus
from .models import Drill


def _held(ctx):
    return (Drill.objects.filter(path_q("org_unit__path", ctx.roots), status=DrillStatus.HELD,
                                 held_at__gte=ctx.start_at, held_at__lt=ctx.end_at).order_by())


def drills_held(ctx) -> dict[str, tuple[int, int]]:
    """At least one drill each semester begun by the day assessed: held (at most the number owed) of owed."""
    owed = max(1, sum(1 for start, _end in ctx.semesters if start <= ctx.day))
    held = dict(_held(ctx).values_list("org_unit__path").annotate(n=Count("id")))
    return {s["path"]: (min(held.get(s["path"], 0), owed), owed) for s in ctx.schools}


def drills_within_target(ctx) -> dict[str, tuple[int, int]]:
    timed = _held(ctx).filter(evacuation_seconds__isnull=False, target_seconds__isnull=False)
    rows = timed.values("org_unit__path").annotate(
        total=Count("id"), done=Count("id", filter=Q(evacuation_seconds__lte=F("target_seconds"))))
    return {r["org_unit__path"]: (r["done"], r["total"]) for r in rows}


def drills_evidence(unit_id: int, start, end) -> str:
    return f"{reverse('readiness:drills')}?{urlencode({'org_unit': unit_id, 'status': DrillStatus.HELD})}"


INDICATORS = [
    {"code": "readiness.drills_held", "chapter": "education", "weight": 10,
     "title": "Emergency drills held each semester", "title_zh": "每学期开展应急疏散演练",
     "compute": drills_held, "evidence": drills_evidence},
    {"code": "readiness.drills_within_target", "chapter": "education", "weight": 5,
     "title": "Drills evacuated within the target time", "title_zh": "演练疏散用时达标",
     "compute": drills_within_target, "evidence": drills_evidence},
]

"""Readiness at scale: each school's six approved plans (reviewed this school year, at the district's
completion rate) and a drill in each semester so far, in bulk."""

from __future__ import annotations

from datetime import timedelta

from safecampus.core.scale import ScaleContext, insert_rows

from .choices import DrillKind, PlanKind, PlanStatus, ReviewKind
from .models import Drill, EmergencyPlan, PlanReview

KINDS = [DrillKind.EVACUATION, DrillKind.FIRE, DrillKind.EARTHQUAKE]


def seed_at_scale(ctx: ScaleContext) -> None:
    approved = ctx.moment(ctx.year_start - timedelta(days=200))

    def plans():
        for school in ctx.schools:
            for kind in PlanKind.values:
                yield {"org_unit_id": school["id"], "kind": kind, "title": f"{school['name']} {kind}",
                       "body": "-", "edition": 1, "status": PlanStatus.APPROVED,
                       "written_by_id": ctx.officer[school["id"]], "approved_by_id": ctx.principal[school["id"]],
                       "approved_at": approved}

    ctx.counts["emergency_plans"] = insert_rows(EmergencyPlan, plans())
    ids = EmergencyPlan.objects.filter(org_unit_id__in=[s["id"] for s in ctx.schools]).values_list(
        "pk", "org_unit_id")

    def reviews():
        span = max((ctx.today - ctx.year_start).days, 0)
        for pk, unit_id in ids:
            if ctx.done():
                day = ctx.year_start + timedelta(days=ctx.rng.randint(0, span))
                yield {"org_unit_id": unit_id, "plan_id": pk, "kind": ReviewKind.REVIEW, "reviewed_at": ctx.moment(day),
                       "reviewed_by_id": ctx.principal[unit_id]}

    ctx.counts["plan_reviews"] = insert_rows(PlanReview, reviews())

    def drills():
        for start, end in ctx.semesters:
            last = min(end, ctx.today)
            if last < start:
                continue
            for school in ctx.schools:
                if not ctx.done():
                    continue
                day = start + timedelta(days=ctx.rng.randint(0, (last - start).days))
                seconds = ctx.rng.randint(70, 160)
                yield {"org_unit_id": school["id"], "kind": ctx.rng.choice(KINDS), "status": "held",
                       "held_at": ctx.moment(day), "participants": max(ctx.pupils // 2, 1), "floors": 4,
                       "evacuation_seconds": seconds, "target_seconds": 120,
                       "recorded_by_id": ctx.officer[school["id"]]}

    ctx.counts["drills"] = insert_rows(Drill, drills())

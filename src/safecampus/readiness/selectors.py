"""Read side of readiness: what a page or another app asks of plans, drills and funds."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, Max, Sum
from django.utils import timezone

from .choices import DrillStatus, PlanKind, PlanStatus
from .models import Drill, EmergencyPlan, FundLine, FundSpending, PlanReview

REVIEW_DAYS = 365


def plan_board(user, capability: str, unit) -> list[dict]:
    """One line per kind of plan at ``unit``: its newest version, the approved one, when last reviewed."""
    plans = list(EmergencyPlan.objects.visible_to(user, capability).filter(org_unit=unit)
                 .select_related("approved_by__staff").order_by("kind", "-edition"))
    last = dict(PlanReview.objects.filter(plan__in=[p.pk for p in plans]).values_list("plan_id")
                .annotate(at=Max("reviewed_at")))
    due = timezone.now() - timedelta(days=REVIEW_DAYS)
    rows = []
    for kind, label in PlanKind.choices:
        versions = [p for p in plans if p.kind == kind]
        approved = next((p for p in versions if p.status == PlanStatus.APPROVED), None)
        reviewed = last.get(approved.pk) if approved else None
        rows.append({"kind": kind, "label": label, "newest": versions[0] if versions else None,
                     "approved": approved, "reviewed_at": reviewed, "versions": len(versions),
                     "review_due": approved is not None and (reviewed is None or reviewed < due)})
    return rows


def drill_trend(unit, limit: int = 12) -> list[Drill]:
    """The school's last drills held, oldest first: evacuation time against target over time."""
    held = Drill.objects.filter(org_unit=unit, status=DrillStatus.HELD).order_by("-held_at")[:limit]
    return list(reversed(list(held)))


def fund_summary(user, capability: str, year: int) -> list[dict]:
    """Budget and spending per school for a school year, in the reader's scope: two grouped queries."""
    lines = FundLine.objects.visible_to(user, capability).filter(year=year)
    budget = {r["org_unit"]: r for r in lines.values("org_unit", "org_unit__name", "org_unit__path")
              .annotate(budget=Sum("budget"), lines=Count("id")).order_by("org_unit__path")}
    spent = dict(FundSpending.objects.filter(fund__in=lines).values_list("org_unit").annotate(s=Sum("amount")))
    return [{"org_unit": uid, "name": r["org_unit__name"], "path": r["org_unit__path"], "budget": r["budget"],
             "spent": spent.get(uid) or Decimal("0"), "lines": r["lines"]} for uid, r in budget.items()]


def rollup(rows: list[dict], parents) -> list[dict]:
    """The schools' sums under each of ``parents`` (central schools): one line each."""
    out = []
    for parent in parents:
        mine = [r for r in rows if r["path"].startswith(parent.path)]
        out.append({"org_unit": parent.pk, "name": str(parent), "budget": sum((r["budget"] for r in mine), Decimal(0)),
                    "spent": sum((r["spent"] for r in mine), Decimal(0)), "lines": sum(r["lines"] for r in mine)})
    return out


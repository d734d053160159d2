"""Inspections at scale: the semester-start comprehensive inspection and a special one each month.

Each school's inspection is scheduled by its central school and carried out by its safety
officer; most are completed within their period, the rest are still open. Item-by-item
results are not generated (the score stands for them).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from safecampus.core.scale import ScaleContext, insert_rows

from .choices import InspectionStatus, TemplateKind
from .models import ChecklistTemplate, Inspection


def seed_at_scale(ctx: ScaleContext) -> None:
    templates = list(ChecklistTemplate.objects.filter(owner=None, is_active=True, current_version__isnull=False)
                     .order_by("code"))
    comprehensive = next((t for t in templates if t.kind == TemplateKind.COMPREHENSIVE), None)
    specials = [t for t in templates if t.kind == TemplateKind.SPECIAL]
    plan: list[tuple[ChecklistTemplate, date, date]] = []   # template, first day, last day of its period
    for start, end in ctx.semesters:
        if comprehensive and ctx.year_start <= start <= ctx.today:
            plan.append((comprehensive, start, min(end, start + timedelta(days=13))))
    month = ctx.year_start
    while specials and month <= ctx.today:
        nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        plan.append((specials[(month.month - 1) % len(specials)], month, nxt - timedelta(days=1)))
        month = nxt
    rng = ctx.rng

    def rows():
        for s in ctx.schools:
            central_user = ctx.central_user[s["parent_id"]]
            officer = ctx.officer[s["id"]]
            for template, first, last in plan:
                scheduled = first + timedelta(days=rng.randint(0, max((min(last, ctx.today) - first).days, 0)))
                done = ctx.done() and scheduled <= ctx.today
                yield {"org_unit_id": s["id"], "template_id": template.pk,
                       "template_version_id": template.current_version_id,
                       "status": InspectionStatus.COMPLETED if done else InspectionStatus.SCHEDULED,
                       "scheduled_for": scheduled, "assignee_id": officer, "scheduled_by_id": central_user,
                       "completed_at": min(ctx.moment(scheduled), ctx.now) if done else None,
                       "completed_by_id": officer if done else None,
                       "score": Decimal(rng.randint(70, 100)) if done else None}

    ctx.counts["inspections"] = insert_rows(Inspection, rows())

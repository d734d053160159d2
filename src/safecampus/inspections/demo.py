"""Demo inspections, made through the services so the trail and the hazards they open are real.

The checklist library; a completed comprehensive inspection at each school this semester with a few
failed items (each opens a hazard); this month's and next month's special inspections at every school;
one random spot-check draw. Idempotent: each part is skipped when it is already there.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone, translation

from safecampus.core.demo import DemoContext
from safecampus.org.models import Semester

from . import services
from .choices import InspectionStatus, Outcome
from .models import ChecklistTemplate, Inspection, SpotCheckDraw

# Which items (1-based positions) fail at each school, and what the inspector wrote.
FAILURES = {
    "school_a": {3: "三楼东侧楼梯扶手松动，护栏一处焊点开裂", 8: "二(1)班教室插座面板破损，电线外露"},
    "school_b": {4: "宿舍楼二楼灭火器压力不足，已过检验期", 12: "实验室药品柜未上锁，钥匙一人保管"},
    "kinder_c": {7: "滑梯底座螺栓松动，晃动明显"},
}
OFFICERS = {"school_a": "officer_a", "school_b": "officer_b", "kinder_c": "officer_c"}


def _semester_start(central, today: date) -> date:
    semester = (Semester.objects.filter(org_unit=central, start__lte=today).order_by("-start").first())
    return semester.start if semester else today - timedelta(days=30)


def _comprehensive(ctx: DemoContext, today: date) -> None:
    central_user = ctx.users["central"]
    template = ChecklistTemplate.objects.get(owner=None, code="semester-comprehensive")
    start = _semester_start(ctx.units["central"], today)
    day = min(start + timedelta(days=7), today)
    for key, fails in FAILURES.items():
        school = ctx.units[key]
        if Inspection.objects.filter(org_unit=school, template=template, scheduled_for__gte=start).exists():
            continue
        officer = ctx.users[OFFICERS[key]]
        inspection, _created = services.schedule_inspection(actor=central_user, org_unit=school, template=template,
                                                            scheduled_for=day, assignee=officer)
        items = list(inspection.template_version.items.all())
        results = []
        for item in items:
            if item.position in fails:
                results.append({"item": item.pk, "outcome": Outcome.FAIL, "note": fails[item.position]})
            elif key == "kinder_c" and item.position == 12:
                results.append({"item": item.pk, "outcome": Outcome.NA, "note": "幼儿园无化学实验室"})
            else:
                results.append({"item": item.pk, "outcome": Outcome.PASS, "note": ""})
        services.complete_inspection(inspection, actor=officer, results=results,
                                     summary="开学初综合检查已完成，发现问题已登记隐患并限期整改。")


def _monthly(ctx: DemoContext, today: date) -> None:
    central_user = ctx.users["central"]
    plan = [("special-fire", today + timedelta(days=3)),
            ("special-canteen", (today.replace(day=1) + timedelta(days=32)).replace(day=10))]
    for code, day in plan:
        template = ChecklistTemplate.objects.get(owner=None, code=code)
        if Inspection.objects.filter(template=template, org_unit__path__startswith=ctx.units["central"].path,
                                     scheduled_for=day).exists():
            continue
        made = services.schedule_for_all_schools(actor=central_user, org_unit=ctx.units["central"],
                                                 template=template, scheduled_for=day)
        for inspection in made:
            key = next(k for k, v in OFFICERS.items() if ctx.units[k].pk == inspection.org_unit_id)
            if inspection.status == InspectionStatus.SCHEDULED and inspection.assignee_id is None:
                services.assign_inspection(inspection, actor=central_user, assignee=ctx.users[OFFICERS[key]])


def _draw(ctx: DemoContext, today: date) -> None:
    central = ctx.units["central"]
    if SpotCheckDraw.objects.filter(org_unit=central).exists():
        return
    template = ChecklistTemplate.objects.get(owner=None, code="spot-key-items")
    services.draw_spot_check(actor=ctx.users["central"], org_unit=central, template=template, count=2,
                             scheduled_for=today + timedelta(days=5), assignee=ctx.users["central"],
                             seed="demo-2026")


def load(ctx: DemoContext) -> None:
    services.sync_library()
    today = timezone.localdate(ctx.now) if ctx.now else timezone.localdate()
    # Inspectors write in Chinese; the hazards their findings open carry Chinese titles.
    with translation.override("zh-hans"):
        _comprehensive(ctx, today)
        _monthly(ctx, today)
        _draw(ctx, today)

"""Demo daily operations at every demo school, made through the services (a real audit trail).

Idempotent: each part is skipped where its records already exist.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from safecampus.core.demo import DemoContext
from safecampus.org.demo import _id_number

from .models import Visitor, WatchEntry
from .services import visitors as visitor_services

SCHOOLS = {"school_a": "officer_a", "school_b": "officer_b", "kinder_c": "officer_c"}
GUARDS = {"school_a": "guard_a", "school_b": "officer_b", "kinder_c": "officer_c"}
WATCHED = "431121198001010011"   # a court order keeps this person away from School A


def _visitors(ctx: DemoContext, key: str) -> None:
    import random
    from datetime import date

    school, guard = ctx.units[key], ctx.users[GUARDS[key]]
    if Visitor.objects.filter(org_unit=school).exists():
        return
    rng = random.Random(f"visitors-{key}")
    host = ctx.users[SCHOOLS[key]]
    people = [("刘建国", "送教学器材"), ("陈芳", "家长会前沟通"), ("黄师傅", "维修饮水机"), ("王经理", "食材配送"),
              ("赵警官", "校园安全检查"), ("孙女士", "接孩子看病")]
    now = timezone.now()
    for days_ago in range(6, -1, -1):
        for name, purpose in rng.sample(people, 2):
            visitor = visitor_services.create_visitor(
                actor=guard, org_unit=school, name=name, purpose=purpose, host=host,
                id_number=_id_number(rng, date(1980 + rng.randint(0, 20), rng.randint(1, 12), 15)),
                phone=f"137{rng.randint(10**7, 10**8 - 1)}", badge_no=f"V{rng.randint(1, 30):02d}")
            arrived = now - timedelta(days=days_ago, hours=rng.randint(1, 5))
            # Demo history only: spread the visits over the past week.
            Visitor.objects.filter(pk=visitor.pk).update(entered_at=arrived)
            if days_ago or rng.random() < 0.5:
                visitor.refresh_from_db()
                visitor_services.leave(visitor, actor=guard)
                Visitor.objects.filter(pk=visitor.pk).update(left_at=arrived + timedelta(minutes=rng.randint(20, 90)))
    if key == "school_a":
        if not WatchEntry.objects.filter(org_unit=school).exists():
            visitor_services.add_to_watchlist(actor=ctx.users["officer_a"], org_unit=school, id_number=WATCHED,
                                              name="马某", reason="法院人身安全保护令：禁止接近学生马小某")
        visitor_services.create_visitor(actor=guard, org_unit=school, name="马某", id_number=WATCHED,
                                        purpose="找孩子", phone="13900000000")


def load(ctx: DemoContext) -> None:
    if not set(SCHOOLS) <= set(ctx.units) or not set(GUARDS.values()) <= set(ctx.users):
        return
    for key in SCHOOLS:
        _visitors(ctx, key)

"""Hazards at scale: a school year so far of reports, most closed, some still being fixed."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from safecampus.core.scale import SHANGHAI, ScaleContext, insert_rows

from .choices import Category, Level, Source, Status
from .models import Hazard

TITLES = ["灭火器过期", "楼梯扶手松动", "电线裸露", "围墙裂缝", "食堂地面湿滑", "校门口摊贩占道",
          "应急灯不亮", "疏散通道堆放杂物", "体育器材螺丝松动", "宿舍插座损坏"]


def seed_at_scale(ctx: ScaleContext) -> None:
    rng = ctx.rng
    days = max((ctx.today - ctx.year_start).days, 1)
    categories = [c for c, _label in Category.choices]

    def rows():
        for s in ctx.schools:
            reporter, fixer = ctx.officer[s["id"]], ctx.staff_users[s["id"]][-1]
            for _ in range(rng.randint(3, 12)):
                reported = ctx.moment(ctx.year_start + timedelta(days=rng.randint(0, days)))
                if reported > ctx.now:
                    reported = ctx.now - timedelta(hours=rng.randint(1, 48))
                age = (ctx.now - reported).days
                status = (Status.CLOSED if age > 20 or rng.random() < 0.6 else
                          rng.choice([Status.REPORTED, Status.ASSIGNED, Status.AWAITING_VERIFICATION]))
                assigned = status != Status.REPORTED
                deadline = (reported + timedelta(days=rng.choice([7, 15, 30]))).date() if assigned else None
                closed = reported + timedelta(days=rng.randint(1, 20)) if status == Status.CLOSED else None
                yield {"org_unit_id": s["id"], "title": rng.choice(TITLES), "category": rng.choice(categories),
                       "level": Level.MAJOR if rng.random() < 0.05 else Level.GENERAL,
                       "source": rng.choice([Source.MANUAL, Source.INSPECTION, Source.PATROL]),
                       "status": status, "reported_by_id": reporter, "reported_at": reported,
                       "assignee_id": fixer if assigned else None, "assigned_by_id": reporter if assigned else None,
                       "assigned_at": reported + timedelta(hours=2) if assigned else None, "deadline": deadline,
                       "due_at": datetime.combine(deadline, time(23, 59, 59), SHANGHAI) if deadline else None,
                       "closed_at": min(closed, ctx.now) if closed else None}

    ctx.counts["hazards"] = insert_rows(Hazard, rows())

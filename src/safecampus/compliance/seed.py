"""A realistic district at scale, fast (`safecampus seed`): a benchmark fixture, not a way to enter data.

The district's units, calendar and rules come first; then every installed app that offers
``<app>/scale.py`` adds a school year so far of its own records (``seed_at_scale(ctx)``), in
the order of INSTALLED_APPS, so the people (org) exist before the records that name them.
"""

from __future__ import annotations

import random
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from safecampus.core.scale import ScaleContext
from safecampus.org.scale import build_district, login_users

from .engine import local_today
from .registry import load_app_modules
from .services import load_rules


def seed(*, schools: int, pupils: int = 600, staff: int = 50, per_central: int = 20, done_rate: float = 0.85,
         now: datetime | None = None, label: str = "Bench", rng_seed: int = 7) -> ScaleContext:
    now = now or timezone.now()
    with transaction.atomic():
        ctx = build_district(schools=schools, per_central=per_central, label=label, now=now,
                             today=local_today(now, "Asia/Shanghai"), rng=random.Random(rng_seed),
                             done_rate=done_rate, pupils=pupils, staff=staff)
        login_users(ctx, label)
        # Rules set by the authority apply to every school below it.
        load_rules(actor=None, org_unit=ctx.authority)
        for module in load_app_modules("scale"):
            hook = getattr(module, "seed_at_scale", None)
            if hook is not None:
                hook(ctx)
    # After a bulk load the planner needs fresh statistics to pick a unit's index over a scan.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=0")
        cursor.execute("ANALYZE")
    return ctx

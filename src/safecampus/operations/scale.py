"""Daily operations at scale (`safecampus seed`): a school year so far of the gate and the rounds.

Every school: a door guard and a duty-staff account, a roster leader, a duty log for most days,
a fire and a safety route (five checkpoints each) with complete rounds on most days, some visitors
(a few inside now) and, in its first class, authorised adults and today's hand-overs; the school year's
vaccination-certificate checks (complete at most schools); dormitories (``scale_dorms``). The first
school's gate is a busy one: 100,000 visits in the year, to measure the register's page.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from safecampus.core.crypto import blind_index
from safecampus.core.scale import SHANGHAI, ScaleContext, insert_rows

from .identity import check_digit
from .models import (
    Checkpoint,
    DutyLog,
    PatrolRound,
    PatrolRoute,
    Pickup,
    PickupAuthorisation,
    Visitor,
)
from .scale_dorms import seed_dormitories

BUSY_VISITS = 100_000   # the first school: the register of a busy gate
VISITS = 20
NAMES = ["刘建国", "陈芳", "黄师傅", "王经理", "赵警官", "孙女士", "周先生", "吴阿姨"]
PURPOSES = ["送货", "家长来访", "维修", "检查", "开会"]


def _id_number(rng) -> str:
    body = f"4305{rng.randint(10, 99)}19{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" \
           f"{rng.randint(0, 999):03d}"
    return body + check_digit(body)


def _roles(ctx: ScaleContext) -> dict[int, tuple[int, int]]:
    """A door guard and a duty-staff member per school (the last two staff accounts), and a head teacher
    for the first class."""
    from safecampus.org.models import Role, RoleAssignment

    roles = dict(Role.objects.values_list("code", "id"))
    people, rows = {}, []
    for s in ctx.schools:
        users = ctx.staff_users.get(s["id"], [])
        if len(users) < 5:
            continue
        guard, duty = users[-1], users[-2]
        people[s["id"]] = (guard, duty)
        rows += [{"user_id": guard, "role_id": roles["door_guard"], "org_unit_id": s["id"]},
                 {"user_id": duty, "role_id": roles["duty_staff"], "org_unit_id": s["id"]}]
    insert_rows(RoleAssignment, rows)
    return people


def seed_at_scale(ctx: ScaleContext) -> None:
    people = _roles(ctx)
    days = [ctx.year_start + timedelta(days=n) for n in range((ctx.today - ctx.year_start).days + 1)]
    _duty_logs(ctx, people, days)
    _patrols(ctx, days)
    _visitors(ctx, people)
    _pickups(ctx)
    _vaccination_years(ctx)
    # Its own draws, so the other apps' records stay what they were before dormitories joined the seed.
    ctx.counts.update(seed_dormitories(ctx.schools, ctx.staff_users, ctx.today, ctx.year_start,
                                       random.Random(len(ctx.schools))))


def _vaccination_years(ctx: ScaleContext) -> None:
    """Each school's new pupils checked at admission: the year's row complete within the first month where the
    district did its duty (what the ``vaccination-check`` obligation counts)."""
    from .models import VaccinationYear

    end = (ctx.semesters[-1][1] if ctx.semesters else ctx.year_start + timedelta(days=364))

    def rows():
        for n, s in enumerate(ctx.schools):
            done = n % 8 != 7   # one school in eight still has pupils to check (no draw: the others' seeds stay)
            day = min(ctx.today, ctx.year_start + timedelta(days=3 + n % 23))
            yield {"org_unit_id": s["id"], "period_start": ctx.year_start, "period_end": end, "total": 40,
                   "checked": 40 if done else 31, "complete": done, "complete_on": day if done else None}

    ctx.counts["vaccination years"] = insert_rows(VaccinationYear, rows())


def _duty_logs(ctx: ScaleContext, people: dict, days: list) -> None:
    def rows():
        for s in ctx.schools:
            if s["id"] not in people:
                continue
            for day in days:
                if ctx.done():
                    yield {"org_unit_id": s["id"], "date": day, "shift": "day", "leader_id": ctx.principal[s["id"]],
                           "written_by_id": people[s["id"]][1], "summary": "巡查正常",
                           "nothing_to_report": ctx.rng.random() < 0.5}

    ctx.counts["duty logs"] = insert_rows(DutyLog, rows())


def _patrols(ctx: ScaleContext, days: list) -> None:
    insert_rows(PatrolRoute, ({"org_unit_id": s["id"], "name": name, "kind": kind}
                              for s in ctx.schools for name, kind in (("防火巡查", "fire"), ("安全巡查", "safety"))))
    routes = list(PatrolRoute.objects.filter(org_unit_id__in=[s["id"] for s in ctx.schools])
                  .values_list("pk", "org_unit_id"))
    insert_rows(Checkpoint, ({"org_unit_id": unit_id, "route_id": route_id, "name": f"巡查点{n + 1}",
                              "code": f"S{route_id:06d}{n}", "sort": n}
                             for route_id, unit_id in routes for n in range(5)))
    ctx.counts["patrol rounds"] = insert_rows(PatrolRound, (
        {"org_unit_id": unit_id, "route_id": route_id, "date": day, "checked": 5, "total": 5, "complete": True,
         "completed_at": datetime.combine(day, time(17), SHANGHAI)}
        for route_id, unit_id in routes for day in days if ctx.done()))


def _visitors(ctx: ScaleContext, people: dict) -> None:
    rng = ctx.rng
    busy = ctx.schools[0]["id"]
    span = max((ctx.now - datetime.combine(ctx.year_start, time(8), SHANGHAI)).total_seconds(), 3600)

    def rows():
        for s in ctx.schools:
            if s["id"] not in people:
                continue
            guard = people[s["id"]][0]
            for n in range(BUSY_VISITS if s["id"] == busy else VISITS):
                inside = n < 3
                entered = ctx.now - timedelta(minutes=rng.randint(5, 120)) if inside else \
                    ctx.now - timedelta(seconds=rng.uniform(3600, span))
                number = _id_number(rng)
                yield {"org_unit_id": s["id"], "name": rng.choice(NAMES), "id_number": number,
                       "id_number_hash": blind_index(number), "phone": f"137{rng.randint(0, 99999999):08d}",
                       "purpose": rng.choice(PURPOSES), "status": "inside" if inside else "left",
                       "entered_at": entered, "left_at": None if inside else entered + timedelta(minutes=40),
                       "registered_by_id": guard}

    ctx.counts["visitors"] = insert_rows(Visitor, rows())


def _pickups(ctx: ScaleContext) -> None:
    """Pick-up in each school's first class: the guardians' stand-ins, and half the class handed over today."""
    from safecampus.org.models import OrgUnit, Role, RoleAssignment, Student

    first_class: dict[int, int] = {}
    for path, pk in OrgUnit.objects.filter(kind="class", path__startswith=ctx.authority.path).order_by(
            "path").values_list("path", "pk"):
        first_class.setdefault(int(path.strip("/").split("/")[2]), pk)
    head = Role.objects.get(code="head_teacher").pk
    insert_rows(RoleAssignment, ({"user_id": ctx.staff_users[s][3], "role_id": head, "org_unit_id": k}
                                 for s, k in first_class.items() if len(ctx.staff_users.get(s, [])) > 4))
    pupils = list(Student.objects.filter(org_unit_id__in=list(first_class.values())).values_list("pk", "org_unit_id"))
    insert_rows(PickupAuthorisation, ({"org_unit_id": unit, "student_id": pk, "name": "家长", "relation": "母亲"}
                                      for pk, unit in pupils))
    auth = dict(PickupAuthorisation.objects.filter(student_id__in=[p for p, _u in pupils]).values_list(
        "student_id", "pk"))
    insert_rows(Pickup, ({"org_unit_id": unit, "student_id": pk, "date": ctx.today, "status": "handed_over",
                          "authorisation_id": auth[pk], "collector_name": "家长", "relation": "母亲", "at": ctx.now}
                         for n, (pk, unit) in enumerate(pupils) if n % 2))

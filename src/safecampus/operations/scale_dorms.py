"""Dormitories at scale: every school with a dormitory boards some of its pupils and checks them nightly.

Each such school: a dormitory manager (a member of its staff), one building of rooms of eight beds,
``BOARDERS`` boarders taken from its pupils, and a bed check on every school night of the year so far
with one entry per boarder (now and then one absent or on leave). Used by `safecampus seed` and, for a
district seeded before dormitories were part of it, by ``bench/transport.py`` (``top_up``).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from safecampus.core.scale import SHANGHAI, insert_rows
from safecampus.org.scale import school_class_ids

BOARDERS = 60
BEDS_PER_ROOM = 8


def seed_dormitories(schools: list[dict], staff_users: dict[int, list[int]], today: date, year_start: date,
                     rng: random.Random) -> dict[str, int]:
    from safecampus.org.models import Role, RoleAssignment, Student

    from .models import BedCheck, BedCheckEntry, DormBed, DormBuilding, DormRoom, Resident

    dorm_schools = [s for s in schools if s["has_dormitory"] and staff_users.get(s["id"])]
    if not dorm_schools:
        return {}
    ids = [s["id"] for s in dorm_schools]
    manager_role = Role.objects.get(code="dormitory_manager").pk
    managers = {s["id"]: staff_users[s["id"]][min(2, len(staff_users[s["id"]]) - 1)] for s in dorm_schools}
    held = set(RoleAssignment.objects.filter(role_id=manager_role, org_unit_id__in=ids).values_list("org_unit_id",
                                                                                                   "user_id"))
    insert_rows(RoleAssignment, ({"user_id": u, "role_id": manager_role, "org_unit_id": s}
                                 for s, u in managers.items() if (s, u) not in held))
    insert_rows(DormBuilding, ({"org_unit_id": s, "name": "1号宿舍楼"} for s in ids))
    buildings = dict(DormBuilding.objects.filter(org_unit_id__in=ids).values_list("org_unit_id", "pk"))
    rooms_each = -(-BOARDERS // BEDS_PER_ROOM)
    insert_rows(DormRoom, ({"org_unit_id": s, "building_id": buildings[s], "name": f"{n + 101}"}
                           for s in ids for n in range(rooms_each)))
    rooms = DormRoom.objects.filter(org_unit_id__in=ids).order_by("org_unit_id", "name")
    insert_rows(DormBed, ({"org_unit_id": s, "room_id": r, "label": f"{b + 1}"}
                          for r, s in rooms.values_list("pk", "org_unit_id") for b in range(BEDS_PER_ROOM)))
    beds: dict[int, list[int]] = {}
    for pk, school in DormBed.objects.filter(org_unit_id__in=ids).order_by("pk").values_list("pk", "org_unit_id"):
        beds.setdefault(school, []).append(pk)
    pupils: dict[int, list[int]] = {}
    paths = {s["id"]: s["path"] for s in dorm_schools}
    for s in dorm_schools:
        pupils[s["id"]] = list(Student.objects.filter(org_unit_id__in=school_class_ids(paths[s["id"]]), is_active=True)
                               .order_by("-pk").values_list("pk", flat=True)[:BOARDERS])
    counts = {"boarders": insert_rows(Resident, (
        {"org_unit_id": s, "student_id": p, "bed_id": beds[s][i], "since": year_start, "active": True}
        for s in ids for i, p in enumerate(pupils[s])))}
    # School nights: Sunday to Thursday (boarders go home for the weekend).
    nights = [year_start + timedelta(days=n) for n in range((today - year_start).days)
              if (year_start + timedelta(days=n)).weekday() in (6, 0, 1, 2, 3)]
    counts["bed checks"] = insert_rows(BedCheck, (
        {"org_unit_id": s, "date": night, "checked_by_id": managers[s],
         "checked_at": datetime.combine(night, time(21, 30), SHANGHAI), "present": len(pupils[s]),
         "absent": 0, "on_leave": 0} for s in ids for night in nights))
    checks = {(s, d): pk for pk, s, d in BedCheck.objects.filter(org_unit_id__in=ids)
              .values_list("pk", "org_unit_id", "date")}

    def entries():
        for s in ids:
            for night in nights:
                check = checks[(s, night)]
                for p in pupils[s]:
                    draw = rng.random()
                    status = "absent" if draw < 0.001 else ("on_leave" if draw < 0.01 else "present")
                    yield {"org_unit_id": s, "bed_check_id": check, "student_id": p, "date": night, "status": status}

    counts["bed check entries"] = insert_rows(BedCheckEntry, entries())
    return counts


def top_up(seed: int = 7) -> dict[str, int]:
    """Dormitories for a district seeded before they were part of the seed (none there yet)."""
    from django.utils import timezone

    from safecampus.org.models import OrgUnit, Staff
    from safecampus.org.scale import school_year_start

    from .models import Resident

    if Resident.objects.exists():
        return {}
    schools = list(OrgUnit.objects.filter(kind="school", is_active=True).order_by("path")
                   .values("id", "path", "has_dormitory"))
    staff_users: dict[int, list[int]] = {}
    for unit, user in Staff.objects.filter(org_unit_id__in=[s["id"] for s in schools if s["has_dormitory"]],
                                           user__isnull=False).order_by("pk").values_list("org_unit_id", "user_id"):
        staff_users.setdefault(unit, []).append(user)
    today = timezone.localdate()
    return seed_dormitories(schools, staff_users, today, school_year_start(today), random.Random(seed))

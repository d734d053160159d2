"""The district at scale: units, calendar, and the people of every school (pupils, staff, accounts).

Pupils carry an encrypted identity number and its blind index like real records, so list pages
and exports pay the real cost of masking. Staff get accounts (no usable password) and posts:
the first is the principal, the second the safety officer, the third runs the canteen where
there is one, the rest teach.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from safecampus.core.crypto import blind_index
from safecampus.core.scale import ScaleContext, insert_rows

from .models import Holiday, OrgUnit, Role, RoleAssignment, SchoolYear, Semester, Staff, Student

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "子涵浩宇欣怡梓轩雨桐佳怡一诺思远俊熙若曦明哲语嫣嘉豪诗琪宇航晨阳可馨天佑静怡博文梦瑶"
TOWNS = ["青山", "柳河", "石桥", "白沙", "长岭", "清水", "红星", "东风", "新华", "永安",
         "和平", "太平", "双河", "金田", "龙泉", "凤凰", "桃源", "兴隆", "北林", "南岗"]
SCHOOL_FIELDS = ("id", "path", "name", "name_zh", "kind", "school_type", "timezone", "has_canteen",
                 "has_dormitory", "has_transport", "is_boarding", "parent_id")


def school_class_ids(school_path: str) -> list[int]:
    """The ids of a school's classes. Pupils are found through them: a LIKE on the joined unit's path
    cannot use an index in SQLite, so ``org_unit__path__startswith`` scans every pupil of the district."""
    return list(OrgUnit.objects.filter(kind="class", path__startswith=school_path).values_list("pk", flat=True))


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def _bulk_units(rows: list[tuple[OrgUnit, OrgUnit | None]]) -> list[OrgUnit]:
    """Units get their materialised paths in a second bulk update, once their ids are known."""
    units = []
    for u, parent in rows:
        u.path = f"new-{uuid.uuid4().hex}"
        u.parent = parent
        units.append(u)
    created = OrgUnit.objects.bulk_create(units, batch_size=2000)
    for (u, parent) in rows:
        u.path = f"{parent.path if parent else '/'}{u.pk}/"
        u.depth = parent.depth + 1 if parent else 0
    OrgUnit.objects.bulk_update(created, ["path", "depth"], batch_size=2000)
    return created


def school_year_start(today: date) -> date:
    return date(today.year if today.month >= 9 else today.year - 1, 9, 1)


def calendar(owner: OrgUnit, first_year: int) -> list[tuple[date, date]]:
    """Two school years of semesters and holidays (the previous one and the current one)."""
    semesters = []
    for y in (first_year - 1, first_year):
        year = SchoolYear.objects.create(org_unit=owner, name=f"{y}-{y + 1}", start=date(y, 9, 1),
                                         end=date(y + 1, 8, 31))
        autumn = Semester.objects.create(org_unit=owner, school_year=year, kind="autumn", start=date(y, 9, 1),
                                         end=date(y + 1, 1, 22))
        spring = Semester.objects.create(org_unit=owner, school_year=year, kind="spring", start=date(y + 1, 2, 23),
                                         end=date(y + 1, 7, 9))
        semesters += [(autumn.start, autumn.end), (spring.start, spring.end)]
        for sem, name, zh, a, b in ((autumn, "National Day", "国庆节", date(y, 10, 1), date(y, 10, 7)),
                                    (autumn, "Winter holiday", "寒假", date(y + 1, 1, 23), date(y + 1, 2, 22)),
                                    (spring, "Labour Day", "劳动节", date(y + 1, 5, 1), date(y + 1, 5, 5)),
                                    (spring, "Summer holiday", "暑假", date(y + 1, 7, 10), date(y + 1, 8, 31))):
            Holiday.objects.create(org_unit=owner, semester=sem, name=name, name_zh=zh, start=a, end=b)
    return semesters


def build_district(*, schools: int, per_central: int, label: str, now: datetime, today: date,
                   rng: random.Random, done_rate: float, pupils: int, staff: int) -> ScaleContext:
    authority = _bulk_units([(OrgUnit(kind="authority", name=f"{label} County {schools}",
                                      name_zh=f"{label}县教育局（{schools}所）"), None)])[0]
    semesters = calendar(authority, school_year_start(today).year)
    centrals = _bulk_units([(OrgUnit(kind="central_school", name=f"{label} Central School {i + 1}",
                                     name_zh=f"{TOWNS[i % len(TOWNS)]}{i // len(TOWNS) or ''}中心学校"), authority)
                            for i in range((schools + per_central - 1) // per_central)])
    rows = []
    for i in range(schools):
        kg = i % 5 == 4
        rows.append((OrgUnit(
            kind="school", name=f"{label} {'Kindergarten' if kg else 'School'} {i + 1}",
            name_zh=f"{TOWNS[i % len(TOWNS)]}{'幼儿园' if kg else '小学'}{i + 1}",
            school_type="kindergarten" if kg else "primary", has_canteen=rng.random() < 0.8,
            has_dormitory=rng.random() < 0.3, is_boarding=rng.random() < 0.2,
            has_transport=rng.random() < 0.4), centrals[i // per_central]))
    school_units = _bulk_units(rows)
    return ScaleContext(
        authority=authority, centrals=centrals,
        schools=list(OrgUnit.objects.filter(pk__in=[s.pk for s in school_units]).order_by("path")
                     .values(*SCHOOL_FIELDS)),
        now=now, today=today, year_start=school_year_start(today), semesters=semesters, rng=rng,
        done_rate=done_rate, pupils=pupils, staff=staff)


def seed_at_scale(ctx: ScaleContext) -> None:
    """Grades and classes, pupils in them, and staff with accounts and posts."""
    by_pk = {s["id"]: s for s in ctx.schools}
    units = {s.pk: s for s in OrgUnit.objects.filter(pk__in=list(by_pk))}
    grades = _bulk_units([(OrgUnit(kind="grade", name=f"Grade {g}", name_zh=f"{g}年级"), units[s["id"]])
                          for s in ctx.schools
                          for g in range(1, (3 if s["school_type"] == "kindergarten" else 6) + 1)])
    classes = _bulk_units([(OrgUnit(kind="class", name=f"Class {g.name[-1]}-{c}", name_zh=f"{g.name[-1]}({c})班"), g)
                           for g in grades for c in (1, 2)])
    class_ids: dict[int, list[int]] = {}
    for c in classes:
        class_ids.setdefault(int(c.path.strip("/").split("/")[2]), []).append(c.pk)
    ctx.counts["pupils"] = insert_rows(Student, _pupils(ctx, class_ids, ctx.pupils))
    _staff(ctx, ctx.staff)
    _central_officers(ctx)


def _pupils(ctx: ScaleContext, class_ids: dict[int, list[int]], pupils: int):
    rng = ctx.rng
    for s in ctx.schools:
        mine = class_ids.get(s["id"], [])
        born = ctx.year_start.year - (4 if s["school_type"] == "kindergarten" else 8)
        for i in range(pupils if mine else 0):
            birth = date(born - rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28))
            id_number = f"4305{rng.randint(10, 99)}{birth:%Y%m%d}{rng.randint(0, 9999):04d}"
            yield {"org_unit_id": mine[i % len(mine)], "name": person_name(rng), "gender": rng.choice("fm"),
                   "birth_date": birth, "student_no": f"{s['id']:05d}{i:04d}", "enrolled_on": ctx.year_start,
                   "id_number": id_number, "id_number_hash": blind_index(id_number)}  # the field encrypts


def _staff(ctx: ScaleContext, staff: int) -> None:
    User = get_user_model()
    prefix = f"s{ctx.authority.pk}"
    insert_rows(User, ({"username": f"{prefix}-{s['id']}-{n}", "first_name": person_name(ctx.rng),
                        "password": f"{UNUSABLE_PASSWORD_PREFIX}seed", "is_active": True,
                        "date_joined": ctx.now} for s in ctx.schools for n in range(staff)))
    ids = dict(User.objects.filter(username__startswith=f"{prefix}-").values_list("username", "id"))
    roles = dict(Role.objects.values_list("code", "id"))
    assignments, members = [], []
    for s in ctx.schools:
        users = [ids[f"{prefix}-{s['id']}-{n}"] for n in range(staff)]
        ctx.staff_users[s["id"]] = users
        for n, user_id in enumerate(users):
            post = ("principal" if n == 0 else "safety_officer" if n == 1
                    else "canteen_manager" if n == 2 and s["has_canteen"] else "teacher")
            assignments.append({"user_id": user_id, "role_id": roles[post], "org_unit_id": s["id"]})
            members.append({"org_unit_id": s["id"], "user_id": user_id, "name": person_name(ctx.rng),
                            "gender": ctx.rng.choice("fm"), "phone": f"139{ctx.rng.randint(0, 99999999):08d}"})
        if users:
            ctx.principal[s["id"]] = users[0]
            ctx.officer[s["id"]] = users[min(1, len(users) - 1)]
    insert_rows(RoleAssignment, assignments)
    ctx.counts["staff"] = insert_rows(Staff, members)


def _central_officers(ctx: ScaleContext) -> None:
    User = get_user_model()
    role = Role.objects.get(code="central_officer")
    for central in ctx.centrals:
        user = User.objects.create(username=f"c{ctx.authority.pk}-{central.pk}", first_name=central.name,
                                   password=f"{UNUSABLE_PASSWORD_PREFIX}seed")
        RoleAssignment.objects.create(user=user, role=role, org_unit=central)
        ctx.central_user[central.pk] = user.pk


def login_users(ctx: ScaleContext, label: str) -> None:
    """Two accounts that can sign in (benchmarks measure as them)."""
    User = get_user_model()
    for username, role, unit in ((f"{label.lower()}_authority", "authority_officer", ctx.authority),
                                 (f"{label.lower()}_central", "central_officer", ctx.centrals[0])):
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": username})
        user.set_password("SafeCampus-demo-1")
        user.save()
        RoleAssignment.objects.get_or_create(user=user, role=Role.objects.get(code=role), org_unit=unit)


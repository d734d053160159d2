"""A realistic district at scale, fast: bulk inserts, no per-row services (a benchmark fixture,
not a way to enter data). Units get their materialised paths in a second bulk update."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from safecampus.org.models import Holiday, OrgUnit, Role, RoleAssignment, SchoolYear, Semester, Staff, Student

from .engine import applies, local_today, zone
from .models import Attestation, Obligation
from .periods import CalendarIndex, period_span
from .services import load_rules

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "子涵浩宇欣怡梓轩雨桐佳怡一诺思远俊熙若曦明哲语嫣嘉豪诗琪宇航晨阳可馨天佑静怡博文梦瑶"
TOWNS = ["青山", "柳河", "石桥", "白沙", "长岭", "清水", "红星", "东风", "新华", "永安",
         "和平", "太平", "双河", "金田", "龙泉", "凤凰", "桃源", "兴隆", "北林", "南岗"]


@dataclass
class SeedResult:
    authority: OrgUnit
    schools: int
    students: int
    staff: int
    attestations: int
    hazards: int


def _bulk_units(rows: list[tuple[OrgUnit, OrgUnit | None]]) -> list[OrgUnit]:
    units = [u for u, _p in rows]
    for u in units:
        u.path = f"new-{uuid.uuid4().hex}"
    created = OrgUnit.objects.bulk_create(units, batch_size=2000)
    for (u, parent) in rows:
        u.path = f"{parent.path if parent else '/'}{u.pk}/"
        u.depth = parent.depth + 1 if parent else 0
    OrgUnit.objects.bulk_update(created, ["path", "depth"], batch_size=2000)
    return created


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def seed(*, schools: int, pupils: int = 600, staff: int = 50, per_central: int = 20, done_rate: float = 0.85,
         now: datetime | None = None, label: str = "Bench", rng_seed: int = 7) -> SeedResult:
    rng = random.Random(rng_seed)
    now = now or timezone.now()
    with transaction.atomic():
        authority = _bulk_units([(OrgUnit(kind="authority", name=f"{label} County {schools}",
                                          name_zh=f"{label}县教育局（{schools}所）"), None)])[0]
        _calendar(authority)
        centrals = _bulk_units([(OrgUnit(kind="central_school", name=f"{label} Central School {i + 1}",
                                         name_zh=f"{TOWNS[i % len(TOWNS)]}{i // len(TOWNS) or ''}中心学校"), authority)
                                for i in range((schools + per_central - 1) // per_central)])
        school_rows = []
        for i in range(schools):
            kg = i % 5 == 4
            school_rows.append((OrgUnit(
                kind="school", name=f"{label} {'Kindergarten' if kg else 'School'} {i + 1}",
                name_zh=f"{TOWNS[i % len(TOWNS)]}{'幼儿园' if kg else '小学'}{i + 1}",
                school_type="kindergarten" if kg else "primary", has_canteen=rng.random() < 0.8,
                has_dormitory=rng.random() < 0.3, is_boarding=rng.random() < 0.2,
                has_transport=rng.random() < 0.4), centrals[i // per_central]))
        school_units = _bulk_units(school_rows)
        grades = _bulk_units([(OrgUnit(kind="grade", name=f"Grade {g}", name_zh=f"{g}年级"), s)
                              for s in school_units
                              for g in range(1, (3 if s.school_type == "kindergarten" else 6) + 1)])
        classes = _bulk_units([(OrgUnit(kind="class", name=f"Class {g.name[-1]}-{c}",
                                        name_zh=f"{g.name[-1]}({c})班"), g) for g in grades for c in (1, 2)])
        n_students = _people(school_units, classes, pupils, staff, rng)
        _roles(authority, centrals[0], label)
    # Rules set by the authority apply to every school below it.
    load_rules(actor=None, unit=authority)
    attestations = _attestations(authority, now, done_rate, rng)
    hazards = _hazards(school_units, now, rng)
    return SeedResult(authority, schools, n_students, staff * schools, attestations, hazards)


def _calendar(owner: OrgUnit) -> None:
    for y in (2025, 2026):
        year = SchoolYear.objects.create(org_unit=owner, name=f"{y}-{y + 1}", start=date(y, 9, 1),
                                         end=date(y + 1, 8, 31))
        autumn = Semester.objects.create(org_unit=owner, school_year=year, kind="autumn", start=date(y, 9, 1),
                                         end=date(y + 1, 1, 22))
        spring = Semester.objects.create(org_unit=owner, school_year=year, kind="spring", start=date(y + 1, 2, 23),
                                         end=date(y + 1, 7, 9))
        for sem, name, zh, a, b in ((autumn, "National Day", "国庆节", date(y, 10, 1), date(y, 10, 7)),
                                    (autumn, "Winter holiday", "寒假", date(y + 1, 1, 23), date(y + 1, 2, 22)),
                                    (spring, "Labour Day", "劳动节", date(y + 1, 5, 1), date(y + 1, 5, 5)),
                                    (spring, "Summer holiday", "暑假", date(y + 1, 7, 10), date(y + 1, 8, 31))):
            Holiday.objects.create(org_unit=owner, semester=sem, name=name, name_zh=zh, start=a, end=b)


def _people(schools: list[OrgUnit], classes: list[OrgUnit], pupils: int, staff: int, rng: random.Random) -> int:
    by_school: dict[str, list[OrgUnit]] = {}
    for c in classes:
        by_school.setdefault(c.path.split("/")[3], []).append(c)
    students, members, total = [], [], 0
    for s in schools:
        mine = by_school.get(str(s.pk), [])
        for i in range(pupils):
            students.append(Student(org_unit=mine[i % len(mine)], name=_name(rng), gender=rng.choice("fm"),
                                     student_no=f"{s.pk:05d}{i:04d}", enrolled_on=date(2026, 9, 1)))
        members.extend(Staff(org_unit=s, name=_name(rng), gender=rng.choice("fm")) for _ in range(staff))
        if len(students) >= 20000:
            Student.objects.bulk_create(students, batch_size=5000)
            total += len(students)
            students = []
    Student.objects.bulk_create(students, batch_size=5000)
    Staff.objects.bulk_create(members, batch_size=5000)
    return total + len(students)


def _roles(authority: OrgUnit, central: OrgUnit, label: str) -> None:
    User = get_user_model()
    for username, role, unit in ((f"{label.lower()}_authority", "authority_officer", authority),
                                 (f"{label.lower()}_central", "central_officer", central)):
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": username})
        user.set_password("SafeCampus-demo-1")
        user.save()
        RoleAssignment.objects.get_or_create(user=user, role=Role.objects.get(code=role), org_unit=unit)


def _attestations(authority: OrgUnit, now: datetime, done_rate: float, rng: random.Random) -> int:
    """A school year of signed duties so far: most periods done, some late, some never."""
    rules = list(Obligation.objects.filter(org_unit=authority, active=True, evidence_kind="compliance.attestation"))
    units = list(OrgUnit.objects.filter(kind="school", path__startswith=authority.path).values(
        "id", "path", "kind", "school_type", "timezone", "has_canteen", "has_dormitory", "has_transport",
        "is_boarding"))
    cal = CalendarIndex().calendar_for(authority.path)
    User = get_user_model()
    signer = User.objects.get(username__endswith="_central",
                              role_assignments__org_unit__path__startswith=authority.path)
    today = local_today(now, "Asia/Shanghai")
    start = date(2026, 9, 1) if today >= date(2026, 9, 1) else today - timedelta(days=120)
    batch, total = [], 0
    for rule in rules:
        spans, day = [], start
        while day <= today:
            span = period_span(rule.period, rule.period_days, cal, day)
            if span and (not spans or spans[-1] != span):
                spans.append(span)
            day = (span[1] if span and span[1] >= day else day) + timedelta(days=1)
        owing = [u for u in units if applies(rule, u)]
        for span in spans:
            last = min(span[1], today)
            if last < span[0]:
                continue
            for u in owing:
                if rng.random() > done_rate:
                    continue
                done_on = span[0] + timedelta(days=rng.randint(0, (last - span[0]).days))
                batch.append(Attestation(org_unit_id=u["id"], obligation=rule, rule_code=rule.code,
                                         performed_on=done_on, signed_by=signer,
                                         signed_at=datetime.combine(done_on, time(17), zone("Asia/Shanghai"))))
                if len(batch) >= 20000:
                    Attestation.objects.bulk_create(batch, batch_size=5000)
                    total += len(batch)
                    batch = []
    Attestation.objects.bulk_create(batch, batch_size=5000)
    return total + len(batch)


def _hazards(schools: list[OrgUnit], now: datetime, rng: random.Random) -> int:
    """A year of hazards where the hazard register exists (its own fields, bulk; skipped otherwise)."""
    try:
        Hazard = apps.get_model("hazards", "Hazard")
        categories = [c for c, _l in Hazard._meta.get_field("category").choices]
        Hazard.objects.none().count()
    except Exception:  # noqa: BLE001 - the register is optional for a benchmark
        return 0
    rows = []
    for s in schools:
        for _ in range(rng.randint(3, 12)):
            reported = now - timedelta(days=rng.randint(0, 180), hours=rng.randint(0, 23))
            closed = rng.random() < 0.7
            rows.append(Hazard(org_unit=s, title=rng.choice(["灭火器过期", "楼梯扶手松动", "电线裸露", "围墙裂缝",
                                                            "食堂地面湿滑", "校门口摊贩占道"]),
                               category=rng.choice(categories), level="major" if rng.random() < 0.05 else "general",
                               status="closed" if closed else "reported", reported_at=reported,
                               closed_at=reported + timedelta(days=rng.randint(1, 20)) if closed else None))
    try:
        Hazard.objects.bulk_create(rows, batch_size=5000)
    except Exception:  # noqa: BLE001
        return 0
    return len(rows)

"""The demo district of CONTRACT.md, built through the org services so its audit trail is real."""

from __future__ import annotations

import random
import zlib
from datetime import date

from django.contrib.auth import get_user_model

from safecampus.core.demo import DEMO_PASSWORD, DemoContext

from . import services
from .choices import SchoolType, SemesterKind, UnitKind
from .models import OrgUnit, Post, SchoolYear, Student

POSTS = [
    ("principal", "Principal", "校长"),
    ("vice_principal_safety", "Vice principal in charge of safety", "分管安全副校长"),
    ("safety_officer", "Safety officer", "安全专干"),
    ("head_teacher", "Head teacher", "班主任"),
    ("subject_teacher", "Subject teacher", "任课教师"),
    ("door_guard", "Door guard", "门卫"),
    ("duty_staff", "Duty staff", "值班人员"),
    ("canteen_manager", "Canteen manager", "食堂管理员"),
    ("dormitory_manager", "Dormitory manager", "宿舍管理员"),
    ("driver", "Driver", "驾驶员"),
    ("school_doctor", "School doctor", "校医"),
    ("central_safety_director", "Central school safety director", "中心校安全办主任"),
    ("authority_safety_officer", "Authority safety officer", "教育局安全股干部"),
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "子涵浩宇欣怡梓轩雨桐佳怡一诺思远俊熙若曦明哲语嫣嘉豪诗琪宇航晨阳可馨天佑静怡博文梦瑶"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def _id_number(rng: random.Random, birth: date) -> str:
    body = f"431121{birth:%Y%m%d}{rng.randint(100, 999)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _unit(name: str, name_zh: str, kind: str, parent: OrgUnit | None, **fields) -> OrgUnit:
    existing = OrgUnit.objects.filter(name=name, parent=parent).first()
    return existing or services.create_unit(actor=None, kind=kind, name=name, name_zh=name_zh, org_unit=parent,
                                            **fields)


def _person(ctx: DemoContext, unit: OrgUnit, username: str, name: str, posts: list[str], roles: list[str],
            extra_roles: list[tuple[str, OrgUnit]] = ()) -> None:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        staff = services.create_staff(actor=None, org_unit=unit, name=name, username=username, password=DEMO_PASSWORD,
                                      email=f"{username}@demo.safecampus.local", posts=posts, roles=roles,
                                      phone="138" + f"{zlib.crc32(username.encode()) % 10**8:08d}")
        user = staff.user
    for role, at in extra_roles:
        services.assign_role(actor=None, user=user, role_code=role, org_unit=at)
    ctx.users[username] = user


def _calendar(central: OrgUnit) -> None:
    for name, y in (("2025-2026", 2025), ("2026-2027", 2026)):
        if SchoolYear.objects.filter(org_unit=central, name=name).exists():
            continue
        services.create_school_year(
            actor=None, org_unit=central, name=name, start=date(y, 9, 1), end=date(y + 1, 8, 31),
            semesters=[{"kind": SemesterKind.AUTUMN, "start": date(y, 9, 1), "end": date(y + 1, 1, 22)},
                       {"kind": SemesterKind.SPRING, "start": date(y + 1, 2, 23), "end": date(y + 1, 7, 9)}],
            holidays=[
                {"semester": SemesterKind.AUTUMN, "name": "National Day", "name_zh": "国庆节",
                 "start": date(y, 10, 1), "end": date(y, 10, 7)},
                {"semester": SemesterKind.AUTUMN, "name": "Winter holiday", "name_zh": "寒假",
                 "start": date(y + 1, 1, 23), "end": date(y + 1, 2, 22)},
                {"semester": SemesterKind.SPRING, "name": "Labour Day", "name_zh": "劳动节",
                 "start": date(y + 1, 5, 1), "end": date(y + 1, 5, 5)},
                {"semester": SemesterKind.SPRING, "name": "Summer holiday", "name_zh": "暑假",
                 "start": date(y + 1, 7, 10), "end": date(y + 1, 8, 31)},
            ])


def load(ctx: DemoContext) -> None:
    services.sync_roles()
    for code, en, zh in POSTS:
        Post.objects.get_or_create(code=code, defaults={"name": en, "name_zh": zh})

    authority = _unit("Demo County Education Bureau", "演示县教育局", UnitKind.AUTHORITY, None)
    central = _unit("Demo Central School", "演示中心学校", UnitKind.CENTRAL_SCHOOL, authority)
    school_a = _unit("School A", "A小学", UnitKind.SCHOOL, central, school_type=SchoolType.PRIMARY,
                     has_canteen=True, has_transport=True, address="Demo Town, Xingfu Road 1")
    school_b = _unit("School B", "B小学", UnitKind.SCHOOL, central, school_type=SchoolType.PRIMARY,
                     has_canteen=True, has_dormitory=True, is_boarding=True, address="Demo Town, Hexie Road 8")
    kinder_c = _unit("Kindergarten C", "C幼儿园", UnitKind.SCHOOL, central, school_type=SchoolType.KINDERGARTEN,
                     has_canteen=True, address="Demo Town, Chunhui Street 3")
    ctx.units.update(authority=authority, central=central, school_a=school_a, school_b=school_b, kinder_c=kinder_c)
    _calendar(central)

    classes: dict[str, list[OrgUnit]] = {}
    layout = {
        "school_a": [("Grade 1", "一年级", ["Class 1-1", "Class 1-2"]), ("Grade 2", "二年级", ["Class 2-1"])],
        "school_b": [("Grade 1", "一年级", ["Class 1-1"]), ("Grade 3", "三年级", ["Class 3-1"])],
        "kinder_c": [("Junior", "小班", ["Junior 1"]), ("Senior", "大班", ["Senior 1"])],
    }
    zh_class = {"Class 1-1": "一(1)班", "Class 1-2": "一(2)班", "Class 2-1": "二(1)班", "Class 3-1": "三(1)班",
                "Junior 1": "小(1)班", "Senior 1": "大(1)班"}
    for key, grades in layout.items():
        classes[key] = []
        for grade_name, grade_zh, class_names in grades:
            grade = _unit(grade_name, grade_zh, UnitKind.GRADE, ctx.units[key])
            for class_name in class_names:
                klass = _unit(class_name, zh_class[class_name], UnitKind.CLASS, grade)
                classes[key].append(klass)
                ctx.units[f"{key}:{class_name}"] = klass
    ctx.units["class_a"] = classes["school_a"][0]
    ctx.units["class_b"] = classes["school_b"][0]

    _person(ctx, authority, "authority", "赵安全", ["authority_safety_officer"], ["authority_officer"])
    _person(ctx, central, "central", "钱主任", ["central_safety_director"], ["central_officer"])
    _person(ctx, school_a, "principal_a", "孙校长", ["principal"], ["principal", "staff"])
    _person(ctx, school_a, "officer_a", "李专干", ["safety_officer"], ["safety_officer", "staff"])
    _person(ctx, school_a, "teacher_a", "周老师", ["head_teacher", "subject_teacher"], ["teacher", "staff"],
            [("head_teacher", ctx.units["class_a"])])
    _person(ctx, school_a, "guard_a", "吴师傅", ["door_guard"], ["door_guard", "staff"])
    _person(ctx, school_a, "canteen_a", "郑师傅", ["canteen_manager"], ["canteen_manager", "staff"])
    _person(ctx, school_b, "principal_b", "冯校长", ["principal"], ["principal", "staff"])
    _person(ctx, school_b, "officer_b", "陈专干", ["safety_officer"], ["safety_officer", "staff"])
    _person(ctx, school_b, "teacher_b", "褚老师", ["head_teacher"], ["teacher", "staff"],
            [("head_teacher", ctx.units["class_b"])])
    _person(ctx, kinder_c, "principal_c", "卫园长", ["principal"], ["principal", "staff"])
    _person(ctx, kinder_c, "officer_c", "蒋专干", ["safety_officer"], ["safety_officer", "staff"])

    rng = random.Random(20260901)
    for key, class_units in classes.items():
        kindergarten = key == "kinder_c"
        for klass in class_units:
            if Student.objects.filter(org_unit=klass).exists():
                continue
            # Pupils of grade N were born about 2020 - N; kindergarten children 2021-2023.
            year = (2022 if "Junior" in klass.name else 2021) if kindergarten else 2020 - int(klass.name[6])
            for i in range(12):
                birth = date(year, rng.randint(1, 12), rng.randint(1, 28))
                student = services.create_student(
                    actor=None, org_unit=klass, name=_name(rng), gender=rng.choice("fm"), birth_date=birth,
                    student_no=f"{klass.pk:03d}{i + 1:02d}", id_number=_id_number(rng, birth),
                    enrolled_on=date(2026, 9, 1))
                services.add_guardian(student, actor=None, name=_name(rng),
                                      phone=f"139{rng.randint(10**7, 10**8 - 1)}",
                                      relation=rng.choice(["父亲", "母亲", "祖父", "祖母"]),
                                      id_number=_id_number(rng, date(1988, rng.randint(1, 12), 10)))

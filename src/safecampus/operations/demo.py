"""Demo daily operations at every demo school, made through the services (a real audit trail).

Idempotent: each part is skipped where its records already exist.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from safecampus.core.demo import DemoContext
from safecampus.org.demo import _id_number

from .models import DutyAssignment, DutyLog, PatrolCheckin, PatrolRound, PatrolRoute, Visitor, WatchEntry
from .services import defences as defence_services
from .services import duty as duty_services
from .services import patrols as patrol_services
from .services import pickup as pickup_services
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
        for n, (name, purpose) in enumerate(rng.sample(people, 2)):
            visitor = visitor_services.create_visitor(
                actor=guard, org_unit=school, name=name, purpose=purpose, host=host,
                id_number=_id_number(rng, date(1980 + rng.randint(0, 20), rng.randint(1, 12), 15)),
                phone=f"137{rng.randint(10**7, 10**8 - 1)}", badge_no=f"V{rng.randint(1, 30):02d}")
            arrived = now - timedelta(days=days_ago, hours=rng.randint(1, 5))
            # Demo history only: spread the visits over the past week.
            Visitor.objects.filter(pk=visitor.pk).update(entered_at=arrived)
            if days_ago or n:  # today the first visitor is still inside
                visitor.refresh_from_db()
                visitor_services.leave(visitor, actor=guard)
                Visitor.objects.filter(pk=visitor.pk).update(left_at=arrived + timedelta(minutes=rng.randint(20, 90)))
    if key == "school_a":
        if not WatchEntry.objects.filter(org_unit=school).exists():
            visitor_services.add_to_watchlist(actor=ctx.users["officer_a"], org_unit=school, id_number=WATCHED,
                                              name="马某", reason="法院人身安全保护令：禁止接近学生马小某")
        visitor_services.create_visitor(actor=guard, org_unit=school, name="马某", id_number=WATCHED,
                                        purpose="找孩子", phone="13900000000")


def _staff(ctx: DemoContext, username: str, name: str, role: str, phone: str) -> None:
    from django.contrib.auth import get_user_model

    from safecampus.core.demo import DEMO_PASSWORD
    from safecampus.org import services as org_services

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = org_services.create_staff(actor=None, org_unit=ctx.units["school_a"], name=name, username=username,
                                         password=DEMO_PASSWORD, email=f"{username}@demo.safecampus.local",
                                         posts=[role], roles=[role, "staff"], phone=phone).user
    ctx.users[username] = user


def _duty_staff(ctx: DemoContext) -> None:
    """School A has a member of staff whose post is duty (值班人员); elsewhere the safety officer stands duty.
    It also has a dormitory manager (宿舍管理员) and a school doctor (校医)."""
    _staff(ctx, "duty_a", "冯值班", "duty_staff", "13800001234")
    _staff(ctx, "dorm_a", "韩宿管", "dormitory_manager", "13800002345")
    _staff(ctx, "doctor_a", "杨校医", "school_doctor", "13800003456")


DUTY = {"school_a": ("principal_a", "duty_a"), "school_b": ("principal_b", "officer_b"),
        "kinder_c": ("principal_c", "officer_c")}
SUMMARIES = ["巡查校园一周，门卫在岗，校门口秩序正常。", "放学时段校门口车辆较多，已协调交警疏导。",
             "午间巡查发现二楼消防通道堆放杂物，已通知清理。", "晚间值班，宿舍区安静，无异常。"]


def _duty(ctx: DemoContext, key: str) -> None:
    from .people import local_today

    school = ctx.units[key]
    leader, staff = (ctx.users[u] for u in DUTY[key])
    today = local_today(school)
    if DutyAssignment.objects.filter(org_unit=school).exists():
        return
    for offset in range(-7, 8):
        day = today + timedelta(days=offset)
        duty_services.create_duty_assignment(actor=None, org_unit=school, date=day, shift="day", user=leader,
                                             is_leader=True)
        duty_services.create_duty_assignment(actor=None, org_unit=school, date=day, shift="day", user=staff)
    writer = staff if key == "school_a" else leader
    for offset in range(7, 0, -1):
        day = today - timedelta(days=offset)
        if DutyLog.objects.filter(org_unit=school, date=day).exists():
            continue
        quiet = offset % 3 == 0
        log = duty_services.create_duty_log(
            actor=writer, org_unit=school, date=day, shift="day", leader=leader, nothing_to_report=quiet,
            summary="" if quiet else SUMMARIES[offset % len(SUMMARIES)])
        duty_services.hand_over(log, actor=writer, to_user=leader, note="钥匙和值班手机已交接。")


ROUTES = [("防火巡查路线", "fire", ["教学楼一楼配电室", "教学楼消防通道", "食堂后厨燃气阀", "图书室", "实验室"]),
          ("校园安全巡查路线", "safety", ["南校门", "操场围墙", "教学楼楼梯", "厕所", "后门"])]
PATROLLER = {"school_a": "duty_a", "school_b": "officer_b", "kinder_c": "officer_c"}


def _patrols(ctx: DemoContext, key: str) -> None:
    """A fire route and a safety route with a week of rounds; today the safety round misses its last checkpoint."""
    school = ctx.units[key]
    if PatrolRoute.objects.filter(org_unit=school).exists():
        return
    walker = ctx.users[PATROLLER[key]]
    now = timezone.now()
    for name, kind, places in ROUTES:
        route = patrol_services.create_route(actor=ctx.users[SCHOOLS[key]], org_unit=school, name=name, kind=kind,
                                             checkpoints=[{"name": p} for p in places])
        checkpoints = list(route.checkpoints.all())
        for days_ago in range(6, -1, -1):
            walked = checkpoints[:-1] if (kind == "safety" and days_ago in (0, 3)) else checkpoints
            for checkpoint in walked:
                patrol_services.check_in(actor=walker, code=checkpoint.code, note="")
            if days_ago:
                # Demo history only: the round and its check-ins move to the day they stand for.
                day = patrol_services.round_day(route, now) - timedelta(days=days_ago)
                PatrolRound.objects.filter(route=route, date=patrol_services.round_day(route, now)).update(date=day)
                PatrolCheckin.objects.filter(route=route, at__gte=now - timedelta(hours=1)).update(
                    at=now - timedelta(days=days_ago, hours=2))


PICKUP_SCHOOLS = {"school_a": "guard_a", "kinder_c": "officer_c"}
EXTRA_ADULTS = [("外婆", "张桂兰"), ("爷爷", "李德明"), ("姑姑", "王丽"), ("邻居", "赵阿姨")]


def _pickup(ctx: DemoContext, key: str) -> None:
    """Every pupil's guardians authorised, some with an extra adult; a week of hand-overs in two classes
    with one refusal; today half of each class is still waiting."""
    import random

    from safecampus.org.models import OrgUnit, Student

    from .models import Pickup, PickupAuthorisation
    from .people import local_today

    school = ctx.units[key]
    if PickupAuthorisation.objects.filter(org_unit__path__startswith=school.path).exists():
        return
    rng = random.Random(f"pickup-{key}")
    gate = ctx.users[PICKUP_SCHOOLS[key]]
    pupils = list(Student.objects.filter(org_unit__path__startswith=school.path).select_related("org_unit")
                  .prefetch_related("guardians").order_by("org_unit__path", "id"))
    adults: dict[int, list] = {}
    for i, pupil in enumerate(pupils):
        adults[pupil.pk] = [pickup_services.authorise_guardian(pupil, g) for g in pupil.guardians.all()]
        if i % 3 == 0:
            relation, name = EXTRA_ADULTS[i % len(EXTRA_ADULTS)]
            adults[pupil.pk].append(pickup_services.create_authorisation(
                actor=None, student=pupil, name=name, relation=relation, phone=f"135{rng.randint(10**7, 10**8 - 1)}"))
    first_class = OrgUnit.objects.filter(path__startswith=school.path, kind="class").order_by("path").first()
    today = local_today(school)
    now = timezone.now()
    in_class = [p for p in pupils if p.org_unit_id == first_class.pk]
    for days_ago in range(6, -1, -1):
        for n, pupil in enumerate(in_class):
            if days_ago == 0 and n % 2:
                continue  # today: half the class not yet collected
            if days_ago == 2 and n == 0:
                pickup_services.create_pickup(actor=gate, student=pupil, collector_name="陌生男子", relation="自称舅舅")
            choice = [a for a in adults[pupil.pk] if a is not None]
            pickup_services.create_pickup(actor=gate, student=pupil, authorisation=rng.choice(choice))
        if days_ago:
            # Demo history only: the afternoon these hand-overs stand for.
            Pickup.objects.filter(org_unit=first_class, date=today).update(
                date=today - timedelta(days=days_ago), at=now - timedelta(days=days_ago))


def _defences(ctx: DemoContext, key: str) -> None:
    """Every school records the list of defences; at School B the one-key alarm failed its last check."""
    from .defences_data import KINDS
    from .models import Defence

    school, officer = ctx.units[key], ctx.users[SCHOOLS[key]]
    if Defence.objects.filter(org_unit=school).exists():
        return
    places = {"gate_barrier": "南校门", "anti_collision_bollards": "南校门", "one_key_alarm": "门卫室",
              "cctv_gates": "南门、北门", "cctv_key_places": "食堂、宿舍、配电室"}
    quantities = {"guards_on_staff": 2, "cctv_gates": 4, "cctv_key_places": 12, "anti_collision_bollards": 6}
    for code in KINDS:
        if key == "kinder_c" and code == "intrusion_alarm":
            continue  # not recorded: the page shows it missing
        defence = defence_services.create_defence(actor=officer, org_unit=school, kind=code,
                                                  quantity=quantities.get(code, 1), location=places.get(code, ""))
        broken = key == "school_b" and code == "one_key_alarm"
        defence_services.check_defence(defence, actor=officer, ok=not broken,
                                       note="按下后派出所未收到报警信号" if broken else "")


def _dormitory(ctx: DemoContext) -> None:
    """School A's dormitory: two rooms, boarders from teacher_a's class and from grade 2, a week of bed checks
    with one absence (three nights ago) and one pupil on leave."""
    from safecampus.org.models import OrgUnit, Student

    from .models import DormRoom, Resident
    from .people import local_today
    from .services import dormitories as dorm

    school, manager = ctx.units["school_a"], ctx.users["dorm_a"]
    if DormRoom.objects.filter(org_unit=school).exists():
        return
    rooms = [dorm.add_room(actor=manager, org_unit=school, building="学生宿舍楼", name=name, beds=6)
             for name in ("101", "102")]
    beds = [b for room in rooms for b in room.beds.order_by("label")]
    today = local_today(school)
    grade_two = OrgUnit.objects.filter(path__startswith=school.path, kind="class", name="Class 2-1").first()
    pupils = list(Student.objects.filter(org_unit=ctx.units["class_a"]).order_by("id")[:6])
    pupils += list(Student.objects.filter(org_unit=grade_two).order_by("id")[:4]) if grade_two else []
    for pupil, bed in zip(pupils, beds, strict=False):
        dorm.move_in(actor=manager, student=pupil, bed=bed, since=today - timedelta(days=30))
    boarders = [s.student_id for s in Resident.objects.filter(org_unit=school, active=True).order_by("id")]
    for days_ago in range(7, 0, -1):
        dorm.check_beds(actor=manager, org_unit=school, date=today - timedelta(days=days_ago),
                        absent=[boarders[1]] if days_ago == 3 else [],
                        on_leave=[boarders[-1]] if days_ago in (5, 6) else [])


def _activities(ctx: DemoContext) -> None:
    """School A: a sports day approved by the principal, a spring outing off campus waiting for the central school."""
    from .models import Activity
    from .services import activities as activity_services

    school = ctx.units["school_a"]
    if Activity.objects.filter(org_unit=school).exists():
        return
    now = timezone.now()
    start = now.replace(hour=1, minute=0, second=0, microsecond=0)  # 09:00 in China
    sports = activity_services.apply(
        actor=ctx.users["officer_a"], org_unit=school, title="秋季运动会", place="学校操场",
        starts_at=start + timedelta(days=10), ends_at=start + timedelta(days=10, hours=7), off_campus=False,
        expected_people=420, classes=3, teachers_per_class=2,
        safety_plan="分区就座、专人看护；医务室设点；散场分年级错峰离场。",
        education="运动会前一周各班上运动安全课。")
    activity_services.approve(sports, actor=ctx.users["principal_a"], note="同意，注意高温天气的防暑。")
    activity_services.apply(
        actor=ctx.users["officer_a"], org_unit=school, title="春季研学：县博物馆", place="县博物馆",
        starts_at=start + timedelta(days=30), ends_at=start + timedelta(days=30, hours=6), off_campus=True,
        expected_people=80, classes=2, lower_grades=True, teachers_per_class=3,
        safety_plan="包车两辆（有资质的客运公司），每车一名教师随车；出发前清点人数，返校后再次清点。",
        education="出发前一天上出行安全课，发放家长告知书。")


CHECKERS = {"school_a": "doctor_a", "school_b": "officer_b", "kinder_c": "officer_c"}


def _vaccination(ctx: DemoContext, key: str) -> None:
    """Every new pupil's certificate checked at admission; some missing, some needing catch-up shots."""
    from safecampus.org.models import Student

    from .choices import VaccinationStatus
    from .models import VaccinationCheck
    from .people import local_today
    from .services import vaccination as vaccination_services

    school = ctx.units[key]
    if VaccinationCheck.objects.filter(org_unit__path__startswith=school.path).exists():
        return
    today = local_today(school)
    pupils = Student.objects.filter(org_unit__path__startswith=school.path, org_unit__kind="class",
                                    is_active=True).select_related("org_unit").order_by("org_unit__path", "id")
    for i, pupil in enumerate(pupils):
        status = (VaccinationStatus.MISSING if i % 9 == 4 else
                  VaccinationStatus.CATCH_UP if i % 7 == 2 else VaccinationStatus.COMPLETE)
        note = {VaccinationStatus.MISSING: "家长称接种证遗失，已告知到县疾控补办。",
                VaccinationStatus.CATCH_UP: "缺麻腮风第二剂，已开具补种通知单。"}.get(status, "")
        day = min(today, pupil.enrolled_on + timedelta(days=3 + i % 10)) if pupil.enrolled_on else today
        vaccination_services.check_certificate(actor=ctx.users[CHECKERS[key]], student=pupil, status=status,
                                               checked_on=day, note=note)


def load(ctx: DemoContext) -> None:
    if not set(SCHOOLS) <= set(ctx.units) or not set(GUARDS.values()) <= set(ctx.users):
        return
    _duty_staff(ctx)
    for key in SCHOOLS:
        _visitors(ctx, key)
        _duty(ctx, key)
        _patrols(ctx, key)
        _defences(ctx, key)
        if key in PICKUP_SCHOOLS:
            _pickup(ctx, key)
        _vaccination(ctx, key)
    _dormitory(ctx)
    _activities(ctx)

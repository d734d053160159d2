"""Demo school transport at School A, made through the services (a real audit trail).

Two bus routes (南线, 北线), each with its bus, driver and escort and eight riders, and a week of school
days of trips both ways; three days ago the afternoon trip of 南线 closed only after a late alighting (the
first close was refused naming the child left on board). Today the morning trip of 北线 is under way, one
rider of teacher_a's class not boarded. Both buses passed their inspection this semester; 北线's bus
insurance runs out within the reminder lead. Idempotent: a school with vehicles is left as it is.
"""

from __future__ import annotations

import contextlib
import zlib
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model

from safecampus.core.demo import DEMO_PASSWORD, DemoContext
from safecampus.core.errors import Conflict

from .models import Vehicle
from .people import local_today, unit_zone
from .services import fleet, trips

STOPS = {"南线": ["幸福村口", "河东桥", "南湾小卖部", "学校南门"],
         "北线": ["北山脚", "李家坳", "新桥村委会", "学校南门"]}


def _user(ctx: DemoContext, school, username: str, name: str, roles: list[str], posts: list[str]):
    from safecampus.org import services as org_services

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = org_services.create_staff(actor=None, org_unit=school, name=name, username=username,
                                         password=DEMO_PASSWORD, email=f"{username}@demo.safecampus.local",
                                         posts=posts, roles=roles,
                                         phone="1380000" + f"{zlib.crc32(username.encode()) % 10000:04d}").user
    ctx.users[username] = user
    return user


def _at(school, day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=unit_zone(school))


def _run(route, school, escort, day: date, direction: str, *, late: bool = False, skip: int | None = None,
         leave_open: bool = False) -> None:
    hour, minute = (7, 5) if direction == "to_school" else (16, 35)
    start = _at(school, day, hour, minute)
    trip = trips.create_trip(actor=escort, org_unit=school, vehicle=route.vehicle, driver=route.driver, escort=escort,
                             direction=direction, route=route, now=start)
    riders = list(trip.riders.select_related("student").order_by("id"))
    for n, rider in enumerate(riders):
        if n == skip:
            continue  # absent today: expected, not boarded
        trips.board(trip, actor=escort, student=rider.student, now=start + timedelta(minutes=2 + 3 * (n // 2)))
    if leave_open:
        return
    end = start + timedelta(minutes=45)
    left = riders[2] if late else None
    for n, rider in enumerate(riders):
        if n != skip and rider is not left:
            trips.alight(trip, actor=escort, student=rider.student, now=end - timedelta(minutes=10 - n))
    if left is not None:
        with contextlib.suppress(Conflict):  # refused: the escort, the driver and the safety officer are told
            trips.close_trip(trip, actor=escort, now=end)
        trips.alight(trip, actor=escort, student=left.student, now=end + timedelta(minutes=6))
    trips.close_trip(trip, actor=escort, now=end + timedelta(minutes=7 if late else 1))


def load(ctx: DemoContext) -> None:
    school = ctx.units.get("school_a")
    officer = ctx.users.get("officer_a")
    if school is None or officer is None or Vehicle.objects.filter(org_unit=school).exists():
        return
    from safecampus.org.models import OrgUnit, Student

    escorts = [_user(ctx, school, "escort_a", "何阿姨", ["escort", "staff"], []),
               _user(ctx, school, "escort_a2", "韩阿姨", ["escort", "staff"], [])]
    driver_user = _user(ctx, school, "driver_a", "曹师傅", ["driver", "staff"], ["driver"])
    today = local_today(school, ctx.now)
    buses = [fleet.create_vehicle(actor=officer, org_unit=school, plate="湘H·S1234", kind="school_bus", seats=35,
                                  inspection_expires=today + timedelta(days=150),
                                  insurance_expires=today + timedelta(days=200)),
             fleet.create_vehicle(actor=officer, org_unit=school, plate="湘H·S5678", kind="school_bus", seats=19,
                                  inspection_expires=today + timedelta(days=120),
                                  insurance_expires=today + timedelta(days=20))]
    drivers = [fleet.create_driver(actor=officer, org_unit=school, name="曹师傅", user=driver_user,
                                   birth_date=date(1976, 4, 18), licence_class="A1", licence_since=date(2001, 6, 1),
                                   licence_expires=today + timedelta(days=900), phone="13807370001",
                                   points_note="近三个记分周期无满分记录"),
               fleet.create_driver(actor=officer, org_unit=school, name="魏师傅", birth_date=date(1981, 9, 2),
                                   licence_class="B1", licence_since=date(2008, 3, 15),
                                   licence_expires=today + timedelta(days=25), phone="13807370002",
                                   points_note="近三个记分周期无满分记录")]
    for bus in buses:
        fleet.record_inspection(bus, actor=officer, inspected_on=today - timedelta(days=40),
                                expires=bus.inspection_expires, passed=True, note="制动、灯光、安全锤、灭火器齐全有效")
    classes = list(OrgUnit.objects.filter(path__startswith=school.path, kind="class").order_by("path"))
    pupils = {k.pk: list(Student.objects.filter(org_unit=k, is_active=True).order_by("id")) for k in classes}
    riders = {"南线": [p.pk for p in pupils[classes[1].pk][:5] + pupils[classes[2].pk][:3]],
              "北线": [p.pk for p in pupils[classes[0].pk][:5] + pupils[classes[2].pk][3:6]]}
    routes = [fleet.create_route(actor=officer, org_unit=school, name=name, vehicle=buses[i], driver=drivers[i],
                                 escort=escorts[i], stops=STOPS[name], riders=riders[name])
              for i, name in enumerate(("南线", "北线"))]
    days = [today - timedelta(days=n) for n in range(7, 0, -1)]
    for day in [d for d in days if d.weekday() < 5]:
        for i, route in enumerate(routes):
            for direction in ("to_school", "from_school"):
                late = i == 0 and direction == "from_school" and day == _three_school_days_ago(days)
                _run(route, school, escorts[i], day, direction, late=late)
    _run(routes[1], school, escorts[1], today, "to_school", skip=0, leave_open=True)


def _three_school_days_ago(days: list[date]) -> date:
    school_days = [d for d in days if d.weekday() < 5]
    return school_days[-3] if len(school_days) >= 3 else school_days[0]

"""Demo canteen and fire registers for School A and Kindergarten C, made through the services.

A week of meals with a sample of every dish and a leader eating with the pupils (older samples
disposed of, one day's waiting to be), today's lunch on the menu and still to be sampled; staff
with one lapsed health certificate; suppliers (one lapsed, whose batch was refused); purchases;
30 pieces of fire equipment checked this month, one with a fault that opened a hazard.
Idempotent: a school whose canteen licence exists is left as it is.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from safecampus.core.demo import DemoContext
from safecampus.core.errors import InvalidInput
from safecampus.core.zones import at_local

from .models import Canteen, FoodSample
from .services import fire, food, staff, supply
from .services.common import today

MENUS = {
    "breakfast": [["小米粥", "鸡蛋", "花卷"], ["豆浆", "包子", "拌黄瓜"]],
    "lunch": [["米饭", "番茄炒蛋", "青椒肉丝", "紫菜汤"], ["米饭", "红烧鸡块", "炒白菜", "冬瓜汤"],
              ["米饭", "土豆牛肉", "清炒油麦菜", "西红柿蛋汤"]],
    "snack": [["苹果", "酸奶"], ["香蕉", "小蛋糕"]],
}

SCHOOLS = {
    # key: (canteen name, licence, grade, meals, manager, leader, safety officer)
    "school_a": ("A校学生食堂", "JY35201000012345", "A", ["lunch"], "canteen_a", "principal_a", "officer_a"),
    "kinder_c": ("C园幼儿食堂", "JY35201000067890", "B", ["breakfast", "lunch", "snack"], "canteen_c", "principal_c",
                 "officer_c"),
}


def _png(name: str) -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (320, 200), "#f4f1e8")
    ImageDraw.Draw(img).rectangle((20, 20, 300, 180), outline="#b03030", width=5)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def _at(unit, day: date, hour: int, minute: int = 0) -> datetime:
    return at_local(unit, day, hour, minute)


MEAL_TIMES = {"breakfast": (7, 30), "lunch": (11, 50), "snack": (15, 10), "dinner": (17, 40)}


def _meals(ctx, unit, meals, manager, leader, now, *, today_pending: bool) -> None:
    day0 = today(unit, now)
    for back in range(6, -1, -1):
        day = day0 - timedelta(days=back)
        if day.weekday() >= 5:  # no meals at the weekend
            continue
        for n, meal in enumerate(meals):
            menu = MENUS[meal][(day.toordinal() + n) % len(MENUS[meal])]
            served = _at(unit, day, *MEAL_TIMES[meal])
            if back == 0 and (today_pending or served > now - timedelta(minutes=30)):
                # Today's meal not served yet: its menu is set and its samples are still to take.
                food.set_menu(actor=manager, org_unit=unit, date=day, meal=meal, dishes=menu)
                continue
            for i, dish in enumerate(menu):
                food.record_sample(actor=manager, org_unit=unit, meal=meal, dish=dish, weight_g=130 + 10 * (i % 3),
                                   taken_at=served + timedelta(minutes=i), fridge="留样冰箱1号", now=now)
            if back > 0:
                food.record_companion(actor=leader, org_unit=unit, date=day, meal=meal,
                                      note="饭菜温度适宜，口味清淡", now=served + timedelta(minutes=40))
    # Samples past their 48 hours are thrown away, all but the newest day's, which waits to be.
    old = (FoodSample.objects.filter(org_unit=unit, keep_until__lte=now, disposed_at__isnull=True)
           .order_by("-taken_at"))
    waiting = old.first()
    for sample in old:
        if waiting is not None and sample.meal_id == waiting.meal_id:
            continue
        food.dispose_sample(sample, actor=manager, now=now)


def _staff(unit, manager, day0) -> None:
    people = [("王秀兰", "厨师长", 200), ("刘建国", "厨师", 120), ("张桂芳", "帮厨", -20), ("陈红", "配餐员", 25)]
    for name, post, days in people:
        member = staff.create_staff(actor=manager, org_unit=unit, name=name, post=post,
                                    health_certificate_no=f"JK{zlib.crc32(name.encode()) % 10**8:08d}",
                                    health_certificate_expires=day0 + timedelta(days=days))
        staff.record_training(member, actor=manager, topic="食品安全与个人卫生", held_on=day0 - timedelta(days=40),
                              hours="2", now=timezone.now())
        if days > 0:
            staff.add_to_roster(member, actor=manager, date=day0)


def _supplies(unit, manager, day0, now) -> None:
    green = supply.create_supplier(actor=manager, org_unit=unit, name="绿源农产品配送有限公司",
                                   licence_no="JY13520100000111", qualifications="食品经营许可证、营业执照",
                                   licence_expires=day0 + timedelta(days=300), contact="0591-88880001",
                                   photos=[_png("licence.png")])
    lapsed = supply.create_supplier(actor=manager, org_unit=unit, name="鑫发粮油商行",
                                    licence_no="JY13520100000222", qualifications="食品经营许可证",
                                    licence_expires=day0 - timedelta(days=10), contact="0591-88880002")
    batches = [("大米", "DM20261101", "100 kg", 30, 365), ("鸡蛋", "JD1118", "30 kg", 3, 30),
               ("食用油", "SY2026-09", "20 L", 60, 540), ("酸奶", "SN1119", "60 杯", 1, 21)]
    for i, (item, batch, qty, made_ago, shelf) in enumerate(batches):
        supply.receive_batch(actor=manager, org_unit=unit, supplier=green, item=item, batch=batch, quantity=qty,
                             has_certificate=True, has_ticket=True, production_date=day0 - timedelta(days=made_ago),
                             shelf_life_days=shelf, purchased_on=day0 - timedelta(days=i),
                             certificate_photo=_png("certificate.png"), ticket_photo=_png("ticket.png"), now=now)
    with contextlib.suppress(InvalidInput):  # refused at the door, as it should be; the refusal is on record
        supply.receive_batch(actor=manager, org_unit=unit, supplier=lapsed, item="面粉", batch="MF0923",
                             quantity="50 kg", has_certificate=True, has_ticket=False, now=now)


def _fire(unit, officer, now, count: int, *, fault_at: int | None) -> None:
    layout = [("extinguisher", "教学楼", "一楼东侧楼梯口"), ("extinguisher", "教学楼", "二楼走廊"),
              ("extinguisher", "教学楼", "三楼走廊"), ("extinguisher", "教学楼", "四楼走廊"),
              ("extinguisher", "食堂", "操作间"), ("extinguisher", "食堂", "就餐区"),
              ("extinguisher", "办公楼", "一楼大厅"),
              ("extinguisher", "办公楼", "二楼"), ("hydrant", "教学楼", "一楼西侧"), ("hydrant", "食堂", "门口"),
              ("alarm", "教学楼", "二楼"), ("alarm", "食堂", "操作间"), ("emergency_light", "教学楼", "楼梯间"),
              ("emergency_light", "食堂", "出口"), ("exit_sign", "教学楼", "东侧出口"), ("exit_sign", "办公楼", "正门"),
              ("extinguisher", "宿舍楼", "一楼"), ("extinguisher", "宿舍楼", "二楼")]
    items = []
    for i in range(count):
        kind, building, place = layout[i % len(layout)]
        items.append(fire.create_equipment(actor=officer, org_unit=unit, kind=kind, building=building,
                                           location=place if i < len(layout) else f"{place}（{i + 1}）",
                                           model="MFZ/ABC4" if kind == "extinguisher" else "",
                                           expires=today(unit, now) + timedelta(days=200 + 30 * (i % 12)), now=now))
    month_start = today(unit, now).replace(day=1)
    for i, item in enumerate(items):
        if i >= count - 3:
            continue  # three items still due this month
        when = max(_at(unit, month_start, 9) + timedelta(hours=i), now - timedelta(days=1, hours=i))
        when = min(when, now - timedelta(minutes=5))
        fault = i == fault_at
        fire.check_equipment(item, actor=officer, result="fault" if fault else "ok",
                             note="压力表指针在红区，需充装" if fault else "", now=when)
    fire.check_exit(actor=officer, org_unit=unit, place="教学楼东侧安全出口", clear=True, now=now)
    fire.check_exit(actor=officer, org_unit=unit, place="食堂后门疏散通道", clear=True, now=now)


def load(ctx: DemoContext) -> None:
    if not {"school_a", "kinder_c"} <= set(ctx.units):
        return
    from safecampus.org.demo import _person

    if "canteen_c" not in ctx.users:
        _person(ctx, ctx.units["kinder_c"], "canteen_c", "沈师傅", ["canteen_manager"], ["canteen_manager", "staff"])
    now = ctx.now or timezone.now()
    for key, (name, licence, grade, meals, manager_name, leader_name, officer_name) in SCHOOLS.items():
        unit = ctx.units[key]
        if Canteen.objects.filter(org_unit=unit).exists():
            continue
        manager, leader, officer = (ctx.users[manager_name], ctx.users[leader_name], ctx.users[officer_name])
        day0 = today(unit, now)
        staff.save_canteen(actor=manager, org_unit=unit, name=name, licence_no=licence, grade=grade,
                           licence_expires=day0 + timedelta(days=400), meals_served=meals, now=now)
        # School A's canteen manager opens the day with today's lunch on the menu, still to sample.
        _meals(ctx, unit, meals, manager, leader, now, today_pending=key == "school_a")
        _staff(unit, manager, day0)
        _supplies(unit, manager, day0, now)
        _fire(unit, officer, now, 18 if key == "school_a" else 12, fault_at=4 if key == "school_a" else None)

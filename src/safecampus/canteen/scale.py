"""Canteens at scale: a year of meals (breakfast, lunch, dinner; six dishes each, every school day of the
last 365, the summer holiday apart), a sample of every dish, the day's record the engine counts, and a dozen
fire extinguishers a school. A year because the registers are kept at least two years: the ledger's pages
and the day page must not slow down as they fill."""

from __future__ import annotations

from datetime import timedelta

from safecampus.core.scale import ScaleContext, insert_rows

from .models import Canteen, CanteenDay, FireEquipment, FoodSample, MealService
from .services.fire import new_code

SUMMER = (7, 8)   # no meals in the summer holiday
MEALS = (("breakfast", 7), ("lunch", 11), ("dinner", 17))
DISHES = ["米饭", "馒头", "番茄炒蛋", "青椒肉丝", "红烧鸡块", "清炒白菜", "土豆丝", "紫菜汤", "冬瓜汤", "豆浆", "包子",
          "小米粥"]


def seed_at_scale(ctx: ScaleContext) -> None:
    rng = ctx.rng
    schools = [s for s in ctx.schools if s.get("has_canteen")]
    days = [ctx.today - timedelta(days=n) for n in range(365, 0, -1)]
    days = [d for d in days if d.weekday() < 5 and d.month not in SUMMER]
    insert_rows(Canteen, ({"org_unit_id": s["id"], "name": f"{s['name']} canteen", "grade": "B",
                           "meals_served": [m for m, _h in MEALS]} for s in schools))
    insert_rows(MealService, ({"org_unit_id": s["id"], "date": d, "meal": meal,
                               "menu": rng.sample(DISHES, 6), "samples_complete": True,
                               "leader_id": ctx.principal.get(s["id"])}
                              for s in schools for d in days for meal, _h in MEALS))
    meals = MealService.objects.filter(org_unit_id__in=[s["id"] for s in schools]).values_list(
        "id", "org_unit_id", "date", "meal", "menu").iterator(chunk_size=20000)
    taker = {s["id"]: ctx.staff_users[s["id"]][min(2, len(ctx.staff_users[s["id"]]) - 1)] for s in schools}
    hours = dict(MEALS)

    def samples():
        for meal_id, unit_id, day, meal, menu in meals:
            taken = ctx.moment(day, hours[meal], hours[meal])
            keep = taken + timedelta(hours=48)
            disposed = keep + timedelta(hours=2) if keep + timedelta(hours=2) < ctx.now else None
            for dish in menu:
                yield {"org_unit_id": unit_id, "meal_id": meal_id, "dish": dish, "weight_g": 125 + rng.randint(0, 60),
                       "fridge": "1", "taken_by_id": taker[unit_id], "taken_at": taken, "keep_until": keep,
                       "disposed_at": disposed, "disposed_by_id": taker[unit_id] if disposed else None}

    ctx.counts["food samples"] = insert_rows(FoodSample, samples())
    insert_rows(CanteenDay, ({"org_unit_id": s["id"], "date": d, "meals_expected": 3, "meals_sampled": 3,
                              "meals_accompanied": 3, "samples_complete": True, "accompanied": True}
                             for s in schools for d in days))
    ctx.counts["fire equipment"] = insert_rows(FireEquipment, (
        {"org_unit_id": s["id"], "kind": "extinguisher", "building": f"Block {n % 3 + 1}", "location": f"Floor {n}",
         "code": new_code(), "status": "in_service"} for s in ctx.schools for n in range(12)))

"""Numbers from policy move outcomes; the registers flip the obligations they prove."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time

from safecampus.canteen.services import food
from safecampus.compliance.engine import evaluate
from safecampus.compliance.models import Obligation
from safecampus.compliance.policies import set_policy
from safecampus.core.errors import InvalidInput

from .helpers import at, sample

pytestmark = pytest.mark.django_db


def test_a_county_that_requires_200_g_refuses_150_g(world):
    sample(world, dish="Rice", weight=150)  # the default 125 g lets it through
    set_policy(world.authority, "canteen.samples", {"min_weight_g": 200}, actor=world.user("authority"),
               source="县教育局：留样每样不少于200克")
    with pytest.raises(InvalidInput) as exc:
        sample(world, dish="Fish", weight=150)
    assert "weight_g" in exc.value.fields and "200" in exc.value.fields["weight_g"][0]
    assert sample(world, dish="Fish", weight=200).weight_g == 200
    r = world.api("canteen_a").post("/api/v1/food-samples", {"org_unit": world.school_a.pk, "meal": "dinner",
                                                              "dish": "Soup", "weight_g": 150}, format="json")
    assert r.status_code == 400 and "weight_g" in r.json()["fields"]


def test_a_central_school_keeping_samples_72_h_moves_keep_until(world):
    set_policy(world.central, "canteen.samples", {"keep_hours": 72}, actor=world.user("central"))
    s = sample(world, when="2026-11-18 12:00")
    assert s.keep_until == at("2026-11-21 12:00")


def _row(world, code: str, unit, when: str):
    rule = Obligation.objects.get(org_unit=world.central, code=code)
    rows = [r for r in evaluate(roots=[world.central.path], now=at(when))
            if r.unit_id == unit.pk and r.obligation.pk == rule.pk]
    assert len(rows) == 1
    return rows[0]


def test_the_food_sample_duty_flips_when_every_dish_of_the_day_is_sampled(world):
    actor = world.user("canteen_a")
    with freeze_time(at("2026-11-18 11:00")):
        food.set_menu(actor=actor, org_unit=world.school_a, date=date(2026, 11, 18), meal="lunch",
                      dishes=["Rice", "Fish"])
    assert _row(world, "food-sample", world.school_a, "2026-11-18 13:00").status != "met"
    sample(world, dish="Rice")
    assert _row(world, "food-sample", world.school_a, "2026-11-18 13:00").status != "met"
    sample(world, dish="Fish")
    row = _row(world, "food-sample", world.school_a, "2026-11-18 13:00")
    assert row.status == "met" and row.done == 1


def test_the_accompanied_meal_duty_flips_with_a_leader_at_every_meal(world):
    sample(world, dish="Rice")
    assert _row(world, "accompanied-meal", world.school_a, "2026-11-18 13:00").status != "met"
    with freeze_time(at("2026-11-18 12:40")):
        food.record_companion(actor=world.user("principal_a"), org_unit=world.school_a, date=date(2026, 11, 18),
                              meal="lunch")
    assert _row(world, "accompanied-meal", world.school_a, "2026-11-18 13:00").status == "met"

"""Food samples: weights and keep-until times from policy, disposal, the day's completeness, 陪餐."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from freezegun import freeze_time

from safecampus.canteen.models import CanteenDay, FoodSample, MealService
from safecampus.canteen.services import food
from safecampus.core.errors import Conflict, Forbidden, InvalidInput

from .helpers import at, sample

pytestmark = pytest.mark.django_db


def test_a_sample_is_kept_for_the_policy_hours(world):
    s = sample(world, when="2026-11-18 12:00")
    assert s.keep_until == at("2026-11-20 12:00")
    assert s.meal.meal == "lunch" and s.meal.date == date(2026, 11, 18)
    assert "Rice" in s.meal.menu


@pytest.mark.parametrize("weight", [0, -5, 124])
def test_too_light_a_sample_is_refused_naming_the_weight(world, weight):
    before = FoodSample.objects.count()
    with pytest.raises(InvalidInput) as exc:
        sample(world, weight=weight)
    assert "weight_g" in exc.value.fields
    assert FoodSample.objects.count() == before


def test_the_same_dish_twice_is_a_conflict(world):
    sample(world)
    with pytest.raises(Conflict):
        sample(world, weight=200)


def test_a_sample_taken_tomorrow_is_refused(world):
    from safecampus.canteen.services.food import record_sample

    with pytest.raises(InvalidInput) as exc:
        record_sample(actor=world.user("canteen_a"), org_unit=world.school_a, meal="lunch", dish="Soup",
                      weight_g=150, taken_at=at("2026-11-19 12:00"), now=at("2026-11-18 12:00"))
    assert "taken_at" in exc.value.fields


def test_disposal_waits_for_keep_until_then_is_recorded(world):
    s = sample(world, when="2026-11-18 12:00")
    actor = world.user("canteen_a")
    with pytest.raises(Conflict):
        food.dispose_sample(s, actor=actor, now=at("2026-11-20 11:59"))
    assert FoodSample.objects.get(pk=s.pk).disposed_at is None
    done = food.dispose_sample(s, actor=actor, now=at("2026-11-20 12:00"))
    assert done.disposed_at == at("2026-11-20 12:00") and done.disposed_by == actor
    with pytest.raises(Conflict):
        food.dispose_sample(done, actor=actor, now=at("2026-11-21 12:00"))


def test_a_day_is_complete_when_every_dish_of_every_meal_served_is_sampled(world):
    actor = world.user("canteen_a")
    food.set_menu(actor=actor, org_unit=world.school_a, date=date(2026, 11, 18), meal="lunch",
                  dishes=["Rice", "Tomato eggs", "Soup"])
    sample(world, dish="Rice")
    sample(world, dish="Tomato eggs")
    day = CanteenDay.objects.get(org_unit=world.school_a, date=date(2026, 11, 18))
    assert not day.samples_complete and day.meals_expected >= 1
    meal = MealService.objects.get(org_unit=world.school_a, date=date(2026, 11, 18), meal="lunch")
    assert not meal.samples_complete
    sample(world, dish="Soup")
    day.refresh_from_db()
    assert day.samples_complete and day.meals_sampled == day.meals_expected


def test_only_the_canteen_may_take_samples(world):
    from safecampus.canteen.services.food import record_sample

    with pytest.raises(Forbidden):
        record_sample(actor=world.user("teacher_a"), org_unit=world.school_a, meal="lunch", dish="Rice",
                      weight_g=150, taken_at=at("2026-11-18 12:00"), now=at("2026-11-18 12:00"))


def test_a_leader_eats_with_the_pupils_once_per_meal(world):
    with freeze_time(at("2026-11-18 13:00")):
        meal = food.record_companion(actor=world.user("principal_a"), org_unit=world.school_a,
                                     date=date(2026, 11, 18), meal="lunch", note="Rice a little hard")
        assert meal.leader.username == "principal_a"
        with pytest.raises(Conflict):
            food.record_companion(actor=world.user("officer_a"), org_unit=world.school_a,
                                  date=date(2026, 11, 18), meal="lunch")
        with pytest.raises(InvalidInput):  # a teacher is not a school leader
            food.record_companion(actor=world.user("principal_a"), org_unit=world.school_a,
                                  date=date(2026, 11, 18), meal="dinner", leader=world.user("teacher_a"))
        with pytest.raises(Forbidden):  # the canteen manager records samples, not who ate with the pupils
            food.record_companion(actor=world.user("canteen_a"), org_unit=world.school_a,
                                  date=date(2026, 11, 18), meal="dinner")


def test_retention_countdown_with_a_frozen_clock(world):
    from safecampus.canteen.views.common import countdown

    s = sample(world, when="2026-11-18 12:00")
    assert countdown(s.keep_until, at("2026-11-18 12:00")) == "2 days left"
    assert countdown(s.keep_until, at("2026-11-19 12:30")) == "23 hours left"
    assert countdown(s.keep_until, at("2026-11-20 11:30")) == "30 min left"
    assert countdown(s.keep_until, at("2026-11-20 12:00")) == ""
    assert s.seconds_left(at("2026-11-20 11:00")) == 3600
    with freeze_time(at("2026-11-19 12:30")):
        page = world.web("canteen_a").get(s.get_absolute_url()).content.decode()
    assert "23 hours left" in page
    with freeze_time(at("2026-11-20 12:01")):
        page = world.web("canteen_a").get(s.get_absolute_url()).content.decode()
    assert "Record disposal" in page


def test_the_keep_until_time_is_in_the_api_answer(world):
    with freeze_time(at("2026-11-18 12:30")):
        r = world.api("canteen_a").post("/api/v1/food-samples", {
            "org_unit": world.school_a.pk, "meal": "lunch", "dish": "Greens", "weight_g": 130,
            "taken_at": "2026-11-18T12:00:00"}, format="json")
    assert r.status_code == 201, r.content
    assert set(r.json()) >= {"id", "keep_until"}
    assert r.json()["keep_until"].startswith("2026-11-20T12:00:00+08:00")


@pytest.mark.parametrize(("body", "field"), [
    ({"weight_g": 0}, "weight_g"), ({"weight_g": -1}, "weight_g"), ({"weight_g": 100}, "weight_g"),
    ({"meal": "brunch"}, "meal"), ({"dish": ""}, "dish"), ({"taken_at": "yesterday"}, "taken_at"),
    ({"weight_g": "heavy"}, "weight_g"),
])
def test_bad_samples_are_400_naming_the_field(world, body, field):
    data = {"org_unit": world.school_a.pk, "meal": "lunch", "dish": "Greens", "weight_g": 130, **body}
    before = FoodSample.objects.count()
    r = world.api("canteen_a").post("/api/v1/food-samples", data, format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()["fields"]
    assert FoodSample.objects.count() == before


def test_disposal_through_the_api_is_409_before_keep_until(world):
    s = sample(world, when="2026-11-18 12:00")
    with freeze_time(at("2026-11-19 12:00")):
        r = world.api("canteen_a").post(f"/api/v1/food-samples/{s.pk}/dispose", {}, format="json")
    assert r.status_code == 409
    with freeze_time(at("2026-11-20 12:05")):
        r = world.api("canteen_a").post(f"/api/v1/food-samples/{s.pk}/dispose", {}, format="json")
    assert r.status_code == 200 and r.json()["disposed_at"]


def test_a_double_submit_makes_one_sample(world):
    data = {"org_unit": world.school_a.pk, "meal": "lunch", "dish": "Greens", "weight_g": 130, "request_id": "x-1"}
    client = world.api("canteen_a")
    first = client.post("/api/v1/food-samples", data, format="json")
    second = client.post("/api/v1/food-samples", data, format="json")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]


def test_samples_of_another_school_are_not_found(world):
    s = sample(world)
    r = world.api("officer_b").post(f"/api/v1/food-samples/{s.pk}/dispose", {}, format="json")
    assert r.status_code == 404


def test_the_sample_ledger_runs_a_fixed_number_of_queries(world):
    from safecampus.core.testing.queries import exact_queries

    for i in range(3):
        sample(world, dish=f"Dish {i}")
    client = world.web("canteen_a")
    client.get("/canteen/samples/")  # the session and the caches warm up
    with exact_queries(LEDGER_QUERIES):
        client.get("/canteen/samples/")
    for i in range(3, 12):
        sample(world, dish=f"Dish {i}")
    with exact_queries(LEDGER_QUERIES):
        page = client.get("/canteen/samples/").content.decode()
    assert "Dish 11" in page


LEDGER_QUERIES = 6


def test_day_page_shows_what_is_missing(world):
    actor = world.user("canteen_a")
    with freeze_time(at("2026-11-18 12:30")):
        food.set_menu(actor=actor, org_unit=world.school_a, date=date(2026, 11, 18), meal="lunch",
                      dishes="Rice, Fish")
        sample(world, dish="Rice", when="2026-11-18 12:10")
        page = world.web("canteen_a").get("/canteen/").content.decode()
    assert "Fish" in page and "No sample yet" in page
    assert 'data-state="missing"' in page


def test_a_sample_form_error_names_the_weight(world):
    with freeze_time(at("2026-11-18 12:30")):
        r = world.web("canteen_a").post("/canteen/samples/new/", {
            "org_unit": world.school_a.pk, "meal": "lunch", "dish": "Rice", "weight_g": 60})
    assert r.status_code == 400
    assert "at least 125 g" in r.content.decode()


def test_next_day_sample_keeps_its_own_day(world):
    s = sample(world, when="2026-11-18 23:30")
    assert s.meal.date == date(2026, 11, 18)
    assert s.keep_until - s.taken_at == timedelta(hours=48)


def test_the_sample_form_offers_the_next_missing_dish(world):
    actor = world.user("canteen_a")
    with freeze_time(at("2026-11-18 11:00")):
        food.set_menu(actor=actor, org_unit=world.school_a, date=date(2026, 11, 18), meal="lunch",
                      dishes=["Rice", "Fish"])
        sample(world, dish="Rice", when="2026-11-18 11:00")
        page = world.web("canteen_a").get("/canteen/").content.decode()
    assert 'value="Fish"' in page

"""Samples and disposals at the same moment on PostgreSQL: one record, one winner, the day counted right."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.canteen.models import CanteenDay, FoodSample
from safecampus.canteen.services import food
from safecampus.core.errors import Conflict
from safecampus.core.testing.concurrency import at_once
from safecampus.core.testing.personas import World

pytestmark = pytest.mark.postgres


def test_the_same_dish_sampled_twice_at_once_makes_one_sample(pg_only, transactional_db):
    world = World()
    actor, unit = world.user("canteen_a"), world.school_a
    taken = timezone.now() - timedelta(days=20)

    results, errors = at_once(lambda: food.record_sample(actor=actor, org_unit=unit, meal="dinner", dish="Soup",
                                                         weight_g=150, taken_at=taken))
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], Conflict), errors
    assert FoodSample.objects.filter(org_unit=unit, dish="Soup", meal__meal="dinner").count() == 1


def test_two_meals_sampled_at_once_leave_the_day_complete(pg_only, transactional_db):
    world = World()
    actor, unit = world.user("canteen_a"), world.school_a
    day = timezone.now() - timedelta(days=30)
    meals = iter(["breakfast", "lunch"])

    def take():
        return food.record_sample(actor=actor, org_unit=unit, meal=next(meals), dish="Rice", weight_g=150,
                                  taken_at=day)

    results, errors = at_once(take)
    assert not errors and len(results) == 2
    row = CanteenDay.objects.get(org_unit=unit, date=results[0].meal.date)
    assert row.meals_sampled == row.meals_expected and row.samples_complete


def test_a_sample_disposed_twice_at_once_is_disposed_once(pg_only, transactional_db):
    world = World()
    actor = world.user("canteen_a")
    sample = food.record_sample(actor=actor, org_unit=world.school_a, meal="snack", dish="Apple", weight_g=150,
                                taken_at=timezone.now() - timedelta(days=10))
    results, errors = at_once(lambda: food.dispose_sample(sample, actor=actor))
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], Conflict)

"""Food samples (留样), meals' menus and the leader eating with the pupils (陪餐).

A day's ``CanteenDay`` row is rewritten after every change to that day's meals: it is what the
obligations engine counts for ``food-sample`` and ``accompanied-meal``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from .. import policies
from ..choices import MEAL_ORDER, Meal
from ..models import Canteen, CanteenDay, FoodSample, MealService
from .common import school_of, today

# A sample is taken as the meal is served; a clock a few minutes fast on a phone is not an error.
CLOCK_SLACK = timedelta(minutes=10)


def _meal_complete(meal: MealService) -> bool:
    sampled = set(meal.samples.values_list("dish", flat=True))
    return bool(meal.menu) and set(meal.menu) <= sampled


def _locked_day(unit, day: date) -> CanteenDay:
    try:
        with transaction.atomic():
            CanteenDay.objects.get_or_create(org_unit=unit, date=day)
    except IntegrityError:  # created by a concurrent caller meanwhile
        pass
    # Locked: two meals of one day written at once must not leave the day's count stale.
    return CanteenDay.objects.select_for_update().get(org_unit=unit, date=day)


def refresh_day(unit, day: date) -> CanteenDay:
    """Rewrite the day's record from its meals (inside the caller's transaction)."""
    row = _locked_day(unit, day)
    meals = {m.meal: m for m in MealService.objects.filter(org_unit=unit, date=day).only("meal", "samples_complete",
                                                                                        "leader_id")}
    served = set(Canteen.objects.filter(org_unit=unit).values_list("meals_served", flat=True).first() or [])
    expected = [m for m in MEAL_ORDER if m in served | set(meals)]
    sampled = sum(1 for code in expected if code in meals and meals[code].samples_complete)
    accompanied = sum(1 for code in expected if code in meals and meals[code].leader_id)
    values = {"meals_expected": len(expected), "meals_sampled": sampled, "meals_accompanied": accompanied,
              "samples_complete": bool(expected) and sampled == len(expected),
              "accompanied": bool(expected) and accompanied == len(expected)}
    if any(getattr(row, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(row, k, v)
        row.version += 1
        row.save()
    return row


def _meal_row(unit, day: date, meal: str) -> MealService:
    """The meal's row, locked for this transaction (created when first needed)."""
    try:
        with transaction.atomic():
            MealService.objects.get_or_create(org_unit=unit, date=day, meal=meal)
    except IntegrityError:  # created by a concurrent caller meanwhile
        pass
    return MealService.objects.select_for_update().get(org_unit=unit, date=day, meal=meal)


def _refresh_meal(meal: MealService) -> None:
    complete = _meal_complete(meal)
    if complete != meal.samples_complete:
        meal.samples_complete = complete
        meal.version += 1
        meal.save(update_fields=["samples_complete", "version", "updated_at"])


@transaction.atomic
def record_sample(*, actor, org_unit, meal: str, dish: str, weight_g, taken_at=None, fridge: str = "",
                  request_id: str = "", now: datetime | None = None) -> FoodSample:
    """A sample of one dish: at least the policy's weight, kept for the policy's hours from ``taken_at``."""
    unit = school_of(org_unit)
    require(actor, "canteen.sample", unit)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    if request_id:
        done = FoodSample.objects.filter(org_unit=unit, request_id=request_id).first()
        if done is not None:
            return done
    meal = inputs.choice(meal, "meal", Meal)
    dish = inputs.text(dish, "dish", max_length=100)
    fridge = inputs.text(fridge, "fridge", required=False, max_length=100)
    rules = policies.samples(unit)
    weight = inputs.number(weight_g, "weight_g", minimum=1, maximum=10000)
    if weight < rules["min_weight_g"]:
        raise InvalidInput.field("weight_g", _("A sample weighs at least %(n)d g.") % {"n": rules["min_weight_g"]})
    now = now or timezone.now()
    taken = inputs.moment(taken_at, "taken_at", unit.timezone, required=False) or now
    if taken > now + CLOCK_SLACK:
        raise InvalidInput.field("taken_at", _("Cannot be in the future."))
    row = _meal_row(unit, today(unit, taken), meal)
    if FoodSample.objects.filter(meal=row, dish=dish).exists():
        raise Conflict(_("This dish of this meal already has a sample."))
    sample = FoodSample.objects.create(org_unit=unit, meal=row, dish=dish, weight_g=weight, fridge=fridge,
                                       taken_by=actor, taken_at=taken,
                                       keep_until=taken + timedelta(hours=rules["keep_hours"]),
                                       request_id=request_id)
    if dish not in row.menu:
        row.menu = [*row.menu, dish]
        row.version += 1
        row.save(update_fields=["menu", "version", "updated_at"])
    _refresh_meal(row)
    refresh_day(unit, row.date)
    audit.record("canteen.sample_taken", actor=actor, obj=sample,
                 changes={"meal": meal, "date": row.date, "dish": dish, "weight_g": weight, "fridge": fridge,
                          "keep_until": sample.keep_until})
    ensure_in_scope(actor, "canteen.sample", sample)
    return sample


@transaction.atomic
def dispose_sample(sample: FoodSample, *, actor, expected_version: int | None = None,
                   now: datetime | None = None) -> FoodSample:
    """Record a sample thrown away; not before its keep-until time (409)."""
    sample = lock(FoodSample, sample.pk, expected_version)
    require(actor, "canteen.sample", sample.org_unit)
    now = now or timezone.now()
    if sample.disposed_at is not None:
        raise Conflict(_("This sample was already disposed of."))
    if now < sample.keep_until:
        raise Conflict(_("This sample must be kept until %(when)s.")
                       % {"when": timezone.localtime(sample.keep_until).strftime("%Y-%m-%d %H:%M")})
    sample.disposed_at, sample.disposed_by = now, actor
    sample.version += 1
    sample.save(update_fields=["disposed_at", "disposed_by", "version", "updated_at"])
    audit.record("canteen.sample_disposed", actor=actor, obj=sample, changes={"disposed_at": now})
    ensure_in_scope(actor, "canteen.sample", sample)
    return sample


@transaction.atomic
def set_menu(*, actor, org_unit, date, meal: str, dishes) -> MealService:
    """The dishes of a meal; every one needs its sample. A dish already sampled stays on the menu."""
    unit = school_of(org_unit)
    require(actor, "canteen.sample", unit)
    day = inputs.date(date, "date")
    meal = inputs.choice(meal, "meal", Meal)
    if isinstance(dishes, str):
        dishes = dishes.replace("，", ",").replace("、", ",").replace("\n", ",").split(",")
    names: list[str] = []
    for raw in dishes or []:
        name = inputs.text(raw, "menu", required=False, max_length=100)
        if name and name not in names:
            names.append(name)
    if len(names) > 30:
        raise InvalidInput.field("menu", _("At most %(n)d dishes.") % {"n": 30})
    row = _meal_row(unit, day, meal)
    sampled = list(row.samples.values_list("dish", flat=True))
    menu = names + [d for d in sampled if d not in names]
    if not menu:
        raise InvalidInput.field("menu", _("Name at least one dish."))
    before = list(row.menu)
    if menu != before:
        row.menu = menu
        row.version += 1
        row.save(update_fields=["menu", "version", "updated_at"])
        audit.record("canteen.menu_set", actor=actor, obj=row, changes={"menu": [before, menu]})
    _refresh_meal(row)
    refresh_day(unit, day)
    ensure_in_scope(actor, "canteen.sample", row)
    return row


@transaction.atomic
def record_companion(*, actor, org_unit, date, meal: str, leader=None, note: str = "",
                     now: datetime | None = None) -> MealService:
    """陪餐: the leader who ate with the pupils at this meal (the actor when no one else is named)."""
    unit = school_of(org_unit)
    require(actor, "canteen.accompany", unit)
    day = inputs.date(date, "date")
    meal = inputs.choice(meal, "meal", Meal)
    note = inputs.text(note, "note", required=False, max_length=500)
    leader = leader or actor
    from safecampus.core.permissions import has_capability

    if not has_capability(leader, "canteen.accompany", unit.path):
        raise InvalidInput.field("leader", _("Only a school leader on duty eats with the pupils for the record."))
    now = now or timezone.now()
    if day > today(unit, now):
        raise InvalidInput.field("date", _("Cannot be in the future."))
    row = _meal_row(unit, day, meal)
    if row.leader_id is not None:
        raise Conflict(_("A leader is already recorded for this meal."))
    row.leader, row.leader_note, row.leader_recorded_at = leader, note, now
    row.version += 1
    row.save(update_fields=["leader", "leader_note", "leader_recorded_at", "version", "updated_at"])
    refresh_day(unit, day)
    audit.record("canteen.accompanied", actor=actor, obj=row,
                 changes={"leader": leader.get_username(), "meal": meal, "date": day, "note": note})
    ensure_in_scope(actor, "canteen.accompany", row)
    return row

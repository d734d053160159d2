"""Read-side queries of the canteen pages and panels, each starting from the reader's scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone

from . import policies
from .choices import MEAL_ORDER, Meal
from .models import Canteen, CanteenStaff, FoodSample, MealService, Supplier


def schools(user, capability: str):
    """The schools the reader may look at for ``capability``, in tree order (one query)."""
    OrgUnit = apps.get_model("org", "OrgUnit")
    return OrgUnit.objects.visible_to(user, capability).filter(kind="school", is_active=True).order_by("path")


def pick_school(user, capability: str, raw) -> tuple[object | None, list]:
    """The school asked for by ``?org_unit=`` if the reader sees it, else their first; and the choices."""
    choices = list(schools(user, capability))
    wanted = str(raw or "")
    for unit in choices:
        if str(unit.pk) == wanted:
            return unit, choices
    with_canteen = [u for u in choices if u.has_canteen]
    return (with_canteen or choices or [None])[0], choices


@dataclass
class MealRow:
    code: str
    label: str
    meal: MealService | None
    samples: list[FoodSample] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.samples) and not self.missing


@dataclass
class DayOverview:
    unit: object
    day: date
    meals: list[MealRow]

    @property
    def complete(self) -> bool:
        return bool(self.meals) and all(m.complete for m in self.meals)

    @property
    def missing_count(self) -> int:
        return sum(len(m.missing) + (0 if m.samples or m.missing else 1) for m in self.meals)


def day_overview(unit, day: date) -> DayOverview:
    """The meals a school serves on ``day`` with their samples and what is still missing (3 queries)."""
    served = set(Canteen.objects.filter(org_unit=unit).values_list("meals_served", flat=True).first() or [])
    rows = {m.meal: m for m in MealService.objects.filter(org_unit=unit, date=day).select_related("leader")
            .prefetch_related(Prefetch("samples", queryset=FoodSample.objects.select_related("taken_by")
                                       .order_by("taken_at", "pk")))}
    served |= set(rows)
    labels = dict(Meal.choices)
    out = []
    for code in MEAL_ORDER:
        if code not in served:
            continue
        meal = rows.get(code)
        samples = list(meal.samples.all()) if meal else []
        sampled = {s.dish for s in samples}
        missing = [d for d in (meal.menu if meal else []) if d not in sampled]
        out.append(MealRow(code, str(labels[code]), meal, samples, missing))
    return DayOverview(unit, day, out)


def expiring(user, unit, now: datetime | None = None) -> dict:
    """Health certificates, the licence and supplier qualifications expired or expiring soon."""
    from .services.common import today

    day = today(unit, now)
    horizon = day + timedelta(days=policies.certificates(unit)["warn_days"])
    staff = list(CanteenStaff.objects.visible_to(user, "canteen.view").filter(
        org_unit=unit, active=True, health_certificate_expires__lte=horizon).order_by("health_certificate_expires"))
    suppliers = list(Supplier.objects.visible_to(user, "canteen.view").filter(
        org_unit=unit, licence_expires__lte=horizon).order_by("licence_expires"))
    licence = Canteen.objects.filter(org_unit=unit, licence_expires__lte=horizon).first()
    return {"today": day, "staff": staff, "suppliers": suppliers, "licence": licence}


def keep_state(sample: FoodSample, now: datetime | None = None) -> str:
    """``disposed``, ``kept`` (before keep-until) or ``may_dispose``."""
    if sample.disposed_at is not None:
        return "disposed"
    return "kept" if (now or timezone.now()) < sample.keep_until else "may_dispose"


def check_period_start(unit, now: datetime | None = None) -> datetime:
    """When the current check period began: the month, or its half in crowded places (policy)."""
    from .services.common import today
    from .services.fire import month_bounds

    per = policies.fire(unit)["checks_per_month"]
    day = today(unit, now)
    start, end = month_bounds(unit, day)
    days = (end - start).days
    index = min(per - 1, (day.day - 1) * per // days)
    return start + timedelta(days=(index * days) // per)


def due_equipment(user, unit, now: datetime | None = None):
    """Items in service at ``unit`` not yet checked in the current check period."""
    from django.db.models import Q

    from .choices import EquipmentStatus
    from .models import FireEquipment

    since = check_period_start(unit, now)
    return (FireEquipment.objects.visible_to(user, "canteen.fire_view")
            .filter(org_unit=unit, status=EquipmentStatus.IN_SERVICE)
            .filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=since))
            .order_by("building", "location", "pk"))


def buildings_over_limit(unit) -> list[dict]:
    """Buildings with more than the policy's share of extinguishers away for repair (2 queries)."""
    from django.db.models import Count, Q

    from .choices import EquipmentKind, EquipmentStatus
    from .models import FireEquipment

    limit = policies.fire(unit)["max_away_percent"]
    rows = (FireEquipment.objects.filter(org_unit=unit, kind=EquipmentKind.EXTINGUISHER)
            .exclude(status=EquipmentStatus.RETIRED).order_by().values("building")
            .annotate(total=Count("pk"), away=Count("pk", filter=Q(status=EquipmentStatus.AWAY))))
    return [{"building": r["building"], "away": r["away"], "total": r["total"], "limit": limit}
            for r in rows if r["total"] and r["away"] * 100 > r["total"] * limit]

"""Shared makers for transport tests: the demo's routes at School A (南线's bus has no trip under way)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone


def route(name: str = "南线"):
    from safecampus.transport.models import Route

    return Route.objects.select_related("vehicle", "driver", "escort", "org_unit").get(name=name)


def new_trip(world, who: str = "escort_a", direction: str = "from_school", **kw):
    from safecampus.transport.services.trips import create_trip

    r = route()
    data = {"vehicle": r.vehicle, "driver": r.driver, "escort": world.user("escort_a"), "direction": direction,
            "route": r}
    data.update(kw)
    return create_trip(actor=world.user(who), org_unit=r.org_unit, **data)


def rider_ids(trip) -> list[int]:
    return list(trip.riders.order_by("id").values_list("student_id", flat=True))


def years_ago(n: int, days: int = 0) -> date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - n) - timedelta(days=days)
    except ValueError:  # 29 February
        return today.replace(year=today.year - n, day=28) - timedelta(days=days)


def driver_data(world, **kw) -> dict:
    data = {"org_unit": world.school_a.pk, "name": "测试司机", "birth_date": years_ago(40).isoformat(),
            "licence_since": years_ago(10).isoformat(),
            "licence_expires": (timezone.localdate() + timedelta(days=400)).isoformat()}
    data.update(kw)
    return data


def vehicle_data(world, **kw) -> dict:
    future = (timezone.localdate() + timedelta(days=200)).isoformat()
    data = {"org_unit": world.school_a.pk, "plate": "湘H·T0001", "seats": 30, "inspection_expires": future,
            "insurance_expires": future}
    data.update(kw)
    return data


def evidence_done(world, school, code: str, day=None) -> int:
    from safecampus.compliance.engine import evaluate
    from safecampus.compliance.models import Obligation

    rules = list(Obligation.objects.filter(org_unit=world.central, code=code))
    rows = [r for r in evaluate(roots=[school.path], day=day, rules=rules) if r.unit_id == school.pk]
    assert rows, f"{code} is not owed by {school}"
    return rows[0].done

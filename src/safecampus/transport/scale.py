"""School transport at scale: every school with transport runs two routes (a bus, a driver, an escort,
20 riders each) with the last four weeks of school days of trips both ways, every rider on and off, and the
bus inspection of each semester (the evidence of ``school-bus-inspection``) at the district's completion rate."""

from __future__ import annotations

from datetime import timedelta

from safecampus.core.scale import ScaleContext, insert_rows
from safecampus.org.scale import school_class_ids

from .models import Driver, Rider, Route, Trip, TripRider, Vehicle, VehicleInspection

RIDERS = 20
DAYS = 20


def _by_unit(model, ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for pk, unit in model.objects.filter(org_unit_id__in=ids).order_by("id").values_list("id", "org_unit_id"):
        found.setdefault(unit, []).append(pk)
    return found


def _fleet(ctx: ScaleContext, schools: list[dict]) -> tuple[dict, dict]:
    expires = ctx.today + timedelta(days=200)
    born, licensed = ctx.today - timedelta(days=365 * 45), ctx.today - timedelta(days=365 * 15)
    insert_rows(Vehicle, ({"org_unit_id": s["id"], "plate": f"湘H·{s['id']:05d}{n}", "kind": "school_bus",
                           "seats": 56, "inspection_expires": expires, "insurance_expires": expires}
                          for s in schools for n in range(2)))
    insert_rows(Driver, ({"org_unit_id": s["id"], "name": f"司机{n + 1}", "birth_date": born,
                          "licence_since": licensed, "licence_expires": expires, "licence_class": "A1"}
                         for s in schools for n in range(2)))
    ids = [s["id"] for s in schools]
    return _by_unit(Vehicle, ids), _by_unit(Driver, ids)


def _inspections(ctx: ScaleContext, schools: list[dict], vehicles: dict, escort: dict) -> None:
    rows = []
    for s in schools:
        for start, _end in ctx.semesters:
            day = start + timedelta(days=20)
            if day <= ctx.today and ctx.done():
                rows += [{"org_unit_id": s["id"], "vehicle_id": v, "inspected_on": day, "passed": True,
                          "expires": day + timedelta(days=180), "fleet_current": True,
                          "recorded_by_id": ctx.officer.get(s["id"]) or escort[s["id"]]} for v in vehicles[s["id"]]]
    ctx.counts["bus inspections"] = insert_rows(VehicleInspection, rows)


def _routes(schools: list[dict], vehicles: dict, drivers: dict, escort: dict) -> tuple[dict, dict]:
    from safecampus.org.models import Student

    insert_rows(Route, ({"org_unit_id": s["id"], "name": f"线路{n + 1}", "vehicle_id": vehicles[s["id"]][n],
                         "driver_id": drivers[s["id"]][n], "escort_id": escort[s["id"]]}
                        for s in schools for n in range(2)))
    routes = _by_unit(Route, [s["id"] for s in schools])
    riders: dict[int, list[int]] = {}
    for s in schools:
        pupils = list(Student.objects.filter(org_unit_id__in=school_class_ids(s["path"])).order_by("id")
                      .values_list("id", flat=True)[:RIDERS * 2])
        for n, route in enumerate(routes[s["id"]]):
            riders[route] = pupils[n * RIDERS:(n + 1) * RIDERS]
    insert_rows(Rider, ({"route_id": r, "student_id": p} for r, ps in riders.items() for p in ps))
    return routes, riders


def _trips(ctx: ScaleContext, routes: dict, riders: dict, vehicles: dict, drivers: dict, escort: dict) -> None:
    days = [ctx.today - timedelta(days=n) for n in range(1, DAYS * 2)]
    days = [d for d in days if d.weekday() < 5][:DAYS]

    def trips():
        for unit, unit_routes in routes.items():
            for n, route in enumerate(unit_routes):
                for day in days:
                    for direction, hour in (("to_school", 7), ("from_school", 16)):
                        start = ctx.moment(day, hour, hour)
                        yield {"org_unit_id": unit, "route_id": route, "vehicle_id": vehicles[unit][n],
                               "driver_id": drivers[unit][n], "escort_id": escort[unit], "direction": direction,
                               "date": day, "status": "closed", "opened_at": start,
                               "closed_at": start + timedelta(minutes=50), "opened_by_id": escort[unit]}

    ctx.counts["bus trips"] = insert_rows(Trip, trips())
    made = Trip.objects.filter(org_unit_id__in=list(routes)).values_list(
        "id", "route_id", "opened_at", "escort_id").iterator(chunk_size=20000)

    def trip_riders():
        for trip, route, opened, who in made:
            for n, pupil in enumerate(riders.get(route, [])):
                yield {"trip_id": trip, "student_id": pupil, "boarded_at": opened + timedelta(minutes=n),
                       "boarded_by_id": who, "alighted_at": opened + timedelta(minutes=40 + n),
                       "alighted_by_id": who}

    ctx.counts["bus riders on trips"] = insert_rows(TripRider, trip_riders())


def seed_at_scale(ctx: ScaleContext) -> None:
    from safecampus.org.models import Role, RoleAssignment

    schools = [s for s in ctx.schools if s.get("has_transport")]
    if not schools:
        return
    escort = {s["id"]: ctx.staff_users[s["id"]][min(3, len(ctx.staff_users[s["id"]]) - 1)] for s in schools}
    role = Role.objects.filter(code="escort").first()
    if role is not None:
        insert_rows(RoleAssignment, ({"user_id": escort[s["id"]], "role_id": role.pk, "org_unit_id": s["id"]}
                                     for s in schools))
    vehicles, drivers = _fleet(ctx, schools)
    _inspections(ctx, schools, vehicles, escort)
    routes, riders = _routes(schools, vehicles, drivers, escort)
    _trips(ctx, routes, riders, vehicles, drivers, escort)

"""School transport at scale: every school with transport runs two routes (a bus, a driver, an escort,
20 riders each) with the last four weeks of school days of trips both ways, every rider on and off."""

from __future__ import annotations

from datetime import timedelta

from safecampus.core.scale import ScaleContext, insert_rows

from .models import Driver, Rider, Route, Trip, TripRider, Vehicle

RIDERS = 20
DAYS = 20


def seed_at_scale(ctx: ScaleContext) -> None:
    from safecampus.org.models import Role, RoleAssignment, Student

    schools = [s for s in ctx.schools if s.get("has_transport")]
    if not schools:
        return
    role = Role.objects.filter(code="escort").first()
    expires = ctx.today + timedelta(days=200)
    escort = {s["id"]: ctx.staff_users[s["id"]][min(3, len(ctx.staff_users[s["id"]]) - 1)] for s in schools}
    if role is not None:
        insert_rows(RoleAssignment, ({"user_id": escort[s["id"]], "role_id": role.pk, "org_unit_id": s["id"]}
                                     for s in schools))
    insert_rows(Vehicle, ({"org_unit_id": s["id"], "plate": f"湘H·{s['id']:05d}{n}", "kind": "school_bus",
                           "seats": 56, "inspection_expires": expires, "insurance_expires": expires}
                          for s in schools for n in range(2)))
    born = ctx.today - timedelta(days=365 * 45)
    insert_rows(Driver, ({"org_unit_id": s["id"], "name": f"司机{n + 1}", "birth_date": born,
                          "licence_since": ctx.today - timedelta(days=365 * 15), "licence_expires": expires,
                          "licence_class": "A1"} for s in schools for n in range(2)))
    ids = [s["id"] for s in schools]
    vehicles = {}
    for pk, unit in Vehicle.objects.filter(org_unit_id__in=ids).order_by("id").values_list("id", "org_unit_id"):
        vehicles.setdefault(unit, []).append(pk)
    drivers = {}
    for pk, unit in Driver.objects.filter(org_unit_id__in=ids).order_by("id").values_list("id", "org_unit_id"):
        drivers.setdefault(unit, []).append(pk)
    insert_rows(Route, ({"org_unit_id": s["id"], "name": f"线路{n + 1}", "vehicle_id": vehicles[s["id"]][n],
                         "driver_id": drivers[s["id"]][n], "escort_id": escort[s["id"]]}
                        for s in schools for n in range(2)))
    routes = {}
    for pk, unit in Route.objects.filter(org_unit_id__in=ids).order_by("id").values_list("id", "org_unit_id"):
        routes.setdefault(unit, []).append(pk)
    riders: dict[int, list[int]] = {}
    for s in schools:
        pupils = list(Student.objects.filter(org_unit__path__startswith=s["path"]).order_by("id")
                      .values_list("id", flat=True)[:RIDERS * 2])
        for n, route in enumerate(routes[s["id"]]):
            riders[route] = pupils[n * RIDERS:(n + 1) * RIDERS]
    insert_rows(Rider, ({"route_id": r, "student_id": p} for r, ps in riders.items() for p in ps))
    days = [ctx.today - timedelta(days=n) for n in range(1, DAYS * 2) if (ctx.today - timedelta(days=n)).weekday() < 5]
    days = days[:DAYS]
    unit_of = {r: unit for unit, rs in routes.items() for r in rs}
    index = {r: n for rs in routes.values() for n, r in enumerate(rs)}

    def trips():
        for route, unit in unit_of.items():
            n = index[route]
            for day in days:
                for direction, hour in (("to_school", 7), ("from_school", 16)):
                    start = ctx.moment(day, hour, hour)
                    yield {"org_unit_id": unit, "route_id": route, "vehicle_id": vehicles[unit][n],
                           "driver_id": drivers[unit][n], "escort_id": escort[unit], "direction": direction,
                           "date": day, "status": "closed", "opened_at": start,
                           "closed_at": start + timedelta(minutes=50), "opened_by_id": escort[unit]}

    ctx.counts["bus trips"] = insert_rows(Trip, trips())
    made = Trip.objects.filter(org_unit_id__in=ids).values_list("id", "route_id", "opened_at", "escort_id").iterator(
        chunk_size=20000)

    def trip_riders():
        for trip, route, opened, who in made:
            for n, pupil in enumerate(riders.get(route, [])):
                yield {"trip_id": trip, "student_id": pupil, "boarded_at": opened + timedelta(minutes=n),
                       "boarded_by_id": who, "alighted_at": opened + timedelta(minutes=40 + n),
                       "alighted_by_id": who}

    ctx.counts["bus riders on trips"] = insert_rows(TripRider, trip_riders())

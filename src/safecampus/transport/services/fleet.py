"""Vehicles and their papers, drivers and their licences, routes with stops and riders, inspections."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import Student

from .. import policies
from ..choices import VehicleKind
from ..models import Driver, Rider, Route, Stop, Vehicle, VehicleInspection
from ..people import age_on, local_today
from .common import locked, school_of

__all__ = ["create_driver", "create_route", "create_vehicle", "record_inspection", "renew_insurance",
           "renew_licence", "set_riders"]


@transaction.atomic
def create_vehicle(*, actor, org_unit, plate, inspection_expires, insurance_expires, seats=None,
                   kind=VehicleKind.SCHOOL_BUS) -> Vehicle:
    """A bus the school runs. Seats default to the capacity policy of its kind and may not exceed it."""
    school = school_of(org_unit)
    require(actor, "transport.manage", school)
    kind = inputs.choice(kind or VehicleKind.SCHOOL_BUS, "kind", VehicleKind)
    most = policies.seats_for(school, kind)
    seats = most if seats in (None, "") else inputs.number(seats, "seats", minimum=1, maximum=most)
    values = {"plate": inputs.text(plate, "plate", max_length=20).upper(), "kind": kind, "seats": seats,
              "inspection_expires": inputs.date(inspection_expires, "inspection_expires"),
              "insurance_expires": inputs.date(insurance_expires, "insurance_expires")}
    if Vehicle.objects.filter(org_unit=school, plate=values["plate"]).exists():
        raise InvalidInput.field("plate", _("This school already has a vehicle with this plate."))
    try:
        with transaction.atomic():
            vehicle = Vehicle.objects.create(org_unit=school, **values)
    except IntegrityError:
        raise InvalidInput.field("plate", _("This school already has a vehicle with this plate.")) from None
    ensure_in_scope(actor, "transport.manage", vehicle)
    audit.record("transport.vehicle_added", actor=actor, obj=vehicle, changes=values)
    return vehicle


def _driver_fit(school, birth_date: date, licence_since: date, today: date) -> None:
    """The driver policy in force at the school: the age band and the years of driving (400 naming the field)."""
    rule = policies.drivers(school)
    age = age_on(birth_date, today)
    if age < rule["min_age"]:
        raise InvalidInput.field("birth_date", _("A school-bus driver must be at least %(n)d years old (policy).")
                                 % {"n": rule["min_age"]})
    if age > rule["max_age"]:
        raise InvalidInput.field("birth_date", _("A school-bus driver may be at most %(n)d years old (policy).")
                                 % {"n": rule["max_age"]})
    if licence_since > today:
        raise InvalidInput.field("licence_since", _("Cannot be in the future."))
    if age_on(licence_since, today) < rule["min_years_driving"]:
        raise InvalidInput.field("licence_since", _("A school-bus driver needs at least %(n)d years of driving "
                                                    "(policy).") % {"n": rule["min_years_driving"]})


@transaction.atomic
def create_driver(*, actor, org_unit, name, birth_date, licence_since, licence_expires, licence_class="",
                  phone="", points_note="", user=None, now: datetime | None = None) -> Driver:
    """A school-bus driver; outside the policy's age band or with too few years of driving: 400."""
    school = school_of(org_unit)
    require(actor, "transport.manage", school)
    values = {"name": inputs.text(name, "name", max_length=60),
              "birth_date": inputs.date(birth_date, "birth_date"),
              "licence_since": inputs.date(licence_since, "licence_since"),
              "licence_expires": inputs.date(licence_expires, "licence_expires"),
              "licence_class": inputs.text(licence_class, "licence_class", required=False, max_length=10).upper(),
              "phone": inputs.text(phone, "phone", required=False, max_length=30),
              "points_note": inputs.text(points_note, "points_note", required=False)}
    _driver_fit(school, values["birth_date"], values["licence_since"], local_today(school, now))
    if user is not None and not user.role_assignments.filter(org_unit__path__startswith=school.path).exists():
        raise InvalidInput.field("user", _("Choose an account of this school."))
    driver = Driver.objects.create(org_unit=school, user=user, **values)
    ensure_in_scope(actor, "transport.manage", driver)
    audit.record("transport.driver_added", actor=actor, obj=driver,
                 changes={**{k: v for k, v in values.items() if k not in ("points_note", "phone")},
                          "user": user.pk if user else None})
    return driver


@transaction.atomic
def renew_licence(driver: Driver, *, actor, expected_version: int | None = None, licence_expires,
                  points_note=None) -> Driver:
    driver = locked(driver, expected_version)
    require(actor, "transport.manage", driver.org_unit)
    expires = inputs.date(licence_expires, "licence_expires")
    if expires < driver.licence_expires:
        raise InvalidInput.field("licence_expires", _("Earlier than the licence it replaces."))
    before = {"licence_expires": driver.licence_expires}
    driver.licence_expires = expires
    if points_note is not None:
        driver.points_note = inputs.text(points_note, "points_note", required=False)
    driver.version += 1
    driver.save()
    audit.record("transport.licence_renewed", actor=actor, obj=driver,
                 changes=audit.diff(before, {"licence_expires": expires}))
    ensure_in_scope(actor, "transport.manage", driver)
    return driver


@transaction.atomic
def renew_insurance(vehicle: Vehicle, *, actor, expected_version: int | None = None, insurance_expires) -> Vehicle:
    vehicle = locked(vehicle, expected_version)
    require(actor, "transport.manage", vehicle.org_unit)
    expires = inputs.date(insurance_expires, "insurance_expires")
    if expires < vehicle.insurance_expires:
        raise InvalidInput.field("insurance_expires", _("Earlier than the insurance it replaces."))
    before = {"insurance_expires": vehicle.insurance_expires}
    vehicle.insurance_expires = expires
    vehicle.version += 1
    vehicle.save()
    audit.record("transport.insurance_renewed", actor=actor, obj=vehicle,
                 changes=audit.diff(before, {"insurance_expires": expires}))
    ensure_in_scope(actor, "transport.manage", vehicle)
    return vehicle


def fleet_current(school, day: date) -> bool:
    """Every vehicle the school runs has current inspection and insurance papers on ``day``."""
    vehicles = list(Vehicle.objects.filter(org_unit=school, active=True))
    return bool(vehicles) and all(not v.lapsed_papers(day) for v in vehicles)


@transaction.atomic
def record_inspection(vehicle: Vehicle, *, actor, inspected_on, passed=True, expires=None, note="",
                      now: datetime | None = None) -> VehicleInspection:
    """A safety inspection of a bus: a pass renews its inspection until ``expires``; a failure takes it off
    the road until it passes (its inspection is marked lapsed the day before)."""
    vehicle = locked(vehicle)
    require(actor, "transport.manage", vehicle.org_unit)
    today = local_today(vehicle.org_unit, now)
    day = inputs.date(inspected_on, "inspected_on")
    if day > today:
        raise InvalidInput.field("inspected_on", _("Cannot be in the future."))
    passed = inputs.flag(passed, "passed")
    expires = inputs.date(expires, "expires", required=passed)
    if passed and expires <= day:
        raise InvalidInput.field("expires", _("Must be after the day of the inspection."))
    before = {"inspection_expires": vehicle.inspection_expires}
    if passed:
        vehicle.inspection_expires = max(expires, vehicle.inspection_expires)
    else:
        vehicle.inspection_expires = min(vehicle.inspection_expires, date.fromordinal(today.toordinal() - 1))
    vehicle.version += 1
    vehicle.save()
    item = VehicleInspection.objects.create(
        org_unit=vehicle.org_unit, vehicle=vehicle, inspected_on=day, passed=passed,
        expires=expires if passed else None,
        note=inputs.text(note, "note", required=False), recorded_by=actor,
        fleet_current=passed and fleet_current(vehicle.org_unit, today))
    ensure_in_scope(actor, "transport.manage", item)
    audit.record("transport.inspected", actor=actor, obj=vehicle,
                 changes={"inspected_on": day, "passed": passed,
                          **audit.diff(before, {"inspection_expires": vehicle.inspection_expires})})
    return item


def _escort(school, escort, field: str = "escort"):
    if escort is None:
        return None
    if not isinstance(escort, get_user_model()) or not escort.is_active or \
            not has_capability(escort, "transport.trip", school.path):
        raise InvalidInput.field(field, _("Choose a member of staff of this school who may escort a bus."))
    return escort


def pupils_of(school, riders, field: str = "riders") -> list[Student]:
    """The active pupils of the school named by ``riders`` (ids), in the order given, each once."""
    wanted = list(dict.fromkeys(inputs.ids(riders or [], field)))
    found = {s.pk: s for s in Student.objects.filter(pk__in=wanted, is_active=True,
                                                     org_unit__path__startswith=school.path)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise InvalidInput.field(field, _("Not a pupil of this school: %(ids)s.") % {
            "ids": ", ".join(str(pk) for pk in missing)})
    return [found[pk] for pk in wanted]


def _same_school(obj, school, field: str):
    if obj is not None and obj.org_unit_id != school.pk:
        raise InvalidInput.field(field, _("Choose one of this school's."))
    return obj


@transaction.atomic
def create_route(*, actor, org_unit, name, vehicle: Vehicle | None = None, driver: Driver | None = None,
                 escort=None, stops=(), riders=()) -> Route:
    """A bus route: its stops in order and the pupils who ride it (more than the bus's seats: 400)."""
    school = school_of(org_unit)
    require(actor, "transport.manage", school)
    name = inputs.text(name, "name", max_length=100)
    _same_school(vehicle, school, "vehicle")
    _same_school(driver, school, "driver")
    escort = _escort(school, escort)
    if isinstance(stops, str):
        stops = stops.splitlines()
    stop_names = [inputs.text(s, "stops", max_length=100) for s in stops if str(s or "").strip()]
    pupils = pupils_of(school, riders)
    if vehicle is not None and len(pupils) > vehicle.seats:
        raise InvalidInput.field("riders", _("%(n)d riders, but the bus has %(seats)d seats.") % {
            "n": len(pupils), "seats": vehicle.seats})
    route = Route.objects.create(org_unit=school, name=name, vehicle=vehicle, driver=driver, escort=escort)
    Stop.objects.bulk_create([Stop(route=route, order=i + 1, name=n) for i, n in enumerate(stop_names)])
    Rider.objects.bulk_create([Rider(route=route, student=p) for p in pupils])
    ensure_in_scope(actor, "transport.manage", route)
    audit.record("transport.route_created", actor=actor, obj=route,
                 changes={"name": name, "vehicle": vehicle.pk if vehicle else None,
                          "driver": driver.pk if driver else None, "escort": escort.pk if escort else None,
                          "stops": stop_names, "riders": len(pupils)})
    return route


@transaction.atomic
def set_riders(route: Route, *, actor, expected_version: int | None = None, riders=()) -> Route:
    """The pupils who ride the route from now on (the whole list: whoever is left out stops riding).

    Pupils of another school, or more riders than the bus has seats, are a 400 naming ``riders``; a stale
    ``expected_version`` is a 409. The same list again changes nothing (no new version, no audit event).
    """
    route = locked(route, expected_version)
    require(actor, "transport.manage", route.org_unit)
    pupils = pupils_of(route.org_unit, riders)
    vehicle = route.vehicle
    if vehicle is not None and len(pupils) > vehicle.seats:
        raise InvalidInput.field("riders", _("%(n)d riders, but the bus has %(seats)d seats.") % {
            "n": len(pupils), "seats": vehicle.seats})
    before = set(route.riders.values_list("student_id", flat=True))
    after = {p.pk for p in pupils}
    if after == before:
        return route
    route.riders.exclude(student_id__in=after).delete()
    Rider.objects.bulk_create([Rider(route=route, student=p) for p in pupils if p.pk not in before])
    route.version += 1
    route.save()
    ensure_in_scope(actor, "transport.manage", route)
    audit.record("transport.riders_set", actor=actor, obj=route,
                 changes={"riders": len(after), "added": len(after - before), "removed": len(before - after),
                          # who, by key: a pupil's record may be erased later, the chain keeps no names
                          "pupils_added": sorted(after - before), "pupils_removed": sorted(before - after)})
    return route

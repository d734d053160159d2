"""A trip: opened with its bus, driver, escort and riders; the escort's roll call (board, alight); closed
only when every child who boarded has got off. A refused close tells the escort, the driver and the
school's safety officers at once."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs, replay
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.notify import notify
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from .. import people, policies
from ..choices import Direction, TripStatus
from ..models import Driver, Route, Trip, TripRider, Vehicle
from .common import locked, school_of
from .fleet import _escort, _same_school, pupils_of

__all__ = ["alight", "board", "close_trip", "create_trip"]


def _fit_to_run(vehicle: Vehicle, driver: Driver, day) -> None:
    """A bus whose inspection or insurance has lapsed, or a driver whose licence has (or who is past the
    policy's age), cannot start a trip: 409 naming what lapsed."""
    names = {"inspection_expires": _("inspection"), "insurance_expires": _("insurance")}
    lapsed = vehicle.lapsed_papers(day)
    if not vehicle.active:
        raise Conflict(_("%(plate)s is not in service.") % {"plate": vehicle.plate}, fields={"vehicle": [
            _("Not in service.")]})
    if lapsed:
        what = "、".join(str(names[k]) for k in lapsed)
        raise Conflict(_("%(plate)s cannot run: its %(what)s has expired.") % {"plate": vehicle.plate, "what": what},
                       fields={"vehicle": [_("Papers expired: %(what)s.") % {"what": what}]})
    if not driver.active or driver.licence_expires < day:
        raise Conflict(_("%(name)s cannot drive: the licence expired on %(day)s.") % {
            "name": driver.name, "day": driver.licence_expires.isoformat()},
            fields={"driver": [_("Licence expired.")]})
    if people.age_on(driver.birth_date, day) > policies.drivers(vehicle.org_unit)["max_age"]:
        raise Conflict(_("%(name)s is past the age a school-bus driver may drive (policy).") % {"name": driver.name},
                       fields={"driver": [_("Past the age limit.")]})


@transaction.atomic
def create_trip(*, actor, org_unit, vehicle: Vehicle, driver: Driver, escort, direction, riders=None,
                route: Route | None = None, request_id: str = "", now: datetime | None = None) -> Trip:
    """Open a trip: more riders than seats is a 400; lapsed papers a 409; the same ``request_id`` again is
    the same trip. Without ``riders`` a route's trip takes the route's riders."""
    school = school_of(org_unit)
    require(actor, "transport.trip", school)
    _same_school(vehicle, school, "vehicle")
    _same_school(driver, school, "driver")
    _same_school(route, school, "route")
    direction = inputs.choice(direction, "direction", Direction)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    if escort is None:
        raise InvalidInput.field("escort", _("This field is required."))
    escort = _escort(school, escort)
    earlier = replay.earlier(Trip, request_id, same={"vehicle": vehicle, "direction": direction},
                             opened_by=actor)
    if earlier is not None:
        return earlier
    if riders is None and route is not None:
        riders = list(route.riders.values_list("student_id", flat=True))
    pupils = pupils_of(school, riders)
    if not pupils:
        raise InvalidInput.field("riders", _("Name at least one rider."))
    if len(pupils) > vehicle.seats:
        raise InvalidInput.field("riders", _("%(n)d riders, but the bus has %(seats)d seats.") % {
            "n": len(pupils), "seats": vehicle.seats})
    now = now or timezone.now()
    day = people.local_today(school, now)
    vehicle = locked(vehicle)
    _fit_to_run(vehicle, driver, day)
    under_way = Trip.objects.filter(vehicle=vehicle, status=TripStatus.OPEN).first()
    if under_way is not None:
        raise Conflict(_("%(plate)s has a trip under way (%(trip)s): close it first.") % {
            "plate": vehicle.plate, "trip": under_way}, fields={"vehicle": [_("A trip is under way.")]})
    try:
        with transaction.atomic():
            trip = Trip.objects.create(org_unit=school, route=route, vehicle=vehicle, driver=driver, escort=escort,
                                       direction=direction, date=day, opened_at=now, opened_by=actor,
                                       request_id=request_id)
    except IntegrityError:  # the same request twice at once
        return Trip.objects.get(opened_by=actor, request_id=request_id)
    TripRider.objects.bulk_create([TripRider(trip=trip, student=p) for p in pupils])
    ensure_in_scope(actor, "transport.trip", trip)
    audit.record("transport.trip_opened", actor=actor, obj=trip,
                 changes={"vehicle": vehicle.pk, "driver": driver.pk, "escort": escort.pk, "direction": direction,
                          "riders": len(pupils)})
    return trip


def _rider(trip: Trip, student) -> TripRider:
    found = TripRider.objects.filter(trip=trip, student=student).first()
    if found is None:
        raise InvalidInput.field("student", _("%(child)s is not a rider of this trip.") % {"child": student.name})
    return found


def _open(trip: Trip, actor) -> Trip:
    """The trip, locked while one tap is written (taps on one bus follow each other)."""
    require(actor, "transport.trip", trip.org_unit)
    trip = locked(trip)
    if trip.status != TripStatus.OPEN:
        raise Conflict(_("This trip is closed."))
    return trip


@transaction.atomic
def board(trip: Trip, *, actor, student, now: datetime | None = None) -> TripRider:
    """The escort's tap as a child gets on. A second tap (or a second escort at the same moment) is the
    same boarding: one record."""
    trip = _open(trip, actor)
    rider = _rider(trip, student)
    if rider.boarded_at is not None:
        return rider
    rider.boarded_at, rider.boarded_by = now or timezone.now(), actor
    rider.save(update_fields=["boarded_at", "boarded_by"])
    audit.record("transport.boarded", actor=actor, obj=trip, changes={"student": student.pk})
    return rider


@transaction.atomic
def alight(trip: Trip, *, actor, student, now: datetime | None = None) -> TripRider:
    """The escort's tap as a child gets off; a child who never boarded cannot alight (409)."""
    trip = _open(trip, actor)
    rider = _rider(trip, student)
    if rider.boarded_at is None:
        raise Conflict(_("%(child)s has not boarded this trip.") % {"child": student.name},
                       fields={"student": [_("Not boarded.")]})
    if rider.alighted_at is not None:
        return rider
    rider.alighted_at, rider.alighted_by = now or timezone.now(), actor
    rider.save(update_fields=["alighted_at", "alighted_by"])
    audit.record("transport.alighted", actor=actor, obj=trip, changes={"student": student.pk})
    return rider


def on_board(trip: Trip) -> list[TripRider]:
    return list(TripRider.objects.filter(trip=trip, boarded_at__isnull=False, alighted_at__isnull=True)
                .select_related("student").order_by("student__name", "student_id"))


def _tell_left_on_board(trip: Trip, actor, names: list[str]) -> None:
    """The escort, the driver (with an account) and the school's safety officers, at once."""
    trip = Trip.objects.select_related("driver__user", "escort", "org_unit", "vehicle").get(pk=trip.pk)
    users = [trip.escort, trip.driver.user, *people.safety_officers(trip.org_unit)]
    children = "、".join(names)
    with transaction.atomic():
        audit.record("transport.close_refused", actor=actor, obj=trip, changes={"on_board": children})
        notify(users, kind="transport.left_on_board",
               title=lambda: _("Children still on bus %(plate)s: %(children)s") % {
                   "plate": trip.vehicle.plate, "children": children},
               body=lambda: _("The trip cannot close until every child who boarded has got off. Check the bus now."),
               url=trip.get_absolute_url(), dedupe_key=f"transport:trip:{trip.pk}:on-board:{children}")


def close_trip(trip: Trip, *, actor, expected_version: int | None = None, now: datetime | None = None) -> Trip:
    """Close the trip. Refused (409) while a child who boarded has not alighted: the refusal names each
    child, and the escort, the driver and the safety officer are told at once (kept though the close fails)."""
    with transaction.atomic():
        require(actor, "transport.trip", trip.org_unit)
        trip = locked(trip, expected_version)
        if trip.status != TripStatus.OPEN:
            raise Conflict(_("This trip is already closed."))
        left = on_board(trip)
        if not left:
            trip.status, trip.closed_at = TripStatus.CLOSED, now or timezone.now()
            trip.version += 1
            trip.save(update_fields=["status", "closed_at", "version", "updated_at"])
            waiting = TripRider.objects.filter(trip=trip, boarded_at__isnull=True).count()
            audit.record("transport.trip_closed", actor=actor, obj=trip, changes={"not_boarded": waiting})
            ensure_in_scope(actor, "transport.trip", trip)
            return trip
    names = [r.student.name for r in left]
    _tell_left_on_board(trip, actor, names)
    raise Conflict(_("Still on board: %(children)s. Every child must get off before the trip closes.") % {
        "children": "、".join(names)}, fields={"on_board": names})

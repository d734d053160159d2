"""Who may open each transport page and endpoint: 401/login, 404 out of scope, 403 without the right."""

from __future__ import annotations

from safecampus.core.testing.matrix import Case, matrix_test

from .helpers import driver_data, new_trip, rider_ids, route, vehicle_data

SEE = ("officer_a", "principal_a", "escort_a", "driver_a", "central")
KEEP = ("officer_a", "principal_a")
TAP = ("escort_a", "officer_a")


def _trip(data=None, boarded: bool = False):
    def setup(world):
        trip = new_trip(world)
        if boarded:
            from safecampus.transport.services.trips import board

            board(trip, actor=world.user("escort_a"), student=trip.riders.first().student)
        made = {"kwargs": {"pk": trip.pk}}
        if data is not None:
            made["data"] = data(world, trip)
        return made
    return setup


def _first(world, trip):
    return {"student": rider_ids(trip)[0]}


def _route_pk(data=None, name="南线"):
    def setup(world):
        made = {"kwargs": {"pk": route(name).pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _vehicle(data=None):
    return _route_pk_of("vehicle", data)


def _driver(data=None):
    return _route_pk_of("driver", data)


def _route_pk_of(attr, data):
    def setup(world):
        made = {"kwargs": {"pk": getattr(route(), attr).pk}}
        if data is not None:
            made["data"] = data
        return made
    return setup


def _new_trip(world):
    r = route()
    return {"data": {"vehicle": r.vehicle.pk, "driver": r.driver.pk, "escort": world.user("escort_a").pk,
                     "direction": "from_school", "riders": list(r.riders.values_list("student_id", flat=True))}}


def _riders_of_first_class(world) -> dict:
    """The page's save: the first class of School A shown, one of its riders of 北线 unticked."""
    from safecampus.org.models import OrgUnit

    r = route("北线")
    first = OrgUnit.objects.filter(path__startswith=world.school_a.path, kind="class").order_by("path").first()
    riding = list(r.riders.filter(student__org_unit=first).values_list("student_id", flat=True))
    return {"kwargs": {"pk": r.pk}, "data": {"class": first.pk, "riders": riding[1:], "version": r.version}}


def _new_riders(world) -> dict:
    r = route("北线")
    return {"kwargs": {"pk": r.pk}, "data": {"riders": list(r.riders.values_list("student_id", flat=True))[1:],
                                             "version": r.version}}


def _new_route(world):
    return {"data": {"org_unit": world.school_a.pk, "name": "东线", "stops": ["东村"]}}


FUTURE = "2099-01-01"

CASES = [
    # Pages
    Case("transport:today", allowed=TAP, forbidden=("driver_a", "teacher_a")),
    Case("transport:trips", allowed=SEE, forbidden=("teacher_a",)),
    Case("transport:trip-detail", allowed=SEE, forbidden=("teacher_a",), hidden=("officer_b",), setup=_trip()),
    Case("transport:trip-tap", allowed=TAP, forbidden=("driver_a", "teacher_a"), hidden=("officer_b",),
         method="post", setup=lambda w: _tap(w, "board")),
    Case("transport:trip-tap", allowed=TAP, forbidden=("driver_a",), hidden=("officer_b",), method="post",
         setup=lambda w: _tap(w, "alight", boarded=True), id="POST transport:trip-tap alight"),
    Case("transport:trip-close", allowed=TAP, forbidden=("driver_a", "teacher_a"), hidden=("officer_b",),
         method="post", setup=_trip()),
    Case("transport:vehicles", allowed=SEE, forbidden=("teacher_a",)),
    Case("transport:vehicle-new", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a")),
    Case("transport:vehicle-new", allowed=KEEP, forbidden=("escort_a",), method="post", id="POST vehicle-new",
         setup=lambda w: {"data": {**vehicle_data(w), "kind": "school_bus"}}),
    Case("transport:vehicle-detail", allowed=SEE, forbidden=("teacher_a",), hidden=("officer_b",), setup=_vehicle()),
    Case("transport:vehicle-action", allowed=KEEP, forbidden=("escort_a", "driver_a"), hidden=("officer_b",),
         method="post", setup=lambda w: _with(_vehicle({"insurance_expires": FUTURE})(w), action="insurance")),
    Case("transport:vehicle-action", allowed=KEEP, forbidden=("escort_a",), hidden=("officer_b",), method="post",
         id="POST vehicle-action inspect",
         setup=lambda w: _with(_vehicle({"inspected_on": "2026-01-05", "passed": "on", "expires": FUTURE})(w),
                               action="inspect")),
    Case("transport:drivers", allowed=SEE, forbidden=("teacher_a",)),
    Case("transport:driver-new", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a")),
    Case("transport:driver-detail", allowed=SEE, forbidden=("teacher_a",), hidden=("officer_b",), setup=_driver()),
    Case("transport:driver-licence", allowed=KEEP, forbidden=("escort_a", "driver_a"), hidden=("officer_b",),
         method="post", setup=_driver({"licence_expires": FUTURE})),
    Case("transport:routes", allowed=SEE, forbidden=("teacher_a",)),
    Case("transport:route-new", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a")),
    Case("transport:route-detail", allowed=SEE, forbidden=("teacher_a",), hidden=("officer_b",), setup=_route_pk()),
    Case("transport:route-riders", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a"),
         hidden=("officer_b",), setup=_route_pk(name="北线")),
    Case("transport:route-riders", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a"),
         hidden=("officer_b",), method="post", setup=_riders_of_first_class, id="POST transport:route-riders"),
    Case("transport:route-start", allowed=TAP, forbidden=("driver_a", "teacher_a"), hidden=("officer_b",),
         method="post", setup=_route_pk({"direction": "from_school"})),
    # API
    Case("vehicle-list", allowed=(*SEE, "officer_b"), forbidden=("teacher_a",)),
    Case("vehicle-list", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a"), method="post",
         setup=lambda w: {"data": vehicle_data(w)}),
    Case("vehicle-detail", allowed=SEE, forbidden=("teacher_a",), hidden=("officer_b",), setup=_vehicle()),
    Case("vehicle-inspections", allowed=KEEP, forbidden=("escort_a", "driver_a"), hidden=("officer_b",),
         method="post", setup=_vehicle({"inspected_on": "2026-01-05", "expires": FUTURE})),
    Case("vehicle-insurance", allowed=KEEP, forbidden=("escort_a", "driver_a"), hidden=("officer_b",),
         method="post", setup=_vehicle({"insurance_expires": FUTURE})),
    Case("driver-list", allowed=(*SEE, "officer_b"), forbidden=("teacher_a",)),
    Case("driver-list", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a"), method="post",
         setup=lambda w: {"data": driver_data(w)}),
    Case("driver-detail", allowed=SEE, forbidden=("teacher_a",), hidden=("officer_b",), setup=_driver()),
    Case("driver-licence", allowed=KEEP, forbidden=("escort_a", "driver_a"), hidden=("officer_b",), method="post",
         setup=_driver({"licence_expires": FUTURE})),
    Case("bus-route-list", allowed=(*SEE, "officer_b"), forbidden=("teacher_a",)),
    Case("bus-route-list", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a"), method="post",
         setup=_new_route),
    Case("bus-route-detail", allowed=SEE, forbidden=("teacher_a",), hidden=("officer_b",), setup=_route_pk()),
    Case("bus-route-riders", allowed=KEEP, forbidden=("escort_a", "driver_a", "teacher_a"), hidden=("officer_b",),
         method="post", setup=_new_riders),
    Case("trip-list", allowed=(*SEE, "officer_b"), forbidden=("teacher_a",)),
    Case("trip-list", allowed=TAP, forbidden=("driver_a", "teacher_a"), method="post", setup=_new_trip),
    Case("trip-detail", allowed=SEE, forbidden=("teacher_a",), hidden=("officer_b",), setup=_trip()),
    Case("trip-board", allowed=TAP, forbidden=("driver_a", "teacher_a"), hidden=("officer_b",), method="post",
         setup=_trip(_first)),
    Case("trip-alight", allowed=TAP, forbidden=("driver_a",), hidden=("officer_b",), method="post",
         setup=_trip(_first, boarded=True)),
    Case("trip-close", allowed=TAP, forbidden=("driver_a", "teacher_a"), hidden=("officer_b",), method="post",
         setup=_trip(lambda w, t: {})),
]


def _with(made: dict, **kwargs) -> dict:
    return {**made, "kwargs": {**made["kwargs"], **kwargs}}


def _tap(world, action: str, boarded: bool = False) -> dict:
    made = _trip(_first, boarded=boarded)(world)
    return _with(made, action=action)


test_matrix = matrix_test(CASES)

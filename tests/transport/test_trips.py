"""Trips: opening (seats, papers), the roll call (board, alight, double taps), closing with a child on board,
another school's trip, the head teacher's list of riders not boarded, the escort's phone pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.core.errors import Conflict
from safecampus.core.models import AuditEvent, Notification
from safecampus.transport.models import Driver, Trip, TripRider, Vehicle
from safecampus.transport.services import trips

from .helpers import new_trip, rider_ids, route


def _body(world, **kw):
    r = route()
    data = {"vehicle": r.vehicle.pk, "driver": r.driver.pk, "escort": world.user("escort_a").pk,
            "direction": "from_school", "riders": list(r.riders.values_list("student_id", flat=True))}
    data.update(kw)
    return data


def test_an_escort_opens_a_trip(world):
    response = world.api("escort_a").post("/api/v1/trips", _body(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "open" and body["id"] and len(body["riders"]) == 8
    assert {r["state"] for r in body["riders"]} == {"waiting"}


def test_more_riders_than_seats_is_a_400_and_nothing_is_written(world):
    from safecampus.org.models import Student

    pupils = list(Student.objects.filter(org_unit__path__startswith=world.school_a.path)
                  .values_list("pk", flat=True)[:20])
    small = route("北线")
    Trip.objects.filter(vehicle=small.vehicle, status="open").update(status="closed")
    before = (Trip.objects.count(), TripRider.objects.count())
    response = world.api("escort_a").post("/api/v1/trips", _body(world, vehicle=small.vehicle.pk, riders=pupils),
                                          format="json")
    assert response.status_code == 400 and "riders" in response.json()["fields"]
    assert (Trip.objects.count(), TripRider.objects.count()) == before


@pytest.mark.parametrize("paper", ["inspection_expires", "insurance_expires", "licence_expires"])
def test_lapsed_papers_are_a_409(world, paper):
    r = route()
    yesterday = timezone.localdate() - timedelta(days=1)
    model = Driver if paper == "licence_expires" else Vehicle
    model.objects.filter(pk=(r.driver if model is Driver else r.vehicle).pk).update(**{paper: yesterday})
    before = Trip.objects.count()
    response = world.api("escort_a").post("/api/v1/trips", _body(world), format="json")
    assert response.status_code == 409, response.content
    assert Trip.objects.count() == before


@pytest.mark.parametrize(("change", "field"), [
    ({"direction": "sideways"}, "direction"), ({"riders": []}, "riders"), ({"riders": ["x"]}, "riders"),
    ({"vehicle": 0}, "vehicle"), ({"driver": 2**63}, "driver"), ({"escort": None}, "escort"),
    ({"colour": "red"}, "colour"),
])
def test_bad_trip_input_is_a_400_naming_the_field(world, change, field):
    response = world.api("escort_a").post("/api/v1/trips", _body(world, **change), format="json")
    assert response.status_code == 400, response.content
    assert field in {k.split(".")[0] for k in response.json()["fields"]}


def test_another_school_s_vehicle_is_a_400(world):
    response = world.api("officer_b").post("/api/v1/trips", _body(world, escort=world.user("officer_b").pk),
                                           format="json")
    assert response.status_code == 400 and "vehicle" in response.json()["fields"]


def test_the_same_request_id_is_the_same_trip(world):
    api = world.api("escort_a")
    first = api.post("/api/v1/trips", _body(world, request_id="abc-1"), format="json")
    again = api.post("/api/v1/trips", _body(world, request_id="abc-1"), format="json")
    assert first.status_code == 201 and again.status_code == 200 and again.json()["id"] == first.json()["id"]


def test_a_second_trip_of_a_bus_under_way_is_a_409(world):
    new_trip(world)
    response = world.api("escort_a").post("/api/v1/trips", _body(world, direction="to_school"), format="json")
    assert response.status_code == 409 and "vehicle" in response.json()["fields"]


def test_board_alight_and_close(world):
    trip = new_trip(world)
    api = world.api("escort_a")
    for pk in rider_ids(trip):
        assert api.post(f"/api/v1/trips/{trip.pk}/board", {"student": pk}, format="json").status_code == 200
    for pk in rider_ids(trip):
        answer = api.post(f"/api/v1/trips/{trip.pk}/alight", {"student": pk}, format="json")
        assert answer.status_code == 200 and answer.json()["state"] == "alighted"
    closed = api.post(f"/api/v1/trips/{trip.pk}/close", {}, format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert api.post(f"/api/v1/trips/{trip.pk}/close", {}, format="json").status_code == 409
    assert api.post(f"/api/v1/trips/{trip.pk}/board", {"student": rider_ids(trip)[0]},
                    format="json").status_code == 409


def test_alighting_a_child_who_never_boarded_is_a_409(world):
    trip = new_trip(world)
    response = world.api("escort_a").post(f"/api/v1/trips/{trip.pk}/alight", {"student": rider_ids(trip)[0]},
                                          format="json")
    assert response.status_code == 409 and "student" in response.json()["fields"]
    assert not TripRider.objects.filter(trip=trip, alighted_at__isnull=False).exists()


def test_a_child_not_on_the_trip_is_a_400(world):
    from safecampus.org.models import Student

    trip = new_trip(world)
    other = Student.objects.filter(org_unit__path__startswith=world.school_a.path).exclude(
        pk__in=rider_ids(trip)).first()
    api = world.api("escort_a")
    for body in ({"student": other.pk}, {"student": "x"}, {}, {"student": -1}):
        response = api.post(f"/api/v1/trips/{trip.pk}/board", body, format="json")
        assert response.status_code == 400 and "student" in response.json()["fields"], body


def test_a_double_tap_is_one_record(world):
    trip = new_trip(world)
    child = trip.riders.select_related("student").first().student
    escort = world.user("escort_a")
    first = trips.board(trip, actor=escort, student=child)
    second = trips.board(trip, actor=world.user("escort_a2"), student=child)
    assert first.pk == second.pk and second.boarded_at == first.boarded_at
    assert second.boarded_by == escort
    assert AuditEvent.objects.filter(action="transport.boarded", object_id=str(trip.pk)).count() == 1
    trips.alight(trip, actor=escort, student=child)
    trips.alight(trip, actor=escort, student=child)
    assert AuditEvent.objects.filter(action="transport.alighted", object_id=str(trip.pk)).count() == 1


def test_close_with_a_child_on_board_is_refused_naming_the_child_and_tells_at_once(world):
    trip = new_trip(world)
    escort = world.user("escort_a")
    riders = list(trip.riders.select_related("student").order_by("id"))
    for r in riders:
        trips.board(trip, actor=escort, student=r.student)
    for r in riders[1:-1]:
        trips.alight(trip, actor=escort, student=r.student)
    Notification.objects.filter(kind="transport.left_on_board").delete()
    response = world.api("escort_a").post(f"/api/v1/trips/{trip.pk}/close", {}, format="json")
    assert response.status_code == 409
    body = response.json()
    left = sorted([riders[0].student.name, riders[-1].student.name])
    assert sorted(body["fields"]["on_board"]) == left
    assert all(name in body["detail"] for name in left)
    told = set(Notification.objects.filter(kind="transport.left_on_board").values_list("user__username", flat=True))
    assert told == {"escort_a", "driver_a", "officer_a"}
    trip.refresh_from_db()
    assert trip.status == "open"
    assert AuditEvent.objects.filter(action="transport.close_refused", object_id=str(trip.pk)).exists()
    for r in (riders[0], riders[-1]):
        trips.alight(trip, actor=escort, student=r.student)
    assert trips.close_trip(trip, actor=escort).status == "closed"


def test_a_stale_version_on_close_is_a_409(world):
    trip = new_trip(world)
    response = world.api("escort_a").post(f"/api/v1/trips/{trip.pk}/close", {"version": trip.version + 1},
                                          format="json")
    assert response.status_code == 409
    trip.refresh_from_db()
    assert trip.status == "open"


def test_a_trip_of_another_school_is_a_404(world):
    trip = new_trip(world)
    api = world.api("officer_b")
    pk = rider_ids(trip)[0]
    assert api.post(f"/api/v1/trips/{trip.pk}/board", {"student": pk}, format="json").status_code == 404
    assert api.post(f"/api/v1/trips/{trip.pk}/close", {}, format="json").status_code == 404
    assert api.get(f"/api/v1/trips/{trip.pk}").status_code == 404
    assert world.web("officer_b").get(f"/transport/trips/{trip.pk}/").status_code == 404
    assert not TripRider.objects.filter(trip=trip, boarded_at__isnull=False).exists()


def test_a_driver_or_head_teacher_may_not_tap(world):
    trip = new_trip(world)
    pk = rider_ids(trip)[0]
    assert world.api("driver_a").post(f"/api/v1/trips/{trip.pk}/board", {"student": pk},
                                      format="json").status_code == 403
    assert world.api("teacher_a").post(f"/api/v1/trips/{trip.pk}/board", {"student": pk},
                                       format="json").status_code in (403, 404)


def test_the_trip_list_filters(world):
    api = world.api("officer_a")
    closed = api.get(f"/api/v1/trips?status=closed&org_unit={world.school_a.pk}").json()
    assert closed["count"] >= 8 and {t["status"] for t in closed["results"]} == {"closed"}
    assert api.get("/api/v1/trips?status=nope").status_code == 400
    assert api.get("/api/v1/trips?date=yesterday").status_code == 400
    assert world.api("officer_b").get("/api/v1/trips").json()["count"] == 0


def test_the_head_teacher_sees_riders_expected_and_not_boarded(world):
    # The demo's morning trip of 北线 is under way with one rider of teacher_a's class not boarded.
    page = world.web("teacher_a").get("/").content.decode()
    assert "not-boarded-panel" in page
    waiting = TripRider.objects.filter(trip__date=timezone.localdate(), boarded_at__isnull=True,
                                       student__org_unit=world.class_a).select_related("student").first()
    assert waiting is not None and waiting.student.name in page
    assert "not-boarded-panel" not in world.web("teacher_b").get("/").content.decode()
    # The panel names the children without reading (and decrypting) their personal data.
    from safecampus.transport.selectors import not_boarded_for_head_teacher

    rows = not_boarded_for_head_teacher(world.user("teacher_a"))
    assert rows and all({"id_number", "health_notes"} <= r.student.get_deferred_fields() for r in rows)


def test_the_escort_s_roll_call_on_the_page(world):
    trip = new_trip(world)
    client = world.web("escort_a", language="zh-hans")
    page = client.get(f"/transport/trips/{trip.pk}/")
    assert page.status_code == 200 and "上车" in page.content.decode()
    riders = list(trip.riders.select_related("student").order_by("id"))
    for r in riders:
        assert client.post(f"/transport/trips/{trip.pk}/board/", {"student": r.student_id}).status_code == 302
    for r in riders[1:]:
        assert client.post(f"/transport/trips/{trip.pk}/alight/", {"student": r.student_id}).status_code == 302
    refused = client.post(f"/transport/trips/{trip.pk}/close/")
    assert refused.status_code == 409 and riders[0].student.name in refused.content.decode()
    client.post(f"/transport/trips/{trip.pk}/alight/", {"student": riders[0].student_id})
    assert client.post(f"/transport/trips/{trip.pk}/close/").status_code == 302
    trip.refresh_from_db()
    assert trip.status == "closed"
    never = client.post(f"/transport/trips/{trip.pk}/board/", {"student": "99999999999999999999"})
    assert never.status_code == 400


def test_starting_a_trip_from_the_route_page(world):
    client = world.web("escort_a")
    r = route()
    response = client.post(f"/transport/routes/{r.pk}/start/", {"direction": "to_school"})
    assert response.status_code == 302
    trip = Trip.objects.filter(route=r, status="open").get()
    assert response["Location"] == trip.get_absolute_url() and trip.riders.count() == 8
    # A second start of the same bus is refused with a message, nothing written.
    again = client.post(f"/transport/routes/{r.pk}/start/", {"direction": "from_school"}, follow=True)
    assert Trip.objects.filter(route=r, status="open").count() == 1 and "under way" in again.content.decode()


def test_today_page_lists_the_escort_s_trips_and_routes(world):
    page = world.web("escort_a2", language="zh-hans").get("/transport/")
    text = page.content.decode()
    assert page.status_code == 200 and "北线" in text and "南线" in text


def test_closing_twice_at_the_service_is_a_conflict(world):
    trip = new_trip(world)
    escort = world.user("escort_a")
    trips.close_trip(trip, actor=escort)
    with pytest.raises(Conflict):
        trips.close_trip(trip, actor=escort)

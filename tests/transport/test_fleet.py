"""Vehicles, drivers, routes, inspections: the policy numbers, bad input, evidence and expiry reminders."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.compliance.policies import set_policy
from safecampus.core.errors import InvalidInput
from safecampus.core.models import AuditEvent, Notification
from safecampus.transport.models import Driver, Route, Vehicle, VehicleInspection
from safecampus.transport.services import fleet

from .helpers import driver_data, evidence_done, route, vehicle_data, years_ago


def test_a_vehicle_is_added_with_its_papers(world):
    response = world.api("officer_a").post("/api/v1/vehicles", vehicle_data(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["plate"] == "湘H·T0001" and body["seats"] == 30 and body["kind"] == "school_bus"
    assert AuditEvent.objects.filter(action="transport.vehicle_added", object_id=str(body["id"])).exists()


def test_seats_default_to_the_capacity_policy_and_may_not_pass_it(world):
    api = world.api("officer_a")
    small = api.post("/api/v1/vehicles", vehicle_data(world, plate="湘H·K0001", seats=None, kind="kindergarten_bus"),
                     format="json")
    assert small.status_code == 201 and small.json()["seats"] == 45
    big = api.post("/api/v1/vehicles", vehicle_data(world, plate="湘H·K0002", seats=57), format="json")
    assert big.status_code == 400 and "seats" in big.json()["fields"]
    # The central school allows 60 seats for its school buses: the same bus is accepted.
    set_policy(world.central, "transport.capacity", {"kindergarten_bus_seats": 45, "school_bus_seats": 60},
               actor=world.user("central"), source="county rule")
    assert api.post("/api/v1/vehicles", vehicle_data(world, plate="湘H·K0002", seats=57),
                    format="json").status_code == 201


def test_the_same_plate_twice_at_a_school_is_a_400(world):
    api = world.api("officer_a")
    assert api.post("/api/v1/vehicles", vehicle_data(world), format="json").status_code == 201
    again = api.post("/api/v1/vehicles", vehicle_data(world), format="json")
    assert again.status_code == 400 and "plate" in again.json()["fields"]


@pytest.mark.parametrize(("change", "field"), [
    ({"birth_date": years_ago(24).isoformat()}, "birth_date"),
    ({"birth_date": years_ago(61, days=1).isoformat()}, "birth_date"),
    ({"licence_since": years_ago(2).isoformat()}, "licence_since"),
    ({"licence_since": (timezone.localdate() + timedelta(days=3)).isoformat()}, "licence_since"),
    ({"birth_date": "1980-02-30"}, "birth_date"),
    ({"name": ""}, "name"),
])
def test_a_driver_outside_the_policy_is_a_400_naming_the_field(world, change, field):
    before = Driver.objects.count()
    response = world.api("officer_a").post("/api/v1/drivers", driver_data(world, **change), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert Driver.objects.count() == before


def test_a_driver_inside_the_band_is_added(world):
    response = world.api("officer_a").post("/api/v1/drivers", driver_data(
        world, birth_date=years_ago(25).isoformat(), licence_since=years_ago(3).isoformat()), format="json")
    assert response.status_code == 201, response.content


def test_the_central_school_s_policy_changes_who_may_drive(world):
    officer = world.user("officer_a")
    older = {**driver_data(world, birth_date=years_ago(62).isoformat()), "org_unit": world.school_a}
    with pytest.raises(InvalidInput) as refused:
        fleet.create_driver(actor=officer, **older)
    assert "birth_date" in refused.value.fields
    set_policy(world.central, "transport.drivers", {"min_age": 25, "max_age": 65, "min_years_driving": 5},
               actor=world.user("central"), source="county rule")
    assert fleet.create_driver(actor=officer, **older).pk
    # ... and five years of driving are now needed: four are refused.
    newer = {**driver_data(world, licence_since=years_ago(4).isoformat()), "org_unit": world.school_a}
    with pytest.raises(InvalidInput) as short:
        fleet.create_driver(actor=officer, **newer)
    assert "licence_since" in short.value.fields
    # School B's central school is the same: the policy holds there too; a school's own unit is not asked.
    assert Driver.objects.filter(name="测试司机", org_unit=world.school_a).count() == 1


def test_a_route_with_more_riders_than_seats_is_a_400(world):
    from safecampus.org.models import Student

    bus = route("北线").vehicle  # 19 seats
    pupils = list(Student.objects.filter(org_unit__path__startswith=world.school_a.path).values_list("pk", flat=True))
    data = {"org_unit": world.school_a.pk, "name": "西线", "vehicle": bus.pk, "stops": ["西村"], "riders": pupils[:20]}
    api = world.api("officer_a")
    response = api.post("/api/v1/bus-routes", data, format="json")
    assert response.status_code == 400 and "riders" in response.json()["fields"]
    assert not Route.objects.filter(name="西线").exists()
    ok = api.post("/api/v1/bus-routes", {**data, "riders": pupils[:19]}, format="json")
    assert ok.status_code == 201 and len(ok.json()["riders"]) == 19 and ok.json()["stops"] == ["西村"]


def test_a_route_of_another_school_s_pupils_is_a_400(world):
    from safecampus.org.models import Student

    other = Student.objects.filter(org_unit__path__startswith=world.school_b.path).first()
    response = world.api("officer_a").post("/api/v1/bus-routes", {
        "org_unit": world.school_a.pk, "name": "错线", "riders": [other.pk]}, format="json")
    assert response.status_code == 400 and "riders" in response.json()["fields"]


def test_inspections_of_every_bus_are_the_school_bus_inspection_evidence(world):
    # The demo inspected both of School A's buses this semester: the duty is met by the records.
    assert evidence_done(world, world.school_a, "school-bus-inspection") >= 1
    bus = route().vehicle
    before = evidence_done(world, world.school_a, "school-bus-inspection")
    item = fleet.record_inspection(bus, actor=world.user("officer_a"), inspected_on=timezone.localdate(),
                                   expires=timezone.localdate() + timedelta(days=180))
    assert item.fleet_current and evidence_done(world, world.school_a, "school-bus-inspection") == before + 1
    # A failed inspection takes the bus off the road and proves nothing.
    failed = fleet.record_inspection(bus, actor=world.user("officer_a"), inspected_on=timezone.localdate(),
                                     passed=False, note="制动失灵")
    bus.refresh_from_db()
    assert not failed.fleet_current and bus.lapsed_papers(timezone.localdate()) == ["inspection_expires"]
    assert evidence_done(world, world.school_a, "school-bus-inspection") == before + 1


def test_an_inspection_needs_its_expiry_and_is_not_in_the_future(world):
    bus = route().vehicle
    api = world.api("officer_a")
    missing = api.post(f"/api/v1/vehicles/{bus.pk}/inspections", {"inspected_on": str(timezone.localdate())},
                       format="json")
    assert missing.status_code == 400 and "expires" in missing.json()["fields"]
    future = api.post(f"/api/v1/vehicles/{bus.pk}/inspections", {
        "inspected_on": str(timezone.localdate() + timedelta(days=2)),
        "expires": str(timezone.localdate() + timedelta(days=200))}, format="json")
    assert future.status_code == 400 and "inspected_on" in future.json()["fields"]
    assert not VehicleInspection.objects.filter(vehicle=bus, inspected_on__gt=timezone.localdate()).exists()


def test_expiries_within_30_days_are_reminders_once(world):
    from safecampus.transport.sweeps import send_expiry_reminders

    Notification.objects.filter(kind__startswith="transport.expiry").delete()
    soon = route("北线").vehicle    # insurance in 20 days in the demo
    later = route().vehicle         # papers months away
    send_expiry_reminders()
    officer = world.user("officer_a")
    notes = Notification.objects.filter(user=officer, kind="transport.expiry.insurance")
    assert notes.filter(url=soon.get_absolute_url()).count() == 1
    assert not Notification.objects.filter(url=later.get_absolute_url()).exists()
    # The driver whose licence lapses in 25 days; a second run tells nobody twice.
    assert Notification.objects.filter(user=officer, kind="transport.expiry.licence").count() == 1
    count = Notification.objects.filter(kind__startswith="transport.expiry").count()
    send_expiry_reminders()
    assert Notification.objects.filter(kind__startswith="transport.expiry").count() == count
    # A lead of 10 days (the central school's) would not have told of the insurance 20 days ahead.
    Notification.objects.filter(kind__startswith="transport.expiry").delete()
    set_policy(world.central, "transport.reminders", {"lead_days": 10}, actor=world.user("central"), source="x")
    send_expiry_reminders()
    assert not Notification.objects.filter(kind="transport.expiry.insurance").exists()


def test_expiring_papers_are_tasks_of_the_safety_officer(world):
    from safecampus.transport.evidence import collect

    items = list(collect(world.user("officer_a")))
    titles = " ".join(i.title for i in items)
    assert route("北线").vehicle.plate in titles and "魏师傅" in titles
    assert route().vehicle.plate not in titles
    assert list(collect(world.user("teacher_a"))) == []
    assert list(collect(world.user("officer_b"))) == []


def test_vehicle_form_errors_name_the_field(world):
    client = world.web("officer_a")
    response = client.post("/transport/vehicles/new/", {"org_unit": world.school_a.pk, "plate": "湘H·F1",
                                                       "kind": "kindergarten_bus", "seats": 46,
                                                       "inspection_expires": "2030-01-01",
                                                       "insurance_expires": "2030-01-01"})
    assert response.status_code == 400
    assert "seats" in response.context["form"].errors
    assert not Vehicle.objects.filter(plate="湘H·F1").exists()


def test_driver_form_in_chinese_names_the_rule(world):
    client = world.web("officer_a", language="zh-hans")
    response = client.post("/transport/drivers/new/", {**driver_data(world, birth_date=years_ago(20).isoformat())})
    assert response.status_code == 400
    assert "birth_date" in response.context["form"].errors
    assert "25" in response.content.decode()

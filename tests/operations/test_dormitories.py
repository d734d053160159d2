"""Dormitories: boarders, the night's bed check, absences told at once, guardians to call, the night list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from safecampus.core.models import Notification
from safecampus.operations.models import BedCheck, BedCheckEntry, Resident
from safecampus.operations.people import local_today
from safecampus.operations.services import dormitories as services
from safecampus.org.models import Student

pytestmark = pytest.mark.django_db


def _boarders(world):
    return list(Resident.objects.filter(org_unit=world.school_a, active=True).select_related("student__org_unit")
                .order_by("id"))


def _tonight(world):
    BedCheck.objects.filter(org_unit=world.school_a, date=local_today(world.school_a)).delete()


def test_the_demo_dormitory_has_boarders_of_teacher_as_class_and_a_week_of_checks(world):
    stays = _boarders(world)
    assert any(s.student.org_unit_id == world.class_a.pk for s in stays)
    today = local_today(world.school_a)
    nights = set(BedCheck.objects.filter(org_unit=world.school_a).values_list("date", flat=True))
    assert {today - timedelta(days=n) for n in range(1, 8)} <= nights
    assert BedCheckEntry.objects.filter(org_unit=world.school_a, status="absent").count() == 1


def test_an_absent_boarder_is_told_at_once_to_head_teacher_and_duty_leader(world):
    _tonight(world)
    stays = _boarders(world)
    absent = next(s for s in stays if s.student.org_unit_id == world.class_a.pk)
    leave = stays[-1]
    before = {u: Notification.objects.filter(user=world.user(u), kind="operations.boarder_absent").count()
              for u in ("teacher_a", "principal_a")}
    r = world.api("dorm_a").post("/api/v1/bed-checks", {"org_unit": world.school_a.pk, "absent": [absent.student_id],
                                                        "on_leave": [leave.student_id]}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["absent"] == 1 and body["on_leave"] == 1 and body["present"] == len(stays) - 2
    assert {a["student"]: a["status"] for a in body["absences"]} == {absent.student_id: "absent",
                                                                     leave.student_id: "on_leave"}
    # teacher_a heads the class; principal_a leads the duty today (the demo roster).
    for user, count in before.items():
        assert Notification.objects.filter(user=world.user(user), kind="operations.boarder_absent").count() == count + 1
    # Sent again (a double tap, or a correction that keeps the absence): one record, nobody told twice.
    again = world.api("dorm_a").post("/api/v1/bed-checks", {"org_unit": world.school_a.pk,
                                                            "absent": [absent.student_id]}, format="json")
    assert again.status_code == 201 and again.json()["id"] == body["id"] and again.json()["on_leave"] == 0
    assert Notification.objects.filter(user=world.user("teacher_a"), kind="operations.boarder_absent").count() == \
        before["teacher_a"] + 1
    # The night's page lists the guardians and their phones for the call.
    page = world.web("dorm_a").get(f"/operations/dormitory/checks/{body['id']}/").content.decode()
    guardian = Student.objects.get(pk=absent.student_id).guardians.first()
    assert guardian.name in page and f"tel:{guardian.phone}" in page
    # The night list of the API, and the absences by night.
    nights = world.api("teacher_a").get(f"/api/v1/bed-checks?date={local_today(world.school_a)}").json()
    rows = nights["results"] if isinstance(nights, dict) else nights
    assert [c["id"] for c in rows] == [body["id"]]
    listing = world.web("officer_a").get("/operations/dormitory/absences/").content.decode()
    assert absent.student.name in listing


def test_bad_bed_checks(world):
    _tonight(world)
    api = world.api("dorm_a")
    day_pupil = Student.objects.filter(org_unit=world.class_a).exclude(dorm_stays__active=True).first()
    r = api.post("/api/v1/bed-checks", {"org_unit": world.school_a.pk, "absent": [day_pupil.pk]}, format="json")
    assert r.status_code == 400 and "absent" in r.json()["fields"]
    stay = _boarders(world)[0]
    for body, field in [({"org_unit": world.school_a.pk, "absent": ["x"]}, "absent"),
                        ({"org_unit": world.school_a.pk, "absent": [stay.student_id],
                          "on_leave": [stay.student_id]}, "on_leave"),
                        ({"org_unit": world.school_a.pk, "date": "2999-01-01"}, "date"),
                        ({"org_unit": world.school_a.pk, "date": "yesterday"}, "date"),
                        ({"absent": []}, "org_unit")]:
        r = api.post("/api/v1/bed-checks", body, format="json")
        assert r.status_code == 400 and any(k.startswith(field) for k in r.json()["fields"]), (body, r.content)
    assert not BedCheck.objects.filter(org_unit=world.school_a, date=local_today(world.school_a)).exists()
    # Another school's unit is not in the dormitory manager's scope.
    r = api.post("/api/v1/bed-checks", {"org_unit": world.school_b.pk}, format="json")
    assert r.status_code in (400, 404)


def test_moving_in_and_out(world):
    from safecampus.operations.models import DormBed

    api = world.api("dorm_a")
    free = DormBed.objects.filter(org_unit=world.school_a).exclude(stays__active=True).first()
    pupil = Student.objects.filter(org_unit=world.class_a).exclude(dorm_stays__active=True).first()
    r = api.post("/api/v1/dormitory-residents", {"student": pupil.pk, "bed": free.pk}, format="json")
    assert r.status_code == 201 and r.json()["room"] == free.room_id
    taken = Student.objects.filter(org_unit=world.class_a).exclude(dorm_stays__active=True).first()
    r = api.post("/api/v1/dormitory-residents", {"student": taken.pk, "bed": free.pk}, format="json")
    assert r.status_code == 400 and "bed" in r.json()["fields"]
    listed = world.api("teacher_a").get(f"/api/v1/dormitory-residents?org_unit={world.school_a.pk}").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {"id", "student", "room"} <= set(rows[0]) and pupil.pk in {row["student"] for row in rows}
    stay = Resident.objects.get(student=pupil, active=True)
    web = world.web("dorm_a")
    assert web.post(f"/operations/dormitory/boarders/{stay.pk}/out/", {"version": stay.version}).status_code == 302
    assert not Resident.objects.filter(student=pupil, active=True).exists()


def test_the_night_list_has_a_fixed_number_of_queries(world, django_assert_num_queries):
    from safecampus.operations.models import DormBed

    night = local_today(world.school_a)
    with django_assert_num_queries(2):
        few = services.night_rows(world.school_a, night)
    room = services.add_room(actor=world.user("dorm_a"), org_unit=world.school_a, building="B", name="201", beds=8)
    pupils = Student.objects.filter(org_unit__path__startswith=world.school_a.path, org_unit__kind="class").exclude(
        dorm_stays__active=True)[:8]
    for pupil, bed in zip(pupils, DormBed.objects.filter(room=room), strict=False):
        services.move_in(actor=world.user("dorm_a"), student=pupil, bed=bed)
    with django_assert_num_queries(2):
        more = services.night_rows(world.school_a, night)
    assert len(more) > len(few)
    web = world.web("dorm_a")
    web.get("/operations/dormitory/check/")  # warm the session and the caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as page:
        assert web.get("/operations/dormitory/check/").status_code == 200
    services.add_room(actor=world.user("dorm_a"), org_unit=world.school_a, building="B", name="202", beds=2)
    extra = Student.objects.filter(org_unit__path__startswith=world.school_a.path, org_unit__kind="class").exclude(
        dorm_stays__active=True)[:2]
    for pupil, bed in zip(extra, DormBed.objects.filter(room__name="202", org_unit=world.school_a), strict=False):
        services.move_in(actor=world.user("dorm_a"), student=pupil, bed=bed)
    with CaptureQueriesContext(connection) as again:
        web.get("/operations/dormitory/check/")
    assert len(again) == len(page)


def test_the_bed_check_page_in_chinese(world):
    _tonight(world)
    web = world.web("dorm_a", "zh-hans")
    page = web.get("/operations/dormitory/check/").content.decode()
    assert "查寝" in page and "未归" in page and "请假" in page and "on_leave" not in page.split("<form")[0]
    stays = _boarders(world)
    data = {"school": world.school_a.pk, f"s{stays[0].student_id}": "absent"}
    r = web.post("/operations/dormitory/check/", data)
    assert r.status_code == 302
    detail = web.get(r["Location"]).content.decode()
    assert stays[0].student.name in detail and "未归" in detail
    school_page = web.get(f"/org/units/{world.school_a.pk}/").content.decode()
    assert "查寝" in school_page

"""Pick-up: authorised adults, hand-overs, refusals told at once, the class list, the end of pick-up time."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safecampus.core.models import Notification
from safecampus.operations.models import Pickup, PickupAuthorisation
from safecampus.operations.people import at_local, local_today
from safecampus.operations.services import pickup as services
from safecampus.org.models import Student

pytestmark = pytest.mark.django_db


def _waiting_pupil(world, klass=None):
    klass = klass or world.class_a
    handed = Pickup.objects.filter(org_unit=klass, date=local_today(klass), status="handed_over").values("student")
    return Student.objects.filter(org_unit=klass).exclude(pk__in=handed).order_by("id").first()


def test_an_authorised_adult_takes_the_child_and_a_second_hand_over_is_the_same(world):
    pupil = _waiting_pupil(world)
    api = world.api("teacher_a")
    made = api.post("/api/v1/pickup-authorisations", {"student": pupil.pk, "name": "外公", "relation": "外公",
                                                       "phone": "13500000000"}, format="json")
    assert made.status_code == 201, made.content
    auth = made.json()["id"]
    first = world.api("guard_a").post("/api/v1/pickups", {"student": pupil.pk, "authorisation": auth}, format="json")
    assert first.status_code == 201 and first.json()["status"] == "handed_over" and first.json()["at"]
    again = world.api("guard_a").post("/api/v1/pickups", {"student": pupil.pk, "authorisation": auth},
                                      format="json")
    assert again.json()["id"] == first.json()["id"]
    rows = world.api("teacher_a").get(f"/api/v1/pickups?org_unit={world.class_a.pk}").json()
    mine = next(r for r in rows if r["student"] == pupil.pk)
    assert mine["status"] == "handed_over" and mine["collector"] == "外公"
    assert any(r["status"] == "not_yet" for r in rows)


def test_a_stranger_is_refused_and_the_head_teacher_and_safety_officer_are_told_at_once(world):
    pupil = _waiting_pupil(world)
    before = {u: Notification.objects.filter(user=world.user(u), kind="operations.pickup_refused").count()
              for u in ("teacher_a", "officer_a")}
    response = world.api("guard_a").post("/api/v1/pickups", {"student": pupil.pk, "collector_name": "陌生人",
                                                              "relation": "叔叔"}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "refused"
    for user, count in before.items():
        assert Notification.objects.filter(user=world.user(user), kind="operations.pickup_refused").count() == count + 1
    # An adult authorised for another child is no authorisation for this one.
    other = Student.objects.filter(org_unit=world.class_a).exclude(pk=pupil.pk).first()
    foreign = PickupAuthorisation.objects.create(org_unit=world.class_a, student=other, name="X", relation="Y")
    refused = world.api("guard_a").post("/api/v1/pickups", {"student": pupil.pk, "authorisation": foreign.pk},
                                        format="json")
    assert refused.json()["status"] == "refused"


def test_bad_hand_overs(world):
    api = world.api("guard_a")
    pupil_b = Student.objects.filter(org_unit__path__startswith=world.school_b.path).first()
    count = Pickup.objects.count()
    assert api.post("/api/v1/pickups", {"student": pupil_b.pk, "collector_name": "x"}, format="json").status_code == 404
    pupil = _waiting_pupil(world)
    missing = api.post("/api/v1/pickups", {"student": pupil.pk}, format="json")
    assert missing.status_code == 400 and "collector_name" in missing.json()["fields"]
    assert api.post("/api/v1/pickups", {"student": "abc"}, format="json").status_code == 400
    assert Pickup.objects.count() == count
    assert api.get("/api/v1/pickups").status_code == 400
    assert api.get(f"/api/v1/pickups?org_unit={world.school_a.pk}").status_code == 400


def test_not_yet_handed_over_at_the_end_of_pick_up_time_goes_to_the_duty_leader_once(world):
    klass = world.class_a
    school = world.school_a
    assert _waiting_pupil(world) is not None
    early = at_local(school, local_today(school), 15)
    late = at_local(school, local_today(school), 17, 45)
    assert services.sweep_not_handed_over(early) == 0
    assert services.sweep_not_handed_over(late) >= 1
    note = Notification.objects.filter(user=world.user("principal_a"), kind="operations.pickup_waiting").get()
    assert klass.name in note.title_en or str(klass) in note.title
    # The next minutes' sweeps neither tell again nor read the told classes' pupils again.
    with CaptureQueriesContext(connection) as queries:
        assert services.sweep_not_handed_over(late) == 0
    assert not [q for q in queries.captured_queries if 'FROM "org_student"' in q["sql"]]
    assert len(queries) <= 5


def test_head_teacher_home_shows_the_class_list_and_the_gate_hands_over_on_the_phone(world):
    pupil = _waiting_pupil(world)
    home = world.web("teacher_a", "zh-hans").get("/").content.decode()
    assert "今日接送" in home and pupil.name in home
    web = world.web("guard_a", "zh-hans")
    page = web.get(f"/operations/pickup/children/{pupil.pk}/").content.decode()
    assert "拒绝" in page
    guardian = pupil.guardians.first()
    done = web.post(f"/operations/pickup/children/{pupil.pk}/", {"adult": f"g{guardian.pk}"})
    assert done.status_code == 302
    assert Pickup.objects.filter(student=pupil, status="handed_over").exists()
    other = _waiting_pupil(world)
    bad = web.post(f"/operations/pickup/children/{other.pk}/", {"collector_name": ""})
    assert bad.status_code == 400
    refused = web.post(f"/operations/pickup/children/{other.pk}/", {"collector_name": "陌生人", "relation": "邻居"})
    assert refused.status_code == 302
    pupil_b = Student.objects.filter(org_unit__path__startswith=world.school_b.path).first()
    assert web.get(f"/operations/pickup/children/{pupil_b.pk}/").status_code == 404


def test_the_class_list_has_a_fixed_number_of_queries(world, django_assert_num_queries):
    from safecampus.operations.services.pickup import class_list

    klass = world.class_a
    day = local_today(klass)
    with django_assert_num_queries(2):
        rows = class_list(klass, day)
    assert len(rows) == Student.objects.filter(org_unit=world.class_a).count()


def test_the_class_list_reads_no_pupils_personal_data(world):
    rows = services.class_list(world.class_a, local_today(world.school_a))
    assert rows
    assert all({"id_number", "health_notes"} <= r["student"].get_deferred_fields() for r in rows)

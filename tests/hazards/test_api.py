"""CONTRACT.md, Hazards: paths, fields, statuses, actions, errors, query budget."""

from __future__ import annotations

import pytest

from safecampus.core.testing.queries import exact_queries
from safecampus.hazards.models import Hazard

from .helpers import make

pytestmark = pytest.mark.django_db

DETAIL = {"id", "org_unit", "title", "level", "status", "assignee", "deadline", "overdue", "escalated",
          "allowed_actions", "version"}


def test_report_then_the_whole_loop_over_the_api(world):
    teacher, officer, principal = world.api("teacher_a"), world.api("officer_a"), world.api("principal_a")
    r = teacher.post("/api/v1/hazards", {"org_unit": world.school_a.pk, "title": "Broken window", "category":
                                         "building", "level": "general", "location": "Room 3",
                                         "description": "Glass cracked"}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "reported" and set(body) >= DETAIL
    assert body["escalated"] is False and body["overdue"] is False and body["allowed_actions"] == []
    hid = body["id"]
    detail = officer.get(f"/api/v1/hazards/{hid}").json()
    assert detail["allowed_actions"] == ["assign"]
    r = officer.post(f"/api/v1/hazards/{hid}/assign", {"assignee": world.user("principal_a").pk,
                                                        "deadline": "2099-12-31", "version": detail["version"]},
                     format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "assigned" and r.json()["deadline"] == "2099-12-31"
    assert r.json()["assignee"] == world.user("principal_a").pk
    r = principal.post(f"/api/v1/hazards/{hid}/rectify", {"note": "Replaced the glass"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "awaiting_verification"
    assert principal.post(f"/api/v1/hazards/{hid}/verify", {"note": "self"}, format="json").status_code == 403
    r = officer.post(f"/api/v1/hazards/{hid}/reject", {"note": "Frame still loose"}, format="json")
    assert r.json()["status"] == "assigned"
    principal.post(f"/api/v1/hazards/{hid}/rectify", {"note": "Frame fixed"}, format="json")
    r = officer.post(f"/api/v1/hazards/{hid}/verify", {"note": "OK"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert officer.post(f"/api/v1/hazards/{hid}/reject", {"note": "x"}, format="json").status_code == 409
    events = officer.get(f"/api/v1/audit-events?object_type=hazards.hazard&object_id={hid}").json()["results"]
    assert [e["action"] for e in events] == ["hazards.reported", "hazards.assigned", "hazards.rectified",
                                             "hazards.rejected", "hazards.rectified", "hazards.verified"]


def test_major_hazard_is_escalated_and_seen_by_the_authority(world):
    r = world.api("teacher_a").post("/api/v1/hazards", {"org_unit": world.school_a.pk, "title": "Wall cracking",
                                                        "category": "building", "level": "major"}, format="json")
    assert r.status_code == 201 and r.json()["escalated"] is True
    seen = world.api("authority").get(f"/api/v1/hazards?level=major&status=reported&org_unit={world.school_a.pk}")
    assert r.json()["id"] in [h["id"] for h in seen.json()["results"]]


def test_filters_and_scope(world):
    a = make(world, title="in a")
    b = make(world, school="school_b", title="in b")
    ids = {h["id"] for h in world.api("central").get(
        f"/api/v1/hazards?org_unit={world.school_a.pk}&page_size=200").json()["results"]}
    assert a.pk in ids and b.pk not in ids
    ids = {h["id"] for h in world.api("officer_a").get("/api/v1/hazards?page_size=200").json()["results"]}
    assert a.pk in ids and b.pk not in ids
    assert world.api("officer_a").get(f"/api/v1/hazards/{b.pk}").status_code == 404
    statuses = {h["status"] for h in world.api("central").get("/api/v1/hazards?status=reported").json()["results"]}
    assert statuses == {"reported"}
    assert world.api("central").get("/api/v1/hazards?status=bogus").status_code == 400


@pytest.mark.parametrize(("body", "field"), [
    ({"title": "x", "category": "fire", "level": "general"}, "org_unit"),
    ({"org_unit": "SA", "category": "fire", "level": "general"}, "title"),
    ({"org_unit": "SA", "title": "x", "category": "lava", "level": "general"}, "category"),
    ({"org_unit": "SA", "title": "x", "category": "fire", "level": "catastrophic"}, "level"),
    ({"org_unit": "SB", "title": "x", "category": "fire", "level": "general"}, "org_unit"),
    ({"org_unit": "SA", "title": "x", "category": "fire", "level": "general", "colour": "red"}, "colour"),
    ({"org_unit": "C", "title": "x", "category": "fire", "level": "general"}, "org_unit"),
])
def test_bad_input_is_400_naming_the_field(world, body, field):
    units = {"SA": world.school_a.pk, "SB": world.school_b.pk, "C": world.central.pk}
    body = {k: units.get(v, v) if k == "org_unit" else v for k, v in body.items()}
    client = world.api("officer_a") if body.get("org_unit") != world.central.pk else world.api("central")
    before = Hazard.objects.count()
    r = client.post("/api/v1/hazards", body, format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()["fields"]
    assert Hazard.objects.count() == before


def test_action_errors(world):
    officer = world.api("officer_a")
    hazard = make(world)
    url = f"/api/v1/hazards/{hazard.pk}"
    r = officer.post(f"{url}/assign", {"assignee": world.user("officer_b").pk}, format="json")
    assert r.status_code == 400 and "assignee" in r.json()["fields"]
    r = officer.post(f"{url}/assign", {"assignee": world.user("principal_a").pk, "deadline": "2000-01-01"},
                     format="json")
    assert r.status_code == 400 and "deadline" in r.json()["fields"]
    r = officer.post(f"{url}/assign", {"assignee": world.user("principal_a").pk, "deadline": "soon"}, format="json")
    assert r.status_code == 400 and "deadline" in r.json()["fields"]
    r = officer.post(f"{url}/assign", {"assignee": world.user("principal_a").pk, "version": 99}, format="json")
    assert r.status_code == 409
    r = officer.post(f"{url}/verify", {"note": "x"}, format="json")
    assert r.status_code == 409
    r = world.api("principal_a").post(f"{url}/rectify", {}, format="json")
    assert r.status_code == 400 and "note" in r.json()["fields"]
    for method in ("put", "patch", "delete"):
        assert getattr(officer, method)(url, {}, format="json").status_code == 405


def test_double_submit_with_request_id_creates_one(world):
    body = {"org_unit": world.school_a.pk, "title": "Once", "category": "fire", "level": "general",
            "request_id": "abc-123"}
    client = world.api("teacher_a")
    first = client.post("/api/v1/hazards", body, format="json")
    second = client.post("/api/v1/hazards", body, format="json")
    # The repeat creates nothing: 200 with the first hazard, as incidents and notices answer.
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]


def test_a_request_id_reused_for_another_hazard_is_409(world):
    client = world.api("teacher_a")
    body = {"org_unit": world.school_a.pk, "title": "Once", "category": "fire", "level": "general",
            "request_id": "reuse-1"}
    assert client.post("/api/v1/hazards", body, format="json").status_code == 201
    other = client.post("/api/v1/hazards", {**body, "title": "Something else"}, format="json")
    assert other.status_code == 409 and "request_id" in other.json()["fields"]
    assert Hazard.objects.filter(request_id="reuse-1").count() == 1


def test_commitments_and_contacts(world):
    officer = world.api("officer_a")
    major = make(world, level="major", title="Major one")
    r = officer.post(f"/api/v1/hazards/{major.pk}/commitments", {"measures": "m"}, format="json")
    assert r.status_code == 400 and {"person", "funds", "deadline", "contingency"} <= set(r.json()["fields"])
    r = officer.post(f"/api/v1/hazards/{major.pk}/commitments", {"measures": "m", "person": "p", "funds": "f",
                                                                 "deadline": "2099-01-01", "contingency": "c"},
                     format="json")
    assert r.status_code == 200 and r.json()["commitments"]["person"] == "p"
    outside = make(world, category="surroundings", title="Internet cafe near gate")
    r = officer.post(f"/api/v1/hazards/{outside.pk}/contacts", {"department": "Culture bureau",
                                                                "summary": "Inspection next week"}, format="json")
    assert r.status_code == 201
    listed = world.api("central").get(f"/api/v1/hazards/{outside.pk}/contacts").json()
    assert [c["department"] for c in listed] == ["Culture bureau"]
    assert world.api("central").get(f"/api/v1/hazards/{outside.pk}").json()["outside_department"] == "Culture bureau"


def test_list_query_count_does_not_grow_with_rows(world):
    client = world.api("central")
    client.get("/api/v1/hazards")  # warm caches (content types, ...)
    with exact_queries(4):
        first = client.get("/api/v1/hazards?page_size=200")
    for i in range(5):
        make(world, "assigned", title=f"more {i}")
    with exact_queries(4):
        second = client.get("/api/v1/hazards?page_size=200")
    assert second.json()["count"] == first.json()["count"] + 5


def test_photos_over_multipart(world):
    from .helpers import png

    r = world.api("teacher_a").post("/api/v1/hazards", {"org_unit": world.school_a.pk, "title": "With photo",
                                                        "category": "fire", "level": "general",
                                                        "photos": [png("a.png"), png("b.png")]}, format="multipart")
    assert r.status_code == 201, r.content
    assert [p["purpose"] for p in r.json()["photos"]] == ["report", "report"]
    hid = r.json()["id"]
    world.api("officer_a").post(f"/api/v1/hazards/{hid}/assign", {"assignee": world.user("principal_a").pk},
                                format="json")
    r = world.api("principal_a").post(f"/api/v1/hazards/{hid}/rectify", {"note": "done", "photos": [png()]},
                                      format="multipart")
    assert r.status_code == 200 and [p["purpose"] for p in r.json()["photos"]] == ["report", "report",
                                                                                     "rectification"]
    photo = world.api("central").get(f"/api/v1/hazards/{hid}").json()["photos"][0]
    assert world.web("central").get(photo["url"]).status_code == 200
    assert world.web("officer_b").get(photo["url"]).status_code == 404
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = world.api("teacher_a").post("/api/v1/hazards", {"org_unit": world.school_a.pk, "title": "Bad photo",
                                                        "category": "fire", "level": "general",
                                                        "photos": [SimpleUploadedFile("x.png", b"nope")]},
                                    format="multipart")
    assert r.status_code == 400 and "photos" in r.json()["fields"]


def test_the_answer_to_a_report_is_its_detail_as_read_back(world):
    """The answer is written from the service's hazard, not read back: it must be what a read gives."""
    from .helpers import png

    officer = world.api("officer_a")
    bodies = [({"org_unit": world.school_a.pk, "title": "Loose rail", "category": "building", "level": "general"},
               "json"),
              ({"org_unit": world.class_a.pk, "title": "  Wall cracking ", "category": "Structure", "level": "major",
                "responsible_unit": world.class_a.pk, "location": "Block B", "description": "Wide crack",
                "source_ref": "R-7", "request_id": "answer-1"}, "json"),
              ({"org_unit": world.school_a.pk, "title": "With photo", "category": "fire", "level": "general",
                "photos": [png("a.png")]}, "multipart")]
    for body, form in bodies:
        r = officer.post("/api/v1/hazards", body, format=form)
        assert r.status_code == 201, r.content
        assert r.json() == officer.get(f"/api/v1/hazards/{r.json()['id']}").json()
    assert len(r.json()["photos"]) == 1


def test_a_request_id_used_before_answers_first_whatever_else_the_repeat_would_be_told(world):
    open_one = make(world, title="still open")
    client = world.api("teacher_a")
    body = {"org_unit": world.school_a.pk, "title": "Once", "category": "fire", "level": "general",
            "request_id": "reuse-2"}
    first = client.post("/api/v1/hazards", body, format="json")
    # A new report naming an open hazard as the one it repeats is a 400 ...
    refused = client.post("/api/v1/hazards", {**body, "request_id": "other", "recurrence_of": open_one.pk},
                          format="json")
    assert refused.status_code == 400 and "recurrence_of" in refused.json()["fields"]
    # ... but the request_id is looked at first: the same report again is the first answer, another is a 409.
    again = client.post("/api/v1/hazards", {**body, "recurrence_of": open_one.pk}, format="json")
    assert (first.status_code, again.status_code) == (201, 200) and again.json() == first.json()
    other = client.post("/api/v1/hazards", {**body, "title": "Else", "recurrence_of": open_one.pk}, format="json")
    assert other.status_code == 409 and "request_id" in other.json()["fields"]
    assert Hazard.objects.filter(request_id__in=["reuse-2", "other"]).count() == 1


def test_a_report_runs_a_fixed_number_of_queries(world):
    client = world.api("teacher_a")
    body = {"org_unit": world.school_a.pk, "category": "fire", "level": "general"}
    client.post("/api/v1/hazards", {**body, "title": "warm"}, format="json")
    # token, grants, the unit; the hazard (in a savepoint), the stored statuses of the rules counting
    # hazards marked stale (compliance.stored), the audit chain's head, event and head again, the
    # school's leaders, their notifications; no lookup of the request_id, no read back of the hazard.
    with exact_queries(14):
        r = client.post("/api/v1/hazards", {**body, "title": "counted", "request_id": "q-1"}, format="json")
    assert r.status_code == 201

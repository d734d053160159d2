"""Large activities: the approver level, permit and lateness from the policy; only the required level decides."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.compliance.policies import set_policy
from safecampus.operations.models import Activity

pytestmark = pytest.mark.django_db


def _body(world, days=30, people=120, off_campus=False, **kw):
    start = timezone.now() + timedelta(days=days)
    data = {"org_unit": world.school_a.pk, "title": "Outing", "starts_at": start.isoformat(), "place": "Park",
            "off_campus": off_campus, "expected_people": people, "safety_plan": "Head counts at every stop."}
    data.update(kw)
    return data


def test_the_level_permit_and_lateness_come_from_the_policy(world):
    api = world.api("officer_a")
    small = api.post("/api/v1/activities", _body(world), format="json")
    assert small.status_code == 201, small.content
    assert {k: small.json()[k] for k in ("status", "approver_level", "permit_required", "late_application")} == {
        "status": "submitted", "approver_level": "school", "permit_required": False, "late_application": False}
    outing = api.post("/api/v1/activities", _body(world, off_campus=True), format="json").json()
    assert outing["approver_level"] == "central" and not outing["permit_required"]
    big = api.post("/api/v1/activities", _body(world, days=10, people=1500), format="json").json()
    assert big["approver_level"] == "authority" and big["permit_required"] and big["late_application"]
    early = api.post("/api/v1/activities", _body(world, days=25, people=1000), format="json").json()
    assert early["permit_required"] and not early["late_application"]
    assert api.post("/api/v1/activities", _body(world, teachers_per_class=1), format="json").json()["fields"][
        "teachers_per_class"]
    lower = api.post("/api/v1/activities", _body(world, lower_grades=True, teachers_per_class=2), format="json")
    assert lower.status_code == 400 and "teachers_per_class" in lower.json()["fields"]


def test_a_policy_change_by_the_central_school_changes_the_outcome(world):
    api = world.api("officer_a")
    before = api.post("/api/v1/activities", _body(world, days=25, people=600), format="json").json()
    assert not before["permit_required"] and before["approver_level"] == "school"
    set_policy(world.central, "operations.activities", {"permit_people": 500, "permit_lead_days": 30,
                                                        "authority_people": 500},
               actor=world.user("central"), source="县公安局要求：500人以上报批")
    after = api.post("/api/v1/activities", _body(world, days=25, people=600), format="json").json()
    assert after["permit_required"] and after["late_application"] and after["approver_level"] == "authority"
    set_policy(world.central, "operations.activities", {"central_off_campus": 0, "teachers_per_class": 3},
               actor=world.user("central"))
    outing = api.post("/api/v1/activities", _body(world, off_campus=True, teachers_per_class=2), format="json")
    assert outing.status_code == 400 and "teachers_per_class" in outing.json()["fields"]
    outing = api.post("/api/v1/activities", _body(world, off_campus=True), format="json").json()
    assert outing["approver_level"] == "school" and outing["teachers_per_class"] == 3


@pytest.mark.parametrize(("people", "off_campus", "decider", "others"), [
    (100, False, "principal_a", ("central", "authority", "principal_b")),
    (100, True, "central", ("principal_a", "authority")),
    (1200, False, "authority", ("principal_a", "central")),
])
def test_only_the_required_level_decides(world, people, off_campus, decider, others):
    made = world.api("officer_a").post("/api/v1/activities", _body(world, people=people, off_campus=off_campus),
                                       format="json").json()
    for who in others:
        r = world.api(who).post(f"/api/v1/activities/{made['id']}/approve", {"note": ""}, format="json")
        assert r.status_code in (403, 404), (who, r.status_code)
        r = world.api(who).post(f"/api/v1/activities/{made['id']}/reject", {"note": "no"}, format="json")
        assert r.status_code in (403, 404), (who, r.status_code)
    assert world.api("principal_b").post(f"/api/v1/activities/{made['id']}/approve", {}, format="json"
                                         ).status_code == 404
    r = world.api(decider).post(f"/api/v1/activities/{made['id']}/approve", {"note": "ok"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "approved"
    again = world.api(decider).post(f"/api/v1/activities/{made['id']}/reject", {"note": "no"}, format="json")
    assert again.status_code == 409


def test_a_rejection_needs_a_note_and_a_stale_version_is_409(world):
    made = world.api("officer_a").post("/api/v1/activities", _body(world), format="json").json()
    r = world.api("principal_a").post(f"/api/v1/activities/{made['id']}/reject", {"note": ""}, format="json")
    assert r.status_code == 400 and "note" in r.json()["fields"]
    r = world.api("principal_a").post(f"/api/v1/activities/{made['id']}/reject", {"note": "x", "version": 99},
                                      format="json")
    assert r.status_code == 409
    assert Activity.objects.get(pk=made["id"]).status == "submitted"


def test_bad_applications(world):
    api = world.api("officer_a")
    count = Activity.objects.count()
    start = timezone.now() + timedelta(days=5)
    for body, field in [
        (_body(world, ends_at=(start - timedelta(hours=1)).isoformat(), starts_at=start.isoformat()), "ends_at"),
        (_body(world, starts_at="soon"), "starts_at"),
        (_body(world, days=-2), "starts_at"),
        (_body(world, expected_people=0), "expected_people"),
        (_body(world, safety_plan=""), "safety_plan"),
        (_body(world, title=""), "title"),
    ]:
        r = api.post("/api/v1/activities", body, format="json")
        assert r.status_code == 400 and field in r.json()["fields"], (field, r.content)
    assert world.api("officer_a").post("/api/v1/activities", {**_body(world), "org_unit": world.school_b.pk},
                                       format="json").status_code == 400
    assert Activity.objects.count() == count
    once = _body(world, request_id="abc-1")
    assert api.post("/api/v1/activities", once, format="json").json()["id"] == \
        api.post("/api/v1/activities", once, format="json").json()["id"]


def test_approved_activities_are_on_the_calendar_and_pending_ones_in_the_approvers_tasks(world):
    demo = Activity.objects.get(org_unit=world.school_a, status="approved")
    month = timezone.localtime(demo.starts_at).strftime("%Y-%m")
    page = world.web("officer_a").get(f"/compliance/calendar/?month={month}").content.decode()
    assert demo.title in page
    pending = Activity.objects.get(org_unit=world.school_a, status="submitted")
    assert pending.approver_level == "central"
    tasks = world.web("central").get("/compliance/tasks/").content.decode()
    assert pending.title in tasks
    assert pending.title not in world.web("principal_a").get("/compliance/tasks/").content.decode()


def test_the_pages_in_chinese(world):
    web = world.web("principal_a", "zh-hans")
    form = web.get("/operations/activities/new/").content.decode()
    assert "大型活动" in form and "公安" in form
    made = world.api("officer_a").post("/api/v1/activities", _body(world, title="校园艺术节"), format="json").json()
    detail = web.get(f"/operations/activities/{made['id']}/").content.decode()
    assert "校园艺术节" in detail and "批准" in detail and "approver_level" not in detail
    r = web.post(f"/operations/activities/{made['id']}/decide/", {"decision": "approve", "note": "同意",
                                                                 "version": made["version"]})
    assert r.status_code == 302 and Activity.objects.get(pk=made["id"]).status == "approved"
    listing = web.get("/operations/activities/").content.decode()
    assert "校园艺术节" in listing and "已批准" in listing

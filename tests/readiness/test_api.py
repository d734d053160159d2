"""CONTRACT.md, Emergency readiness: plans, drills and funds through the API."""

from __future__ import annotations

import pytest

from safecampus.hazards.models import Hazard
from safecampus.readiness.models import EmergencyPlan

pytestmark = pytest.mark.django_db


def test_plan_draft_approve_and_versions(world):
    officer = world.api("officer_b")
    made = officer.post("/api/v1/emergency-plans", {"org_unit": world.school_b.pk, "kind": "fire", "title": "Fire",
                                                    "body": "Call 119."}, format="json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert {"id", "version", "status"} <= set(body) and body["status"] == "draft" and body["version"] == 1
    assert officer.post(f"/api/v1/emergency-plans/{body['id']}/approve", {}, format="json").status_code == 403
    principal = world.api("central")
    approved = principal.post(f"/api/v1/emergency-plans/{body['id']}/approve", {"note": "ok"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = principal.post(f"/api/v1/emergency-plans/{body['id']}/approve", {}, format="json")
    assert again.status_code == 409
    second = officer.post("/api/v1/emergency-plans", {"org_unit": world.school_b.pk, "kind": "fire",
                                                      "title": "Fire v2", "body": "Call 119 and the duty leader."},
                          format="json").json()
    assert second["version"] == 2 and second["previous"] == body["id"]
    principal.post(f"/api/v1/emergency-plans/{second['id']}/approve", {}, format="json")
    old = officer.get(f"/api/v1/emergency-plans/{body['id']}").json()
    assert old["status"] == "superseded" and old["body"] == "Call 119."


def test_plan_of_another_school_is_404(world):
    plan = EmergencyPlan.objects.filter(org_unit=world.school_a).first()
    assert world.api("officer_b").get(f"/api/v1/emergency-plans/{plan.pk}").status_code == 404
    assert world.api("officer_b").post(f"/api/v1/emergency-plans/{plan.pk}/approve", {},
                                       format="json").status_code == 404


def test_drill_with_problems_returns_its_hazards(world):
    answer = world.api("officer_b").post("/api/v1/drills", {
        "org_unit": world.school_b.pk, "kind": "fire", "held_at": "2026-11-20T10:00", "participants": 12,
        "evacuation_seconds": 140, "problems": ["Exit sign dark", "Door locked"]}, format="json")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["over_target"] is True and body["target_seconds"] == 120 and len(body["hazards"]) == 2
    assert set(Hazard.objects.filter(pk__in=body["hazards"]).values_list("source", flat=True)) == {"drill"}
    assert body["held_at"].endswith("+08:00")  # read in the school's zone, answered with its offset


@pytest.mark.parametrize(("change", "field"), [
    ({"evacuation_seconds": -1}, "evacuation_seconds"), ({"participants": 999}, "participants"),
    ({"kind": "party"}, "kind"), ({"colour": "red"}, "colour"), ({"org_unit": 99999999999999999999}, "org_unit")])
def test_bad_drills_are_400_naming_the_field(world, change, field):
    data = {"org_unit": world.school_b.pk, "kind": "fire", "participants": 5, "evacuation_seconds": 60, **change}
    answer = world.api("officer_b").post("/api/v1/drills", data, format="json")
    assert answer.status_code == 400 and field in answer.json()["fields"], answer.content


def test_drill_list_filters_to_a_subtree(world):
    rows = world.api("central").get(f"/api/v1/drills?org_unit={world.school_a.pk}").json()["results"]
    assert rows and {r["org_unit"] for r in rows} == {world.school_a.pk}
    assert world.api("central").get("/api/v1/drills?org_unit=abc").status_code == 400


def test_safety_funds(world):
    api = world.api("officer_b")
    made = api.post("/api/v1/safety-funds", {"org_unit": world.school_b.pk, "year": 2026, "line": "Signs",
                                             "budget": "800", "spent": "120"}, format="json")
    assert made.status_code == 201 and made.json()["spent"] == "120.00"
    dup = api.post("/api/v1/safety-funds", {"org_unit": world.school_b.pk, "year": 2026, "line": "Signs",
                                            "budget": "800"}, format="json")
    assert dup.status_code == 409
    more = api.post(f"/api/v1/safety-funds/{made.json()['id']}/spendings", {"amount": "30", "spent_on": "2026-11-03"},
                    format="json")
    assert more.status_code == 201 and more.json()["spent"] == "150.00"
    assert api.post("/api/v1/safety-funds", {"org_unit": world.school_b.pk, "year": 2026, "line": "X",
                                             "budget": "-1"}, format="json").status_code == 400

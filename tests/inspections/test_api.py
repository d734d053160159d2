"""CONTRACT.md, Inspections: the exact shapes, bad input named, and pinned query budgets."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from safecampus.core.testing.queries import exact_queries
from safecampus.hazards.models import Hazard
from safecampus.inspections import services
from safecampus.inspections.models import Inspection

from .helpers import FAR, all_pass, library, scheduled

pytestmark = pytest.mark.django_db


def test_the_paths_are_those_of_the_contract():
    assert reverse("checklist-template-list") == "/api/v1/checklist-templates"
    assert reverse("inspection-list") == "/api/v1/inspections"
    assert reverse("inspection-complete", kwargs={"pk": 7}) == "/api/v1/inspections/7/complete"


def test_checklist_templates_list_id_name_kind_topic(world):
    body = world.api("officer_a").get("/api/v1/checklist-templates?page_size=200").json()
    assert body["count"] >= 10
    row = body["results"][0]
    assert {"id", "name", "kind", "topic"} <= set(row)
    assert {r["kind"] for r in body["results"]} == {"comprehensive", "special", "spot"}


def test_schedule_then_complete_through_the_api(world):
    client = world.api("officer_a")
    template = library("special-fire")
    response = client.post("/api/v1/inspections", {"org_unit": world.school_a.pk, "template": template.pk,
                                                   "scheduled_for": FAR.isoformat()}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "scheduled"
    assert [set(i) >= {"id", "text"} for i in body["items"]] == [True] * len(body["items"])
    results = [{"item": i["id"], "outcome": "pass", "note": ""} for i in body["items"]]
    results[0] = {"item": body["items"][0]["id"], "outcome": "fail", "note": "灭火器过期"}
    results[1]["outcome"] = "na"
    done = client.post(f"/api/v1/inspections/{body['id']}/complete", {"results": results}, format="json")
    assert done.status_code == 200, done.content
    out = done.json()
    assert out["status"] == "completed" and isinstance(out["score"], float) and len(out["hazards"]) == 1
    hazard = Hazard.objects.get(pk=out["hazards"][0])
    assert hazard.source == "inspection" and hazard.org_unit == world.school_a
    detail = client.get(f"/api/v1/inspections/{body['id']}").json()
    assert detail["hazards"] == out["hazards"] and detail["status"] == "completed"
    again = client.post(f"/api/v1/inspections/{body['id']}/complete", {"results": results}, format="json")
    assert again.status_code == 409


def test_a_repeated_schedule_request_returns_the_same_inspection(world):
    client = world.api("officer_a")
    data = {"org_unit": world.school_a.pk, "template": library().pk, "scheduled_for": FAR.isoformat()}
    first = client.post("/api/v1/inspections", data, format="json")
    second = client.post("/api/v1/inspections", data, format="json")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert Inspection.objects.filter(org_unit=world.school_a, scheduled_for=FAR).count() == 1


@pytest.mark.parametrize(("data", "field"), [
    ({"template": "TEMPLATE", "scheduled_for": "2030-01-01"}, "org_unit"),
    ({"org_unit": "SCHOOL", "scheduled_for": "2030-01-01"}, "template"),
    ({"org_unit": "SCHOOL", "template": "TEMPLATE", "scheduled_for": "next week"}, "scheduled_for"),
    ({"org_unit": "SCHOOL", "template": 999999, "scheduled_for": "2030-01-01"}, "template"),
    ({"org_unit": "SCHOOL", "template": "TEMPLATE", "scheduled_for": "2030-01-01", "colour": "red"}, "colour"),
    ({"org_unit": "CENTRAL", "template": "TEMPLATE", "scheduled_for": "2030-01-01"}, "org_unit"),
    ({"org_unit": "SCHOOL_B", "template": "TEMPLATE", "scheduled_for": "2030-01-01"}, "org_unit"),
])
def test_bad_schedule_input_is_a_400_naming_the_field(world, data, field):
    swap = {"TEMPLATE": library().pk, "SCHOOL": world.school_a.pk, "CENTRAL": world.central.pk,
            "SCHOOL_B": world.school_b.pk}
    data = {k: swap.get(v, v) if isinstance(v, str) else v for k, v in data.items()}
    before = Inspection.objects.count()
    response = world.api("officer_a").post("/api/v1/inspections", data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert Inspection.objects.count() == before


def test_bad_results_are_a_400_naming_the_field_and_write_nothing(world):
    inspection = scheduled(world)
    other = scheduled(world, code="special-canteen")
    client = world.api("officer_b")
    url = f"/api/v1/inspections/{inspection.pk}/complete"
    foreign = all_pass(inspection)
    foreign[0]["item"] = other.template_version.items.first().pk
    cases = [
        ({"results": foreign}, "results[0].item"),
        ({"results": []}, "results"),
        ({}, "results"),
        ({"results": [{**all_pass(inspection)[0], "outcome": "ok"}]}, "results"),
        ({"results": all_pass(inspection), "extra": 1}, "extra"),
    ]
    for data, field in cases:
        response = client.post(url, data, format="json")
        assert response.status_code == 400, (data, response.content)
        fields = response.json()["fields"]
        assert any(name.startswith(field) for name in fields), (field, fields)
    inspection.refresh_from_db()
    assert inspection.status == "scheduled" and not inspection.results.exists()


def test_a_stale_version_is_a_409(world):
    inspection = scheduled(world)
    response = world.api("officer_b").post(f"/api/v1/inspections/{inspection.pk}/complete",
                                           {"results": all_pass(inspection), "version": 99}, format="json")
    assert response.status_code == 409


def test_the_inspection_list_runs_a_fixed_number_of_queries(world):
    client = world.api("central")
    client.get("/api/v1/inspections")  # warm up: token lookup caches nothing, but content types do
    with exact_queries(5):
        # token, grants, count, page (with its checklists and schools), the results counted
        assert client.get("/api/v1/inspections?page_size=200").status_code == 200
    for code in ("special-archives", "special-transport", "special-surroundings"):
        services.schedule_for_all_schools(actor=world.user("central"), org_unit=world.central,
                                          template=library(code), scheduled_for=FAR)
    with exact_queries(5):
        assert client.get("/api/v1/inspections?page_size=200").status_code == 200


def test_the_inspection_list_page_runs_a_fixed_number_of_queries(world):
    client = world.web("central")
    client.get("/inspections/")
    with exact_queries(6) as ctx:
        assert client.get("/inspections/").status_code == 200
    baseline = len(ctx.captured_queries)
    for code in ("special-archives", "special-transport"):
        services.schedule_for_all_schools(actor=world.user("central"), org_unit=world.central,
                                          template=library(code), scheduled_for=FAR)
    with exact_queries(baseline):
        assert client.get("/inspections/").status_code == 200


def test_the_pdf_record_reads_back_in_chinese(world, tmp_path: Path):
    inspection = Inspection.objects.filter(org_unit=world.school_a, status="completed",
                                           template__code="semester-comprehensive").first()
    client = world.web("officer_a")
    response = client.get(f"/inspections/{inspection.pk}/pdf/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "record.pdf"
    pdf.write_bytes(b"".join(response) if response.streaming else response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "学期初安全工作综合检查" in text
    assert "A小学" in text
    assert "三楼东侧楼梯扶手松动" in text   # the inspector's note on a failed item
    assert "得分" in text and "不合格" in text   # labels come from the zh-Hans catalogue


def test_a_spot_check_draw_through_the_api_is_recorded_and_replayable(world):
    client = world.api("central")
    response = client.post("/api/v1/inspection-draws", {
        "org_unit": world.central.pk, "template": library("spot-key-items").pk, "count": 2,
        "scheduled_for": FAR.isoformat()}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert services.replay_draw(body["candidates"], body["count"], body["seed"]) == body["chosen"]
    assert len(body["inspections"]) == 2
    too_many = client.post("/api/v1/inspection-draws", {
        "org_unit": world.central.pk, "template": library("spot-key-items").pk, "count": 7,
        "scheduled_for": FAR.isoformat()}, format="json")
    assert too_many.status_code == 400 and "count" in too_many.json()["fields"]


def test_assigning_an_inspector_through_the_api(world):
    inspection = scheduled(world)
    client = world.api("central")
    response = client.post(f"/api/v1/inspections/{inspection.pk}/assign",
                           {"assignee": world.user("principal_b").pk}, format="json")
    assert response.status_code == 200 and response.json()["assignee"] == world.user("principal_b").pk
    wrong = client.post(f"/api/v1/inspections/{inspection.pk}/assign",
                        {"assignee": world.user("officer_a").pk}, format="json")
    assert wrong.status_code == 400 and "assignee" in wrong.json()["fields"]


def test_the_api_may_report_only_the_items_checked(world):
    inspection = scheduled(world)
    first = inspection.template_version.items.order_by("position").first()
    response = world.api("officer_b").post(f"/api/v1/inspections/{inspection.pk}/complete",
                                           {"results": [{"item": first.pk, "outcome": "fail", "note": "Blocked exit"}]},
                                           format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "completed" and len(body["hazards"]) == (1 if first.opens_hazard else 0)
    outcomes = list(inspection.results.values_list("outcome", flat=True))
    assert outcomes.count("fail") == 1 and outcomes.count("na") == inspection.template_version.items.count() - 1
    assert float(body["score"]) == 0.0  # one fail, the rest not assessed

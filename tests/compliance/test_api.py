"""CONTRACT.md: /api/v1/obligations, /api/v1/compliance, /api/v1/tasks."""

from freezegun import freeze_time

from .conftest import at

ROW_KEYS = {"org_unit", "obligation", "period_start", "period_end", "status", "done", "required"}
STATUSES = {"met", "pending", "due_soon", "overdue", "missed", "not_applicable"}


def test_obligations_are_the_rules_in_force(world):
    body = world.api("teacher_a").get("/api/v1/obligations").json()
    codes = {r["code"] for r in body["results"]}
    assert {"duty-log", "emergency-drill-semester", "food-sample"} <= codes
    assert "emergency-drill-monthly" not in codes     # the national preset is switched off
    assert {"count", "next", "previous", "results"} <= set(body)


def test_compliance_rows_hold_the_contract(world):
    body = world.api("central").get("/api/v1/compliance", {"page_size": 200}).json()
    rows = body["results"]
    assert rows and all(set(r) >= ROW_KEYS for r in rows)
    assert {r["status"] for r in rows} <= STATUSES
    assert {r["org_unit"] for r in rows} >= {world.school_a.pk, world.school_b.pk, world.kinder_c.pk}


def test_compliance_of_one_unit_and_a_date(world):
    client = world.api("officer_a")
    rows = client.get("/api/v1/compliance", {"org_unit": world.school_a.pk, "date": "2026-10-15",
                                             "page_size": 200}).json()["results"]
    assert {r["org_unit"] for r in rows} == {world.school_a.pk}
    monthly = next(r for r in rows if r["obligation"] and r["period_start"] == "2026-10-01"
                   and r["period_end"] == "2026-10-31")
    assert monthly["required"] >= 1


def test_a_class_shows_its_schools_duties(world):
    rows = world.api("officer_a").get("/api/v1/compliance", {"org_unit": world.class_a.pk}).json()["results"]
    assert rows and {r["org_unit"] for r in rows} == {world.school_a.pk}


def test_bad_input_is_400_naming_the_field(world):
    client = world.api("officer_a")
    for params, field in (({"date": "31/12/2026"}, "date"), ({"org_unit": "abc"}, "org_unit"),
                          ({"org_unit": 999999}, "org_unit"), ({"org_unit": world.school_b.pk}, "org_unit")):
        response = client.get("/api/v1/compliance", params)
        assert response.status_code == 400, params
        assert field in response.json()["fields"]


def test_without_the_capability_is_403(world):
    assert world.api("teacher_a").get("/api/v1/compliance").status_code == 403
    assert world.api("teacher_a").get("/api/v1/compliance", {"org_unit": world.school_a.pk}).status_code == 403


def test_tasks_are_the_callers_open_work(world):
    with freeze_time(at("2026-11-28 09:00")):
        tasks = world.api("officer_b").get("/api/v1/tasks", {"page_size": 200}).json()["results"]
    assert tasks
    assert all({"title", "url", "status", "due", "source"} <= set(t) for t in tasks)
    order = [{"overdue": 0, "due_soon": 1}.get(t["status"], 2) for t in tasks]
    assert order == sorted(order)
    assert {t["source"] for t in tasks} >= {"obligation"}


def test_tasks_come_from_every_task_source(world):
    from safecampus.compliance import registry

    def collect(user):
        return [registry.TaskItem(kind="x.verify", title="Verify hazard 7", url="/x/7/", object_type="x.thing",
                                  object_id="7")] if user.username == "guard_a" else []

    registry.register_tasks(registry.TaskSource("test.source", "Test", collect))
    try:
        tasks = world.api("guard_a").get("/api/v1/tasks").json()["results"]
    finally:
        registry.TASK_SOURCES.pop("test.source")
    assert any(t["title"] == "Verify hazard 7" and t["source"] == "test.source" for t in tasks)


def test_the_openapi_schema_describes_the_endpoints(world):
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.routers import SimpleRouter

    from safecampus.compliance.api import register

    router = SimpleRouter(trailing_slash=False)
    register(router)
    schema = SchemaGenerator(patterns=[path("api/v1/", include(router.urls))]).get_schema(request=None, public=True)
    assert {"/api/v1/obligations", "/api/v1/compliance", "/api/v1/tasks"} <= set(schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/v1/compliance"]["get"]["parameters"]}
    assert {"org_unit", "date"} <= params


def test_every_task_link_opens_for_its_owner(world):
    for who in ("teacher_a", "officer_a", "central"):
        client = world.web(who)
        with freeze_time(at("2026-11-28 09:00")):
            tasks = world.api(who).get("/api/v1/tasks", {"page_size": 200}).json()["results"]
            for t in (t for t in tasks if t["source"] == "obligation"):
                assert client.get(t["url"]).status_code == 200, (who, t)


def test_a_head_teacher_owns_the_holiday_lesson_of_the_school(world):
    with freeze_time(at("2027-01-18 09:00")):
        tasks = world.api("teacher_a").get("/api/v1/tasks").json()["results"]
    lesson = [t for t in tasks if t["kind"] == "holiday-safety-lesson"]
    assert lesson and lesson[0]["org_unit"] == world.school_a.pk and lesson[0]["status"] == "due_soon"


def test_a_yearly_duty_past_its_grace_stays_a_red_task_until_the_year_ends(world, make_rule):
    from safecampus.compliance import services

    from .conftest import png

    rule = make_rule(code="yearly", period="school_year", due_after_start_days=30, grace_days=14)
    with freeze_time(at("2026-09-20 09:00")):
        services.attest(actor=world.user("officer_a"), obligation=rule, org_unit=world.school_a, upload=png())
    for who, expected in (("officer_b", ["overdue"]), ("officer_a", [])):
        with freeze_time(at("2026-11-28 09:00")):
            tasks = world.api(who).get("/api/v1/tasks", {"page_size": 200}).json()["results"]
        assert [t["status"] for t in tasks if t["kind"] == "yearly"] == expected, who


def test_attest_through_the_api(world):
    from django.test import Client

    from safecampus.core.api.auth import issue_token

    from .conftest import attested_rule, png

    rule = attested_rule(world)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(world.user('officer_b'))}")
    response = client.post("/api/v1/attestations", {"obligation": rule.pk, "org_unit": world.school_b.pk,
                                                    "note": "patrolled", "file": png()})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["obligation_code"] == rule.code and body["signed_by"] == "officer_b"
    missing = client.post("/api/v1/attestations", {"obligation": rule.pk, "org_unit": world.school_b.pk})
    assert missing.status_code == 400 and "file" in missing.json()["fields"]
    other = client.post("/api/v1/attestations", {"obligation": rule.pk, "org_unit": world.school_a.pk,
                                                  "file": png()})
    assert other.status_code == 400 and "org_unit" in other.json()["fields"]


def test_pages_of_compliance_rows_are_the_full_evaluation_in_slices(world):
    from safecampus.compliance.selectors import compliance_rows

    user = world.user("central")
    with freeze_time(at("2026-11-28 09:00")):
        full = [(r.unit_id, r.obligation.pk, r.status, r.done) for r in compliance_rows(user)]
        client, paged, url = world.api("central"), [], "/api/v1/compliance?page_size=7"
        while url:
            body = client.get(url).json()
            assert body["count"] == len(full)
            paged += [(r["org_unit"], r["obligation"], r["status"], r["done"]) for r in body["results"]]
            url = body["next"]
    assert paged == full

"""CONTRACT.md: token, /me, /org-units, errors, audit events."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_token_for_right_password_and_401_for_wrong():
    client = APIClient()
    ok = client.post("/api/v1/auth/token", {"username": "officer_a", "password": "SafeCampus-demo-1"}, format="json")
    assert ok.status_code == 200 and len(ok.json()["token"]) > 20
    bad = client.post("/api/v1/auth/token", {"username": "officer_a", "password": "nope"}, format="json")
    assert bad.status_code == 401 and "detail" in bad.json()


def test_token_is_used_as_bearer_and_can_be_revoked():
    client = APIClient()
    token = client.post("/api/v1/auth/token", {"username": "central", "password": "SafeCampus-demo-1"},
                        format="json").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/me").status_code == 200
    assert client.post("/api/v1/auth/revoke").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_me_lists_roles_with_units(world):
    body = world.api("teacher_a").get("/api/v1/me").json()
    assert body["username"] == "teacher_a"
    assert {"role": "head_teacher", "org_unit": world.class_a.pk} in body["roles"]
    assert {"role": "teacher", "org_unit": world.school_a.pk} in body["roles"]


def test_org_units_are_scoped_and_filtered(world):
    api = world.api("officer_a")
    schools = api.get("/api/v1/org-units?kind=school").json()
    assert [u["name"] for u in schools["results"]] == ["School A"]
    assert schools["results"][0]["school_type"] == "primary"
    assert api.get(f"/api/v1/org-units/{world.school_b.pk}").status_code == 404
    assert api.get("/api/v1/org-units/999999").status_code == 404
    children = api.get(f"/api/v1/org-units?parent={world.school_a.pk}").json()["results"]
    assert {u["kind"] for u in children} == {"grade"}


def test_authority_sees_the_whole_county(world):
    body = world.api("authority").get("/api/v1/org-units?kind=school").json()
    assert {u["name"] for u in body["results"]} == {"School A", "School B", "Kindergarten C"}
    kinder = next(u for u in body["results"] if u["name"] == "Kindergarten C")
    assert kinder["school_type"] == "kindergarten" and kinder["parent"] == world.central.pk


def test_list_shape_and_page_size_cap(world):
    body = world.api("central").get("/api/v1/org-units?page_size=500").json()
    assert set(body) == {"count", "next", "previous", "results"}
    paged = world.api("central").get("/api/v1/org-units?page_size=2").json()
    assert len(paged["results"]) == 2 and paged["next"]


@pytest.mark.parametrize(("body", "field"), [
    ('{"username": "x"', "detail"),
    ('{"username": 5, "password": []}', "password"),
    ('{"username": "a", "password": "b", "extra": 1}', "extra"),
    ('{"username": "' + "a" * 500 + '", "password": "b"}', "username"),
])
def test_bad_input_is_400_naming_the_field(body, field):
    response = APIClient().post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 400
    data = response.json()
    assert "detail" in data
    if field != "detail":
        assert field in data["fields"]


def test_unknown_filter_value_is_400_not_500(world):
    response = world.api("central").get("/api/v1/org-units?kind=planet")
    assert response.status_code == 400 and "kind" in response.json()["fields"]


def test_method_not_allowed_is_405(world):
    assert world.api("central").delete(f"/api/v1/org-units/{world.school_a.pk}").status_code == 405


def test_openapi_describes_the_platform_endpoints():
    schema = APIClient().get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/v1/auth/token", "/api/v1/me", "/api/v1/org-units", "/api/v1/org-units/{id}",
                 "/api/v1/audit-events", "/api/v1/notifications"):
        assert path in schema["paths"], path


def test_docs_page_is_served():
    assert APIClient().get("/api/v1/docs").status_code == 200


def test_audit_events_for_an_object_in_order(world):
    from safecampus.core import audit

    audit.record("test.one", obj=world.school_a)
    audit.record("test.two", obj=world.school_a, changes={"x": [1, 2]})
    body = world.api("officer_a").get(
        f"/api/v1/audit-events?object_type=org.orgunit&object_id={world.school_a.pk}&page_size=200").json()
    actions = [e["action"] for e in body["results"]]
    assert actions[-2:] == ["test.one", "test.two"]
    seqs = [e["seq"] for e in body["results"]]
    assert seqs == sorted(seqs)
    assert set(body["results"][0]) == {"seq", "at", "actor", "action", "object_type", "object_id", "changes",
                                       "reason"}
    other = world.api("officer_b").get(
        f"/api/v1/audit-events?object_type=org.orgunit&object_id={world.school_a.pk}").json()
    assert other["count"] == 0


def test_notifications_are_the_callers_own(world):
    from safecampus.core.notify import notify

    note = notify([world.user("officer_a")], kind="test", title="Check the gate")[0]
    mine = world.api("officer_a").get("/api/v1/notifications?page_size=200").json()["results"]
    row = next(n for n in mine if n["id"] == note.pk)
    assert row["title"] == "Check the gate" and row["read"] is False
    assert set(row) >= {"id", "at", "kind", "title", "read"}
    theirs = world.api("officer_b").get("/api/v1/notifications?page_size=200").json()["results"]
    assert note.pk not in {n["id"] for n in theirs}
    assert world.api("officer_b").get(f"/api/v1/notifications/{note.pk}").status_code == 404

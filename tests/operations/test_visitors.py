"""The visitor register: arrival, the watch list, leaving, closing time, the purge of identities."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.models import AuditEvent, Notification
from safecampus.operations.models import Visitor
from safecampus.operations.services import visitors as services

from .helpers import id_number, visitor

pytestmark = pytest.mark.django_db


def test_register_masks_the_identity_number_everywhere(world):
    number = id_number()
    response = world.api("guard_a").post("/api/v1/visitors", {
        "org_unit": world.school_a.pk, "name": "张三", "id_number": number, "phone": "13800000001",
        "purpose": "送货", "host": world.user("officer_a").pk}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "inside" and body["entered_at"]
    assert body["id_number"] == number[:4] + "*" * 10 + number[-4:]
    assert number not in response.content.decode()
    listed = world.api("guard_a").get(f"/api/v1/visitors?status=inside&org_unit={world.school_a.pk}").content.decode()
    assert "张三" in listed and number not in listed
    # Stored encrypted; the host is told.
    raw = Visitor.objects.filter(pk=body["id"]).values_list("id_number", flat=True).get()
    assert number not in raw
    assert Notification.objects.filter(user=world.user("officer_a"), kind="operations.visitor").exists()


def test_watch_list_refuses_and_alerts_the_safety_officer_at_once(world):
    number = id_number()
    officer = world.api("officer_a")
    assert officer.post("/api/v1/visitor-watchlist", {"org_unit": world.school_a.pk, "id_number": number,
                                                      "reason": "court order"}, format="json").status_code == 201
    before = Notification.objects.filter(user=world.user("officer_a"), kind="operations.watchlist").count()
    response = world.api("guard_a").post("/api/v1/visitors", {
        "org_unit": world.school_a.pk, "name": "李四", "id_number": number, "phone": "", "purpose": "找人",
        "host": None}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "refused"
    after = Notification.objects.filter(user=world.user("officer_a"), kind="operations.watchlist").count()
    assert after == before + 1
    # Another school's watch list does not refuse this person there.
    other = world.api("officer_b").post("/api/v1/visitors", {
        "org_unit": world.school_b.pk, "name": "李四", "id_number": number, "purpose": "找人"}, format="json")
    assert other.json()["status"] == "inside"


@pytest.mark.parametrize(("field", "data"), [
    ("name", {"name": ""}),
    ("id_number", {"id_number": "431121198501011234"[:17] + "0"}),
    ("id_number", {"id_number": "12345"}),
    ("purpose", {"purpose": ""}),
])
def test_bad_input_names_the_field_and_writes_nothing(world, field, data):
    good = id_number()
    if field == "id_number" and len(data["id_number"]) == 18:
        wrong = "0" if good[-1] != "0" else "1"
        data = {"id_number": good[:17] + wrong}
    payload = {"org_unit": world.school_a.pk, "name": "王五", "id_number": good, "purpose": "开会", **data}
    count = Visitor.objects.count()
    response = world.api("guard_a").post("/api/v1/visitors", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert Visitor.objects.count() == count


def test_leaving_twice_is_a_conflict(world):
    v = visitor(world)
    api = world.api("guard_a")
    first = api.post(f"/api/v1/visitors/{v.pk}/leave", {}, format="json")
    assert first.status_code == 200 and first.json()["status"] == "left" and first.json()["left_at"]
    assert api.post(f"/api/v1/visitors/{v.pk}/leave", {}, format="json").status_code == 409
    with pytest.raises(Conflict):
        services.leave(Visitor.objects.get(pk=v.pk), actor=world.user("guard_a"))


def test_a_double_submit_registers_once(world):
    payload = {"org_unit": world.school_a.pk, "name": "赵六", "id_number": id_number(), "purpose": "开会",
               "request_id": "gate-123"}
    api = world.api("guard_a")
    one = api.post("/api/v1/visitors", payload, format="json").json()
    two = api.post("/api/v1/visitors", payload, format="json").json()
    assert one["id"] == two["id"]


def test_still_inside_at_closing_time_goes_to_the_duty_leader_once(world):
    """The demo roster makes the principal the leader on duty at School A today."""
    from safecampus.operations.people import at_local, local_today

    v = visitor(world, name="晚归访客")
    closing = at_local(world.school_a, local_today(world.school_a), 19)
    early = at_local(world.school_a, local_today(world.school_a), 10)
    assert services.report_still_inside(early) == 0
    told = services.report_still_inside(closing)
    assert told >= 1
    note = (Notification.objects.filter(kind="operations.still_inside", user=world.user("principal_a"))
            .order_by("-id").first())
    assert note is not None and "晚归访客" in note.body
    assert services.report_still_inside(closing + timedelta(minutes=1)) == 0
    v.refresh_from_db()
    assert v.closing_reported_at is not None


def test_identities_are_purged_after_the_retention_with_a_count_in_the_audit(world):
    old = visitor(world, name="Old")
    recent = visitor(world, name="Recent")
    Visitor.objects.filter(pk=old.pk).update(entered_at=timezone.now() - timedelta(days=181))
    Visitor.objects.filter(pk=recent.pk).update(entered_at=timezone.now() - timedelta(days=179))
    purged = services.purge_identities()
    assert purged >= 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.id_number == "" and old.id_number_hash == "" and old.purged_at is not None
    assert recent.id_number != "" and recent.purged_at is None
    event = AuditEvent.objects.filter(action="operations.visitor_identities_purged",
                                      org_unit=world.school_a).order_by("-seq").first()
    assert event is not None and event.changes["purged"] >= 1
    assert services.purge_identities() == 0


def test_guard_pages_on_the_phone(world):
    v = visitor(world, name="门口访客")
    web = world.web("guard_a", "zh-hans")
    home = web.get("/").content.decode()
    assert "门口访客" in home and "登记访客" in home
    page = web.get("/operations/visitors/new/")
    assert page.status_code == 200
    bad = web.post("/operations/visitors/new/", {"org_unit": world.school_a.pk, "name": "", "id_number": "1",
                                                 "purpose": "x"})
    assert bad.status_code == 400
    done = web.post(f"/operations/visitors/{v.pk}/leave/", {"version": v.version, "next": "/"})
    assert done.status_code == 302
    v.refresh_from_db()
    assert v.status == "left"


def test_the_register_lists_a_page_in_a_fixed_number_of_queries(world):
    from safecampus.core.testing.queries import exact_queries

    for _ in range(3):
        visitor(world)
    web = world.web("officer_a")
    web.get("/operations/visitors/")
    with exact_queries(7) as ctx:
        assert web.get("/operations/visitors/").status_code == 200
    for _ in range(5):
        visitor(world)
    with exact_queries(len(ctx.captured_queries)):
        web.get("/operations/visitors/")


def test_service_checks_the_identity_number(world):
    good = id_number()
    wrong = good[:17] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(InvalidInput) as exc:
        visitor(world, id_number=wrong)
    assert "id_number" in exc.value.fields


def test_the_retention_is_the_school_s_policy(world):
    from safecampus.compliance.policies import set_policy

    set_policy(world.school_b, "operations.visitors", {"retention_days": 30}, actor=world.user("central"),
               source="local rule")
    kept_elsewhere = visitor(world, name="A 31 days")
    short = visitor(world, school="school_b", who="officer_b", name="B 31 days")
    Visitor.objects.filter(pk__in=[kept_elsewhere.pk, short.pk]).update(
        entered_at=timezone.now() - timedelta(days=31))
    services.purge_identities()
    kept_elsewhere.refresh_from_db()
    short.refresh_from_db()
    assert short.purged_at is not None and kept_elsewhere.purged_at is None

"""The duty roster, swaps, the duty log (one per shift) and its handover; the log is the duty-log evidence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from safecampus.core.errors import Conflict
from safecampus.core.models import Notification
from safecampus.operations.models import DutyAssignment, DutyLog
from safecampus.operations.people import duty_leaders, local_today
from safecampus.operations.services import duty as services

from .helpers import duty_log, evidence_done

pytestmark = pytest.mark.django_db


def test_a_duty_log_through_the_api_and_a_second_for_the_shift_is_a_conflict(world):
    api = world.api("officer_c")
    today = local_today(world.kinder_c).isoformat()
    payload = {"org_unit": world.kinder_c.pk, "date": today, "shift": "night",
               "leader": world.user("principal_c").pk, "summary": "巡查正常"}
    first = api.post("/api/v1/duty-logs", payload, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["shift"] == "night" and first.json()["leader"] == world.user("principal_c").pk
    assert api.post("/api/v1/duty-logs", payload, format="json").status_code == 409
    assert DutyLog.objects.filter(org_unit=world.kinder_c, date=today, shift="night").count() == 1


@pytest.mark.parametrize(("field", "change"), [
    ("shift", {"shift": "evening"}),
    ("summary", {"summary": ""}),
    ("date", {"date": "2999-01-01"}),
    ("leader", {"leader": None}),
])
def test_bad_duty_logs_name_the_field(world, field, change):
    payload = {"org_unit": world.school_b.pk, "date": local_today(world.school_b).isoformat(), "shift": "holiday",
               "leader": world.user("principal_b").pk, "summary": "ok", **change}
    response = world.api("officer_b").post("/api/v1/duty-logs", payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]


def test_nothing_to_report_needs_no_summary(world):
    log = duty_log(world, school="school_b", who="officer_b", summary="", nothing_to_report=True, shift="holiday")
    assert log.nothing_to_report


def test_the_day_s_log_is_the_evidence_of_the_duty_log_obligation(world):
    day = local_today(world.kinder_c)
    before = evidence_done(world, world.kinder_c, "duty-log", day)
    duty_log(world, school="kinder_c", who="officer_c", shift="holiday")
    assert evidence_done(world, world.kinder_c, "duty-log", day) == before + 1


def test_handover_tells_the_next_person_and_happens_once(world):
    log = duty_log(world, shift="holiday")
    api = world.api("officer_a")
    response = api.post(f"/api/v1/duty-logs/{log.pk}/handover", {"to_user": world.user("guard_a").pk,
                                                                  "note": "钥匙已交"}, format="json")
    assert response.status_code == 200 and response.json()["handed_over_to"] == world.user("guard_a").pk
    assert Notification.objects.filter(user=world.user("guard_a"), kind="operations.handover").exists()
    again = api.post(f"/api/v1/duty-logs/{log.pk}/handover", {"to_user": world.user("guard_a").pk}, format="json")
    assert again.status_code == 409


def test_roster_swap_keeps_who_had_the_shift_and_the_leader_hears_of_visitors(world):
    day = local_today(world.school_b) + timedelta(days=30)
    api = world.api("officer_b")
    made = api.post("/api/v1/duty-assignments", {"org_unit": world.school_b.pk, "date": day.isoformat(),
                                                 "shift": "night", "user": world.user("teacher_b").pk,
                                                 "is_leader": True}, format="json")
    assert made.status_code == 201, made.content
    swapped = api.post(f"/api/v1/duty-assignments/{made.json()['id']}/swap",
                       {"to_user": world.user("principal_b").pk, "reason": "sick"}, format="json")
    assert swapped.status_code == 200
    item = DutyAssignment.objects.get(pk=made.json()["id"])
    assert item.user == world.user("principal_b") and item.swapped_from == world.user("teacher_b")
    assert api.post(f"/api/v1/duty-assignments/{item.pk}/swap", {"to_user": world.user("principal_b").pk,
                                                                 "reason": "x"}, format="json").status_code == 400
    # Today's leader on duty (from the demo roster) is who hears of visitors at closing time.
    assert world.user("principal_a") in duty_leaders(world.school_a)


def test_someone_from_another_school_cannot_lead(world):
    response = world.api("officer_b").post("/api/v1/duty-logs", {
        "org_unit": world.school_b.pk, "date": local_today(world.school_b).isoformat(), "shift": "holiday",
        "leader": world.user("principal_a").pk, "summary": "x"}, format="json")
    assert response.status_code == 400


def test_duty_pages(world):
    web = world.web("duty_a", "zh-hans")
    page = web.get("/operations/duty/").content.decode()
    assert "今日值班" in page and "冯值班" in page
    assert web.get("/operations/duty/logs/new/").status_code == 200
    done = web.post("/operations/duty/logs/new/", {
        "org_unit": world.school_a.pk, "date": local_today(world.school_a).isoformat(), "shift": "holiday",
        "leader": world.user("principal_a").pk, "summary": "节日值班正常"})
    assert done.status_code == 302, done.content.decode()[:2000]
    log = DutyLog.objects.get(org_unit=world.school_a, date=local_today(world.school_a), shift="holiday")
    twice = web.post("/operations/duty/logs/new/", {
        "org_unit": world.school_a.pk, "date": local_today(world.school_a).isoformat(), "shift": "holiday",
        "leader": world.user("principal_a").pk, "summary": "again"})
    assert twice.status_code == 409
    handed = web.post(f"/operations/duty/logs/{log.pk}/handover/", {"to_user": world.user("guard_a").pk,
                                                                     "version": log.version})
    assert handed.status_code == 302
    with pytest.raises(Conflict):
        services.hand_over(DutyLog.objects.get(pk=log.pk), actor=world.user("duty_a"), to_user=world.user("guard_a"))

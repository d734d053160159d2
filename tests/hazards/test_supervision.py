"""Supervision (督办): the central school or the authority puts a major or escalated hazard under watch."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.core.errors import Conflict, Forbidden, InvalidInput, StaleVersion
from safecampus.core.models import AuditEvent, Notification
from safecampus.core.permissions import forget_grants
from safecampus.core.testing.queries import exact_queries
from safecampus.hazards import people, services
from safecampus.hazards.models import Hazard

from .helpers import make

pytestmark = pytest.mark.django_db


def _history(hazard):
    return AuditEvent.objects.filter(object_type="hazards.hazard", object_id=str(hazard.pk)).order_by("seq")


def _told(hazard):
    return list(Notification.objects.filter(kind="hazard.supervised", url=hazard.get_absolute_url())
                .values_list("user__username", flat=True))


def test_central_school_supervises_a_major_hazard_and_the_school_is_told(world):
    hazard = make(world, "assigned", level="major")
    done = services.supervise(hazard, actor=world.user("central"), note="Weekly progress to us",
                              expected_version=hazard.version)
    assert done.supervised and done.supervised_by == world.user("central") and done.supervisions == 1
    assert done.supervision_note == "Weekly progress to us" and done.version == hazard.version + 1
    assert done.status == "assigned" and done.deadline == hazard.deadline  # no state change, deadline kept
    event = _history(hazard).last()
    assert (event.action, event.reason, event.changes) == ("hazards.supervised", "Weekly progress to us",
                                                           {"supervisions": [0, 1]})
    assert sorted(_told(hazard)) == ["officer_a", "principal_a"]  # the leaders; the assignee is the principal
    again = services.supervise(hazard, actor=world.user("authority"), note="The bureau asks too")
    assert again.supervisions == 2 and again.supervised_by == world.user("authority")
    assert sorted(_told(hazard)) == ["officer_a", "officer_a", "principal_a", "principal_a"]


def test_a_new_deadline_restarts_the_reminder_and_the_overdue_escalation(world):
    hazard = make(world, "assigned", level="major")
    Hazard.objects.filter(pk=hazard.pk).update(reminded_at=timezone.now(), overdue_escalated_at=timezone.now())
    new = people.local_today(world.school_a) + timedelta(days=10)
    done = services.supervise(hazard, actor=world.user("central"), note="Ten more days",
                              deadline=new.isoformat())
    assert done.deadline == new and done.due_at == people.end_of_day(world.school_a, new)
    assert done.reminded_at is None and done.overdue_escalated_at is None
    assert _history(hazard).last().changes["deadline"] == [hazard.deadline.isoformat(), new.isoformat()]
    body = Notification.objects.filter(kind="hazard.supervised", user__username="officer_a").last().body
    assert new.isoformat() in body


def test_a_supervision_deadline_set_before_assignment_stands(world):
    hazard = make(world, level="major")
    new = people.local_today(world.school_a) + timedelta(days=9)
    services.supervise(hazard, actor=world.user("central"), note="Within nine days", deadline=new)
    assigned = services.assign(hazard, actor=world.user("officer_a"), assignee=world.user("principal_a"))
    assert assigned.deadline == new


@pytest.mark.parametrize(("field", "kwargs"), [
    ("note", {"note": "   "}),
    ("deadline", {"deadline": "2000-01-01"}),
    ("deadline", {"deadline": "next week"}),
])
def test_bad_supervision_input_names_the_field(world, field, kwargs):
    hazard = make(world, level="major")
    with pytest.raises(InvalidInput) as exc:
        services.supervise(hazard, actor=world.user("central"), **{"note": "n", **kwargs})
    assert field in exc.value.fields
    hazard.refresh_from_db()
    assert not hazard.supervised


def test_only_open_major_or_escalated_hazards_are_supervised(world):
    central = world.user("central")
    with pytest.raises(Conflict):
        services.supervise(make(world, title="General"), actor=central, note="n")
    with pytest.raises(Conflict):
        services.supervise(make(world, "closed", level="major"), actor=central, note="n")
    overdue = make(world, "assigned", title="Overdue general")
    Hazard.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - timedelta(hours=1))
    services.sweep_deadlines()
    assert services.supervise(overdue, actor=central, note="Late: act now").supervised
    with pytest.raises(StaleVersion):
        services.supervise(overdue, actor=central, note="n", expected_version=1)


def test_only_a_supervisor_strictly_above_the_school_may_supervise(world):
    from safecampus.org.services import assign_role

    hazard = make(world, level="major")
    for name in ("officer_a", "principal_a", "teacher_a"):
        with pytest.raises(Forbidden):
            services.supervise(hazard, actor=world.user(name), note="n")
    # A supervisor's role held at the school itself is the school watching itself, not supervision.
    principal = world.user("principal_a")
    assign_role(actor=None, user=principal, role_code="central_officer", org_unit=world.school_a)
    forget_grants(principal)
    with pytest.raises(Forbidden):
        services.supervise(hazard, actor=principal, note="n")


# --- API --------------------------------------------------------------------------------------

def test_api_supervise_returns_the_hazard_and_the_list_filters(world):
    hazard = make(world, "assigned", level="major", title="Supervised wall")
    plain = make(world, level="major", title="Unsupervised wall")
    central = world.api("central")
    assert "supervise" in central.get(f"/api/v1/hazards/{hazard.pk}").json()["allowed_actions"]
    assert "supervise" not in world.api("officer_a").get(f"/api/v1/hazards/{hazard.pk}").json()["allowed_actions"]
    new = (people.local_today(world.school_a) + timedelta(days=5)).isoformat()
    r = central.post(f"/api/v1/hazards/{hazard.pk}/supervise", {"note": "Report on Friday", "deadline": new,
                                                                "version": hazard.version}, format="json")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["supervised"] is True and body["supervisions"] == 1 and body["deadline"] == new
    assert body["supervision_note"] == "Report on Friday" and body["supervised_by"] == world.user("central").pk
    ids = [h["id"] for h in central.get("/api/v1/hazards?supervised=true&page_size=200").json()["results"]]
    assert hazard.pk in ids and plain.pk not in ids
    ids = [h["id"] for h in central.get("/api/v1/hazards?supervised=false&page_size=200").json()["results"]]
    assert plain.pk in ids and hazard.pk not in ids
    r = central.post(f"/api/v1/hazards/{hazard.pk}/supervise", {"note": "x", "version": hazard.version},
                     format="json")
    assert r.status_code == 409


@pytest.mark.parametrize(("body", "field"), [
    ({}, "note"),
    ({"note": ""}, "note"),
    ({"note": "n", "deadline": "2000-01-01"}, "deadline"),
    ({"note": "n", "deadline": "soon"}, "deadline"),
    ({"note": "n", "urgency": "high"}, "urgency"),
])
def test_api_bad_supervision_is_400_naming_the_field(world, body, field):
    hazard = make(world, level="major")
    r = world.api("authority").post(f"/api/v1/hazards/{hazard.pk}/supervise", body, format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()["fields"]


def test_api_supervising_a_general_hazard_is_409(world):
    hazard = make(world)
    r = world.api("central").post(f"/api/v1/hazards/{hazard.pk}/supervise", {"note": "n"}, format="json")
    assert r.status_code == 409


# --- pages ------------------------------------------------------------------------------------

def test_button_badge_and_filter_on_the_pages(world):
    hazard = make(world, "assigned", level="major", title="Cracked wall")
    url = hazard.get_absolute_url()
    assert f'{url}supervise/"'.encode() in world.web("central").get(url).content
    assert f'{url}supervise/"'.encode() not in world.web("officer_a").get(url).content
    services.supervise(hazard, actor=world.user("central"), note="Fence it off today")
    detail = world.web("officer_a").get(url).content.decode()
    assert "Supervised" in detail and "Fence it off today" in detail and "Supervision order" in detail
    ledger = world.web("officer_a").get("/hazards/?supervised=true").content.decode()
    assert "Cracked wall" in ledger and "status-supervised" in ledger
    assert "Cracked wall" not in world.web("officer_a").get("/hazards/?supervised=false").content.decode()


def test_supervise_page_explains_errors_and_refuses_a_stale_form(world):
    hazard = make(world, "assigned", level="major")
    web = world.web("central")
    url = f"{hazard.get_absolute_url()}supervise/"
    page = web.get(url)
    assert page.status_code == 200 and b'name="deadline"' in page.content
    r = web.post(url, {"note": "", "version": hazard.version})
    assert r.status_code == 400 and "note" in r.context["form"].errors
    r = web.post(url, {"note": "n", "deadline": "2000-01-01", "version": hazard.version})
    assert r.status_code == 400 and "deadline" in r.context["form"].errors
    r = web.post(url, {"note": "Weekly report", "version": hazard.version})
    assert r.status_code == 302
    r = web.post(url, {"note": "Again", "version": hazard.version})
    assert r.status_code == 409
    general = make(world, title="General")
    r = web.get(f"{general.get_absolute_url()}supervise/")
    assert r.status_code == 302 and r["Location"] == general.get_absolute_url()


def test_ledger_query_count_is_unchanged_with_supervised_rows(world):
    web = world.web("central")
    web.get("/hazards/")
    with exact_queries(6):
        web.get("/hazards/?supervised=true")
    for i in range(3):
        h = make(world, level="major", title=f"watched {i}")
        services.supervise(h, actor=world.user("central"), note="n")
    with exact_queries(6):
        web.get("/hazards/?supervised=true")


def test_chinese_words_for_supervision_and_policy(world):
    from django.utils import translation

    hazard = make(world, "assigned", level="major")
    services.supervise(hazard, actor=world.user("central"), note="每周报送进度")
    web = world.web("central", language="zh-hans")
    web.cookies["django_language"] = "zh-hans"
    with translation.override("zh-hans"):
        detail = web.get(hazard.get_absolute_url()).content.decode()
        assert "已督办" in detail and "下达督办" in detail and "督办意见" in detail
        policies = web.get("/hazards/policies/").content.decode()
        assert "整改时限规定" in policies and "各校执行的规定" in policies and "系统默认" in policies

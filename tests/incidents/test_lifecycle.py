"""INC-2..INC-4: amendments keep what they replace; follow-ups, investigation, closing; escalation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.models import AuditEvent, Notification
from safecampus.incidents import services
from safecampus.incidents.models import Incident

from .helpers import file

pytestmark = pytest.mark.django_db


def test_amendments_keep_the_replaced_values_and_the_report_shows_current_ones(world):
    incident = file(world, injured=1)
    officer = world.user("officer_a")
    services.amend(incident, actor=officer, reason="Two more pupils were hurt",
                   changes={"injured": 3, "summary": "Three pupils fell."})
    services.amend(incident, actor=world.user("central"), reason="Re-graded",
                   changes={"severity": "serious", "injured": 4})
    r = world.api("officer_a").get(f"/api/v1/incidents/{incident.pk}")
    body = r.json()
    assert body["injured"] == 4 and body["severity"] == "serious" and body["summary"] == "Three pupils fell."
    assert body["filed"]["injured"] == 1 and body["filed"]["severity"] == "general"
    assert [a["changes"] for a in body["amendments"]] == [
        {"injured": {"replaced": 1, "new": 3},
         "summary": {"replaced": "A pupil fell on the stairs.", "new": "Three pupils fell."}},
        {"severity": {"replaced": "general", "new": "serious"}, "injured": {"replaced": 3, "new": 4}},
    ]
    assert body["amendments"][0]["reason"] == "Two more pupils were hurt"
    assert Incident.objects.get(pk=incident.pk).injured == 1  # the filed row is untouched
    # Raised to serious after filing: the authority hears of it now.
    assert Notification.objects.filter(user=world.user("authority"), kind="incident.escalated").exists()
    page = world.web("central").get(f"/incidents/{incident.pk}/")
    html = page.content.decode()
    assert "Three pupils fell." in html and "A pupil fell on the stairs." in html and "Re-graded" in html


def test_amendment_api_returns_201_and_refuses_bad_changes(world):
    incident = file(world)
    api = world.api("officer_a")
    ok = api.post(f"/api/v1/incidents/{incident.pk}/amendments", {"reason": "typo", "changes": {"location": "Gym"}},
                  format="json")
    assert ok.status_code == 201 and ok.json()["location"] == "Gym"
    for changes, field in [({"filed_at": "2020-01-01T00:00:00Z"}, "changes.filed_at"),
                           ({"org_unit": 3}, "changes.org_unit"), ({"injured": -1}, "changes.injured"),
                           ({"kind": "meteor"}, "changes.kind"), ({}, "changes"),
                           ({"occurred_at": (timezone.now() + timedelta(hours=1)).isoformat()},
                            "changes.occurred_at"),
                           ({"location": "Gym"}, "changes")]:
        r = api.post(f"/api/v1/incidents/{incident.pk}/amendments", {"reason": "x", "changes": changes},
                     format="json")
        assert r.status_code == 400 and field in r.json()["fields"], (changes, r.content)
    r = api.post(f"/api/v1/incidents/{incident.pk}/amendments", {"changes": {"location": "Hall"}}, format="json")
    assert r.status_code == 400 and "reason" in r.json()["fields"]
    assert incident.amendments.count() == 1


def test_injured_names_are_encrypted_masked_and_revealed_with_an_audit(world):
    from django.db import connection

    incident = file(world, injured_names="王小明")
    with connection.cursor() as cursor:
        cursor.execute("SELECT injured_names FROM incidents_incident WHERE id = %s", [incident.pk])
        assert "王小明" not in cursor.fetchone()[0]
    services.amend(incident, actor=world.user("officer_a"), reason="spelling",
                   changes={"injured_names": "王晓明"})
    body = world.api("central").get(f"/api/v1/incidents/{incident.pk}").content.decode()
    assert "王小明" not in body and "王晓明" not in body
    assert "王小明" not in world.web("central").get(f"/incidents/{incident.pk}/").content.decode()
    assert "王晓明" not in world.web("central").get("/incidents/?export=xlsx").content.decode("latin-1")
    assert world.api("central").post(f"/api/v1/incidents/{incident.pk}/reveal").status_code == 403
    r = world.api("officer_a").post(f"/api/v1/incidents/{incident.pk}/reveal")
    assert r.status_code == 200 and r.json() == {"injured_names": "王晓明"}
    assert "no-store" in r["Cache-Control"]
    assert AuditEvent.objects.filter(action="incidents.names_revealed", object_id=str(incident.pk)).count() == 1
    trail = AuditEvent.objects.filter(object_type="incidents.incident", object_id=str(incident.pk))
    assert not any("王" in str(e.changes) for e in trail)
    web = world.web("officer_a")
    shown = web.post(f"/incidents/{incident.pk}/reveal/")
    assert shown.status_code == 200 and "王晓明" in shown.content.decode() and "no-store" in shown["Cache-Control"]
    assert all("王晓明" not in str(v) for v in web.session.values())  # kept nowhere
    assert "王晓明" not in web.get(f"/incidents/{incident.pk}/").content.decode()


def test_followups_until_closure_and_closing_serious_needs_an_investigation(world):
    officer, central = world.user("officer_a"), world.user("central")
    incident = file(world, severity="serious")
    first = services.add_followup(incident, actor=officer, summary="Written report")
    second = services.add_followup(incident, actor=officer, summary="Pupil back at school")
    assert (first.kind, second.kind) == ("written", "progress")
    incident.refresh_from_db()
    assert incident.state.status == "following_up" and incident.state.written_report_at is not None
    with pytest.raises(Conflict):
        services.close(incident, actor=officer)
    with pytest.raises(Forbidden):
        services.record_investigation(incident, actor=officer, findings="f", responsible="r",
                                      measures="m")
    with pytest.raises(InvalidInput):
        services.record_investigation(incident, actor=central, findings="", responsible="r", measures="m")
    services.record_investigation(incident, actor=central, findings="Loose rail",
                                  responsible="Caretaker", measures="Fix rails monthly")
    with pytest.raises(Conflict):
        services.record_investigation(incident, actor=central, findings="f", responsible="r", measures="m")
    services.close(incident, actor=officer, note="done")
    incident.refresh_from_db()
    assert incident.state.status == "closed" and incident.state.closed_by == officer
    with pytest.raises(Conflict):
        services.add_followup(incident, actor=officer, summary="late news")
    r = world.api("officer_a").post(f"/api/v1/incidents/{incident.pk}/close", {}, format="json")
    assert r.status_code == 409


def test_api_close_of_a_general_incident_and_followups(world):
    incident = file(world)
    api = world.api("officer_a")
    r = api.post(f"/api/v1/incidents/{incident.pk}/followups", {"summary": "written"}, format="json")
    assert r.status_code == 201 and r.json()["status"] == "following_up"
    assert api.post(f"/api/v1/incidents/{incident.pk}/followups", {"summary": ""}, format="json").status_code == 400
    r = api.post(f"/api/v1/incidents/{incident.pk}/close", {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "closed"


def test_a_missing_written_report_escalates_exactly_once(world):
    occurred = timezone.now() - timedelta(hours=1)
    incident = file(world, severity="serious", occurred_at=occurred)
    answered = file(world, occurred_at=occurred)
    services.add_followup(answered, actor=world.user("officer_a"), summary="written")
    with freeze_time(occurred + timedelta(hours=23)):
        services.sweep_deadlines()
    assert not Notification.objects.filter(kind="incident.written_overdue", url=incident.get_absolute_url()).exists()
    later = occurred + timedelta(hours=25)
    with freeze_time(later):
        services.sweep_deadlines()
        services.sweep_deadlines(later)
    sent = Notification.objects.filter(kind="incident.written_overdue", url=incident.get_absolute_url())
    users = set(sent.values_list("user__username", flat=True))
    assert {"central", "authority", "officer_a", "principal_a"} <= users
    assert sent.count() == len(users)  # once per person
    assert not Notification.objects.filter(kind="incident.written_overdue", url=answered.get_absolute_url()).exists()
    incident.refresh_from_db()
    assert incident.state.escalated_at is not None
    from safecampus.core.sweeps import hooks

    assert services.sweep_deadlines in hooks()


def test_a_list_of_names_keeps_only_surnames(world):
    from safecampus.incidents.models import masked_names

    assert masked_names("李欣怡、张浩宇, 刘雨桐") == "李**、张**, 刘**"
    incident = file(world, injured=2, injured_names="李欣怡、张浩宇")
    body = world.api("central").get(f"/api/v1/incidents/{incident.pk}").content.decode()
    assert "李欣怡" not in body and "张浩宇" not in body and "李**、张**" in body
    page = world.web("central").get(f"/incidents/{incident.pk}/pdf/")
    assert page.status_code == 200


def test_the_amend_form_records_only_what_was_changed(world):
    incident = file(world, occurred_at=timezone.now() - timedelta(minutes=30, seconds=17))
    web = world.web("officer_a")
    page = web.get(f"/incidents/{incident.pk}/amend/")
    initial = dict(page.context["form"].initial)
    r = web.post(f"/incidents/{incident.pk}/amend/", {**initial, "reason": "Two hurt", "injured": 2,
                                                       "injured_names": ""})
    assert r.status_code == 302
    amendment = incident.amendments.get()
    assert amendment.changes == {"injured": [1, 2]} and not amendment.names_changed
    stale = web.post(f"/incidents/{incident.pk}/amend/", {**initial, "reason": "again", "injured": 3})
    assert stale.status_code == 409 and incident.amendments.count() == 1  # the form was read before it
    fresh = dict(web.get(f"/incidents/{incident.pk}/amend/").context["form"].initial)
    same = web.post(f"/incidents/{incident.pk}/amend/", {**fresh, "reason": "again", "injured": 2})
    assert same.status_code == 400 and incident.amendments.count() == 1

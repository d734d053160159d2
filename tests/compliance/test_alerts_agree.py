"""Each alert on home agrees with the status the compliance page shows for the same duty and period."""

from __future__ import annotations

from django.utils import formats, translation

from safecampus.compliance import alerts
from safecampus.compliance.choices import Status
from safecampus.compliance.engine import evaluate
from safecampus.compliance.reminders import sweep
from safecampus.compliance.services import attest
from safecampus.core.models import Notification

from .conftest import at, png


def _home_alerts(world, username: str) -> list[Notification]:
    response = world.web(username, "zh-hans").get("/")
    panels = response.context["panels"]["panels"]
    return next((p["items"] for p in panels if p["template"] == "core/panel_alerts.html"), [])


def test_every_compliance_alert_on_home_is_a_duty_still_owed_and_names_its_due_date(world):
    sweep()
    shown = [n for n in _home_alerts(world, "officer_a") if n.kind.startswith("compliance.")]
    keys = {n.pk: alerts._key(n) for n in shown}
    now = alerts.statuses(set(keys.values()))
    for note in shown:
        rule_id, unit_id, start = keys[note.pk]
        assert now[keys[note.pk]] not in (Status.MET, Status.NOT_APPLICABLE), note.display_title
        rows = [r for r in evaluate(roots=None, day=start, unit_ids=[unit_id])
                if r.obligation.pk == rule_id and r.unit_id == unit_id]
        with translation.override("zh-hans"):
            assert formats.date_format(rows[0].due, "DATE_FORMAT") in note.display_title


def test_an_alert_about_a_duty_since_met_is_withdrawn(world, make_rule):
    rule = make_rule()
    sweep(at("2026-11-28 09:00"))
    note = Notification.objects.get(kind="compliance.due_soon", user=world.user("officer_a"))
    assert note.pk in [n.pk for n in _home_alerts(world, "officer_a")]
    attest(actor=world.user("officer_a"), obligation=rule, org_unit=world.school_a, upload=png(),
           performed_on=at("2026-11-27 09:00").date())
    assert note.pk not in [n.pk for n in _home_alerts(world, "officer_a")]
    page = world.web("officer_a", "zh-hans").get("/notifications/").content.decode()
    assert "已处理" in page
    note.refresh_from_db()
    assert note.read_at is not None  # withdrawn: the bell no longer counts it


def test_a_rectified_hazard_no_longer_asks_its_rectifier(world):
    made = world.api("teacher_a").post("/api/v1/hazards", {
        "org_unit": world.school_a.pk, "title": "Loose rail", "category": "building", "level": "general",
        "location": "Gate", "description": ""}, format="json").json()
    assigned = world.api("officer_a").post(f"/api/v1/hazards/{made['id']}/assign", {
        "assignee": world.user("canteen_a").pk, "deadline": "2027-01-20"}, format="json")
    assert assigned.status_code == 200
    asked = Notification.objects.get(kind="hazard.assigned", user=world.user("canteen_a"),
                                     url=f"/hazards/{made['id']}/")
    assert asked.pk in [n.pk for n in _home_alerts(world, "canteen_a")]
    done = world.api("canteen_a").post(f"/api/v1/hazards/{made['id']}/rectify", {"note": "Fixed"}, format="json")
    assert done.status_code == 200
    assert asked.pk not in [n.pk for n in _home_alerts(world, "canteen_a")]

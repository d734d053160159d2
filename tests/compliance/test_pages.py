"""My tasks, the home panel, the calendar and its iCal feed, attestations, the rules page."""

from datetime import date

from freezegun import freeze_time
from icalendar import Calendar

from safecampus.compliance.models import Attestation, CalendarFeed, Obligation

from .conftest import at, png


def _attested_rule(world) -> Obligation:
    """A duty still proven by a signed attestation (apps replace attestations with their own records)."""
    from .conftest import attested_rule

    return attested_rule(world)


def test_home_shows_my_tasks_first(world):
    with freeze_time(at("2026-11-28 09:00")):
        page = world.web("officer_b").get("/").content.decode()
    assert "My tasks" in page
    assert page.index("my-tasks") < page.index("</main>")


def test_my_tasks_page_lists_overdue_first(world):
    with freeze_time(at("2026-11-28 09:00")):
        page = world.web("officer_b").get("/compliance/tasks/").content.decode()
    # School B has not checked vaccination certificates (due 30 Sep): overdue or missed never shows as to-do
    assert "task-due_soon" in page
    if "task-overdue" in page:
        assert page.index("task-overdue") < page.index("task-due_soon")


def test_attesting_from_a_task_makes_it_done(world):
    rule = _attested_rule(world)
    client = world.web("officer_b")
    with freeze_time(at("2026-11-28 09:00")):
        response = client.post("/compliance/attest/", {"obligation": rule.pk, "org_unit": world.school_b.pk,
                                                       "note": "done and photographed", "file": png()})
        assert response.status_code == 302
        item = Attestation.objects.get(obligation=rule, org_unit=world.school_b, performed_on=date(2026, 11, 28))
        assert item.signed_by.username == "officer_b"
        detail = client.get(response["Location"])
        assert detail.status_code == 200
        page = client.get("/compliance/tasks/").content.decode()
    assert rule.title not in page


def test_an_attestation_needs_its_proof(world):
    rule = _attested_rule(world)
    before = Attestation.objects.count()
    response = world.web("officer_b").post("/compliance/attest/", {"obligation": rule.pk,
                                                                   "org_unit": world.school_b.pk})
    assert response.status_code == 400
    assert Attestation.objects.count() == before


def test_no_attesting_for_another_school(world):
    rule = _attested_rule(world)
    before = Attestation.objects.count()
    response = world.web("officer_b").post("/compliance/attest/", {"obligation": rule.pk,
                                                                   "org_unit": world.school_a.pk, "file": png()})
    assert response.status_code == 400
    assert Attestation.objects.count() == before


def test_the_ical_feed_parses_and_needs_its_secret(world):
    client = world.web("officer_a")
    client.post("/compliance/calendar/feed/")
    feed = CalendarFeed.objects.get(user__username="officer_a")
    anonymous = world.web(None)
    with freeze_time(at("2026-11-28 09:00")):
        response = anonymous.get("/compliance/calendar.ics", {"token": feed.token})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any("消防器材" in s for s in summaries)          # monthly fire-equipment check
    daily = [e for e in events if "每日值班" in str(e["SUMMARY"])]
    assert daily and daily[0]["RRULE"]["FREQ"] == ["DAILY"]
    assert anonymous.get("/compliance/calendar.ics", {"token": "wrong"}).status_code == 404
    # Rotating the address revokes the old one.
    client.post("/compliance/calendar/feed/")
    assert anonymous.get("/compliance/calendar.ics", {"token": feed.token}).status_code == 404


def test_calendar_page_shows_the_months_due_dates(world):
    page = world.web("officer_a").get("/compliance/calendar/", {"month": "2026-11"}).content.decode()
    assert "2026-11" in page and "Monthly fire-equipment check" in page
    assert world.web("officer_a").get("/compliance/calendar/", {"month": "11/2026"}).status_code == 400


def test_central_school_edits_a_rule(world):
    rule = Obligation.objects.get(org_unit=world.central, code="emergency-drill-monthly")
    client = world.web("central")
    form = client.get(f"/compliance/obligations/{rule.pk}/")
    assert form.status_code == 200
    data = {"title": rule.title, "title_zh": rule.title_zh, "preset": rule.preset, "active": "on",
            "description": "", "source": rule.source, "unit_kind": "school", "school_types": rule.school_types,
            "period": "monthly", "period_days": 14, "required": 1, "evidence_kind": "compliance.attestation",
            "evidence_params": "{}", "due_offset_days": 0, "grace_days": 7, "remind_days": 7,
            "owner_roles": ["safety_officer"], "escalation_roles": ["safety_officer"],
            "supervisor_roles": ["central_officer"], "sort": 60}
    response = client.post(f"/compliance/obligations/{rule.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    rule.refresh_from_db()
    assert rule.active and rule.version == 2
    bad = client.post(f"/compliance/obligations/{rule.pk}/", {**data, "evidence_params": '{"colour": "red"}'})
    assert bad.status_code == 400


def test_status_page_filters(world):
    client = world.web("central")
    assert client.get("/compliance/status/", {"status": "met"}).status_code == 200
    assert client.get("/compliance/status/", {"date": "not-a-date"}).status_code == 400

"""INC-1: filing, the server's clock, late flags from rules in data, across time zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.models import Notification
from safecampus.core.permissions import forget_grants
from safecampus.incidents import services
from safecampus.incidents.models import Incident
from safecampus.org import services as org_services

from .helpers import file

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 10, 1, 30, tzinfo=UTC)


def _school_in(world, zone: str):
    unit = org_services.create_unit(actor=None, kind="school", name=f"School {zone}", org_unit=world.central,
                                    school_type="primary", timezone=zone)
    officer = world.user("officer_a")
    org_services.assign_role(actor=None, user=officer, role_code="safety_officer", org_unit=unit)
    forget_grants(officer)
    return unit, officer


@freeze_time(NOW)
def test_same_wall_clock_is_late_in_one_zone_and_on_time_in_another(world):
    shanghai = world.school_a  # Asia/Shanghai, UTC+8
    urumqi, officer = _school_in(world, "Asia/Urumqi")  # UTC+6
    # 07:00 on the school's clock: 23:00Z in Shanghai (deadline 01:00Z), 01:00Z in Urumqi (deadline 03:00Z).
    a, _ = services.file_incident(actor=officer, org_unit=shanghai, kind="fire", severity="general",
                                  occurred_at="2026-03-10T07:00", summary="s")
    b, _ = services.file_incident(actor=officer, org_unit=urumqi, kind="fire", severity="general",
                                  occurred_at="2026-03-10T07:00", summary="s")
    assert a.occurred_at == datetime(2026, 3, 9, 23, 0, tzinfo=UTC)
    assert a.report_deadline == datetime(2026, 3, 10, 1, 0, tzinfo=UTC) and a.late is True
    assert b.occurred_at == datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
    assert b.report_deadline == datetime(2026, 3, 10, 3, 0, tzinfo=UTC) and b.late is False
    assert a.filed_at == NOW and a.written_report_deadline == datetime(2026, 3, 10, 23, 0, tzinfo=UTC)


def test_exactly_at_the_deadline_is_on_time_a_second_later_is_late(world):
    occurred = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
    with freeze_time(occurred + timedelta(hours=2)):
        on_time = file(world, occurred_at=occurred)
    with freeze_time(occurred + timedelta(hours=2, seconds=1)):
        late = file(world, occurred_at=occurred)
    assert on_time.late is False and late.late is True
    assert late.late_minutes == 0 and late.filed_at == occurred + timedelta(hours=2, seconds=1)


def test_an_offset_in_the_input_wins_over_the_school_zone(world):
    with freeze_time(NOW):
        incident = file(world, occurred_at="2026-03-10T00:00:00+00:00")
    assert incident.occurred_at == datetime(2026, 3, 10, 0, 0, tzinfo=UTC) and incident.late is False


def test_rules_are_data_the_central_school_edits(world):
    from safecampus.incidents.models import ReportingRule

    rule = ReportingRule.objects.get(org_unit=world.central, kind="", severity="general")
    services.update_rule(rule, actor=world.user("central"), first_report_minutes=30,
                         written_report_minutes=600, notify_authority=False, source="stricter local rule")
    with freeze_time(NOW):
        incident = file(world, occurred_at=NOW - timedelta(minutes=45))
    assert incident.late is True and incident.first_report_minutes == 30
    assert incident.report_deadline == NOW - timedelta(minutes=15)
    # A kind-specific rule beats the "every kind" one.
    ReportingRule.objects.create(org_unit=world.central, kind="fire", severity="general", first_report_minutes=60,
                                 written_report_minutes=600)
    with freeze_time(NOW):
        fire = file(world, kind="fire", occurred_at=NOW - timedelta(minutes=45))
    assert fire.late is False and fire.first_report_minutes == 60
    with pytest.raises(Forbidden):
        services.update_rule(rule, actor=world.user("officer_a"), first_report_minutes=1,
                             written_report_minutes=2, notify_authority=False)


def test_filing_tells_the_central_school_at_once_and_the_authority_from_serious_up(world):
    general = file(world)
    assert Notification.objects.filter(user=world.user("central"), url=general.get_absolute_url()).exists()
    assert not Notification.objects.filter(user=world.user("authority"), url=general.get_absolute_url()).exists()
    serious = file(world, severity="serious")
    assert Notification.objects.filter(user=world.user("central"), url=serious.get_absolute_url()).exists()
    assert Notification.objects.filter(user=world.user("authority"), url=serious.get_absolute_url()).exists()
    assert not Notification.objects.filter(user=world.user("officer_b"), url=serious.get_absolute_url()).exists()


def test_api_files_with_the_server_clock(world):
    api = world.api("teacher_a")
    with freeze_time(NOW):
        r = api.post("/api/v1/incidents", {"org_unit": world.school_a.pk, "kind": "traffic", "severity": "general",
                                           "occurred_at": "2026-03-09T20:00:00Z", "summary": "Bike hit a pupil",
                                           "injured": 1, "deaths": 0}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "filed" and body["late"] is True
    assert body["filed_at"].startswith("2026-03-10T09:30:00")  # shown in the project zone, same instant
    assert datetime.fromisoformat(body["report_deadline"]) == datetime(2026, 3, 9, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(("field", "value"), [
    ("kind", "earthquake_party"), ("severity", "catastrophic"), ("occurred_at", "yesterday-ish"),
    ("injured", -1), ("deaths", "2.5"), ("injured", True), ("summary", ""), ("org_unit", 999999),
])
def test_bad_input_is_400_naming_the_field_and_writes_nothing(world, field, value):
    before = Incident.objects.count()
    data = {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general",
            "occurred_at": timezone.now().isoformat(), "summary": "s", "injured": 0, "deaths": 0, field: value}
    r = world.api("officer_a").post("/api/v1/incidents", data, format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()["fields"]
    assert Incident.objects.count() == before


def test_future_occurrence_and_unknown_fields_are_400(world):
    api = world.api("officer_a")
    base = {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general", "summary": "s"}
    r = api.post("/api/v1/incidents", {**base, "occurred_at": (timezone.now() + timedelta(minutes=5)).isoformat()},
                 format="json")
    assert r.status_code == 400 and "occurred_at" in r.json()["fields"]
    r = api.post("/api/v1/incidents", {**base, "occurred_at": timezone.now().isoformat(),
                                       "filed_at": "2020-01-01T00:00:00Z", "late": False}, format="json")
    assert r.status_code == 400 and {"filed_at", "late"} <= set(r.json()["fields"])
    r = api.post("/api/v1/incidents", ["not", "a", "dict"], format="json")
    assert r.status_code == 400


def test_a_class_files_but_not_the_central_school_unit(world):
    incident = file(world, unit=world.class_a, username="teacher_a")
    assert incident.org_unit == world.class_a
    with pytest.raises(Forbidden):  # the central school receives reports; it does not file them
        file(world, unit=world.central, username="central")
    with pytest.raises(InvalidInput):
        services.file_incident(actor=None, org_unit=world.central, kind="fire", severity="general",
                               occurred_at=timezone.now(), summary="s")


def test_double_submit_creates_one_record(world):
    api = world.api("officer_a")
    data = {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general", "summary": "s",
            "occurred_at": timezone.now().isoformat(), "request_id": "abc-123"}
    first = api.post("/api/v1/incidents", data, format="json")
    second = api.post("/api/v1/incidents", data, format="json")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert Incident.objects.filter(request_id="abc-123").count() == 1
    # Another reporter may use the same id: it is unique per reporter only.
    other = world.api("principal_a").post("/api/v1/incidents", data, format="json")
    assert other.status_code == 201 and other.json()["id"] != first.json()["id"]


def test_the_web_form_files_once_and_the_teacher_lands_on_her_report(world):
    web = world.web("teacher_a")
    form = web.get("/incidents/new/")
    assert form.status_code == 200
    request_id = form.context["form"]["request_id"].initial
    data = {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general", "summary": "Smoke",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "injured": 0, "deaths": 0,
            "request_id": request_id}
    r1 = web.post("/incidents/new/", data)
    r2 = web.post("/incidents/new/", data)
    incident = Incident.objects.get(request_id=request_id)
    assert r1.status_code == r2.status_code == 302 and r1["Location"] == f"/incidents/{incident.pk}/"
    assert web.get(r1["Location"]).status_code == 200
    bad = web.post("/incidents/new/", {**data, "request_id": "x2", "kind": "nope", "injured": -3})
    assert bad.status_code == 400
    assert "kind" in bad.context["form"].errors and "injured" in bad.context["form"].errors


def test_central_school_adds_a_rule_for_one_kind_through_the_form(world):
    web = world.web("central")
    r = web.post("/incidents/rules/new/", {"org_unit": world.central.pk, "kind": "food_poisoning",
                                           "severity": "general", "first_report_minutes": 60,
                                           "written_report_minutes": 720, "notify_authority": "on",
                                           "source": "county food-safety rule"})
    assert r.status_code == 302
    with freeze_time(NOW):
        incident = file(world, kind="food_poisoning", occurred_at=NOW - timedelta(minutes=90))
    assert incident.late and incident.notify_authority and incident.first_report_minutes == 60
    again = web.post("/incidents/rules/new/", {"org_unit": world.central.pk, "kind": "food_poisoning",
                                               "severity": "general", "first_report_minutes": 60,
                                               "written_report_minutes": 30})
    assert again.status_code == 400


def test_a_photo_goes_with_the_report_and_a_bad_file_files_nothing(world):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from safecampus.core.files import attachments_of

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, format="JPEG")
    web = world.web("officer_a")
    base = {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general", "summary": "Smoke",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "injured": 0, "deaths": 0}
    r = web.post("/incidents/new/", {**base, "request_id": "p1",
                                     "photos": SimpleUploadedFile("a.jpg", buf.getvalue(), "image/jpeg")})
    assert r.status_code == 302
    incident = Incident.objects.get(request_id="p1")
    assert [a.mime_type for a in attachments_of(incident)] == ["image/jpeg"]
    assert "/attachments/" in web.get(incident.get_absolute_url()).content.decode()
    before = Incident.objects.count()
    bad = web.post("/incidents/new/", {**base, "request_id": "p2",
                                       "photos": SimpleUploadedFile("x.jpg", b"not an image", "image/jpeg")})
    assert bad.status_code == 400 and "photos" in bad.context["form"].errors
    assert Incident.objects.count() == before


def test_the_reporter_reads_follows_up_and_amends_her_own_report_only(world):
    web = world.web("teacher_a")
    mine, _ = services.file_incident(actor=world.user("teacher_a"), org_unit=world.school_a, kind="fire",
                                     severity="general", occurred_at=timezone.now(), summary="Mine")
    theirs, _ = services.file_incident(actor=world.user("officer_a"), org_unit=world.school_a, kind="fire",
                                       severity="general", occurred_at=timezone.now(), summary="Theirs")
    listing = web.get("/incidents/").content.decode()
    assert f"/incidents/{mine.pk}/" in listing and f"/incidents/{theirs.pk}/" not in listing
    assert web.get(f"/incidents/{mine.pk}/").status_code == 200
    assert web.get(f"/incidents/{theirs.pk}/").status_code == 403
    note = {"kind": "progress", "summary": "Pupil is home"}
    assert web.post(f"/incidents/{mine.pk}/followup/", note).status_code == 302
    assert web.post(f"/incidents/{theirs.pk}/followup/", {"kind": "progress", "summary": "x"}).status_code == 403
    when = timezone.localtime(mine.occurred_at).strftime("%Y-%m-%dT%H:%M")
    amend = {"reason": "typo", "summary": "Mine, corrected", "kind": "fire", "severity": "general",
             "occurred_at": when, "injured": 0, "deaths": 0}
    assert web.post(f"/incidents/{mine.pk}/amend/", amend).status_code == 302
    assert mine.amendments.get().author == world.user("teacher_a")
    services.close(actor=world.user("officer_a"), incident=mine, note="done")
    assert web.get(f"/incidents/{mine.pk}/amend/").status_code == 403  # closed: the school's officers only


def test_the_answer_to_a_filing_is_its_detail_as_read_back(world):
    """The answer is written from the service's report, not read back: it must be what a read gives."""
    api = world.api("officer_a")
    bodies = [{"org_unit": world.school_a.pk, "kind": "traffic", "severity": "general", "summary": "Bike",
               "occurred_at": (timezone.now() - timedelta(minutes=5)).isoformat(), "injured": "1"},
              {"org_unit": world.class_a.pk, "kind": "fire", "severity": "serious", "summary": " Smoke ",
               "occurred_at": "2026-01-05T07:45:00+08:00", "location": "Lab", "first_actions": "Evacuated",
               "injured": 2, "deaths": 0, "injured_names": "李明、张伟", "request_id": "answer-1"}]
    for body in bodies:
        r = api.post("/api/v1/incidents", body, format="json")
        assert r.status_code == 201, r.content
        assert r.json() == api.get(f"/api/v1/incidents/{r.json()['id']}").json()
    assert r.json()["injured_names"] == "李*、张*"


def test_a_request_id_used_before_answers_first_whatever_else_the_repeat_would_be_told(world):
    api = world.api("officer_a")
    data = {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general", "summary": "s",
            "occurred_at": timezone.now().isoformat(), "request_id": "reuse-2"}
    first = api.post("/api/v1/incidents", data, format="json")
    later = (timezone.now() + timedelta(hours=1)).isoformat()
    # A report of something still to come is a 400 ...
    refused = api.post("/api/v1/incidents", {**data, "request_id": "other", "occurred_at": later}, format="json")
    assert refused.status_code == 400 and "occurred_at" in refused.json()["fields"]
    # ... but the request_id is looked at first: the same report again is the first answer, another is a 409.
    again = api.post("/api/v1/incidents", {**data, "occurred_at": later}, format="json")
    assert (first.status_code, again.status_code) == (201, 200) and again.json() == first.json()
    other = api.post("/api/v1/incidents", {**data, "summary": "else", "occurred_at": later}, format="json")
    assert other.status_code == 409 and "request_id" in other.json()["fields"]
    assert Incident.objects.filter(request_id__in=["reuse-2", "other"]).count() == 1


def test_a_filing_runs_a_fixed_number_of_queries(world):
    from safecampus.core.testing.queries import exact_queries

    api = world.api("teacher_a")
    data = {"org_unit": world.school_a.pk, "kind": "fire", "severity": "general", "summary": "s",
            "occurred_at": timezone.now().isoformat()}
    api.post("/api/v1/incidents", data, format="json")
    # token, grants, the unit; the rule, the report (in a savepoint) and its state, the stored statuses of
    # the rules counting reports marked stale (compliance.stored), the audit chain's
    # head, event and head again, the central school's officers, their notifications (in a savepoint:
    # the key sends once); no lookup of the request_id, no read back of the report or what it carries.
    with exact_queries(18):
        r = api.post("/api/v1/incidents", {**data, "request_id": "q-1"}, format="json")
    assert r.status_code == 201

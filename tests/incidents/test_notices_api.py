"""INC-5 through the API: notices (通报) and reward/punishment records."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safecampus.core.models import AuditEvent, Notification
from safecampus.core.testing.queries import exact_queries
from safecampus.incidents import services
from safecampus.incidents.models import AccountabilityRecord, Notice, NoticeTarget

from .helpers import file

pytestmark = pytest.mark.django_db

NOTICES = "/api/v1/notices"
RECORDS = "/api/v1/accountability-records"


def _publish(world, targets=None, **over):
    data = {"actor": world.user("central"), "org_unit": world.central, "kind": "criticism", "title": "Late report",
            "body": "Report at once.", "targets": targets or [world.school_a, world.school_b]}
    data.update(over)
    return services.publish_notice(**data)


def _payload(world, **over):
    data = {"org_unit": world.central.pk, "kind": "warning", "title": "Ice on the paths",
            "body": "Salt the paths before 7:00.", "targets": [world.school_a.pk, world.school_b.pk]}
    data.update(over)
    return data


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


# --- notices -------------------------------------------------------------------------------------

def test_publish_a_notice_through_the_api(world):
    incident = file(world)
    api = world.api("central")
    r = api.post(NOTICES, _payload(world, incident=incident.pk, kind="criticism"), format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    notice = Notice.objects.get(pk=body["id"])
    assert body["kind"] == "criticism" and body["incident"] == incident.pk and body["org_unit"] == world.central.pk
    assert body["published_by"] == world.user("central").pk
    assert {t["org_unit"] for t in body["targets"]} == {world.school_a.pk, world.school_b.pk}
    assert body["acknowledged"] is False and body["allowed_actions"] == []
    event = AuditEvent.objects.get(action="incidents.notice_published", object_id=str(notice.pk))
    assert set(event.changes["targets"]) == {world.school_a.pk, world.school_b.pk}
    assert Notification.objects.filter(user=world.user("principal_a"), kind="incident.notice",
                                       url=notice.get_absolute_url()).exists()


def test_a_repeated_request_id_publishes_one_notice(world):
    api = world.api("central")
    payload = _payload(world, request_id="notice-retry-1")
    first = api.post(NOTICES, payload, format="json")
    second = api.post(NOTICES, payload, format="json")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert Notice.objects.filter(request_id="notice-retry-1").count() == 1
    assert AuditEvent.objects.filter(action="incidents.notice_published",
                                     object_id=str(first.json()["id"])).count() == 1
    # Without a request id, two posts are two notices (nothing to recognise a retry by).
    api.post(NOTICES, _payload(world, title="Twice"), format="json")
    api.post(NOTICES, _payload(world, title="Twice"), format="json")
    assert Notice.objects.filter(title="Twice").count() == 2


@pytest.mark.parametrize(("change", "field"), [
    ({"kind": "praise"}, "kind"),
    ({"targets": []}, "targets"),
    ({"targets": [999999]}, "targets"),
    ({"targets": "School A"}, "targets"),
    ({"title": ""}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"body": "   "}, "body"),
    ({"incident": 999999}, "incident"),
    ({"incident": "first"}, "incident"),
    ({"org_unit": None}, "org_unit"),
    ({"colour": "red"}, "colour"),
    ({"request_id": "x" * 65}, "request_id"),
])
def test_bad_notice_input_is_400_naming_the_field(world, change, field):
    before = Notice.objects.count()
    r = world.api("central").post(NOTICES, _payload(world, **change), format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()["fields"], r.json()
    assert Notice.objects.count() == before


def test_notice_targets_must_be_schools_under_the_publisher(world):
    r = world.api("central").post(NOTICES, _payload(world, targets=[world.central.pk]), format="json")
    assert r.status_code == 400 and "targets" in r.json()["fields"]
    other = file(world, unit=world.school_b, username="officer_b")
    r = world.api("central").post(NOTICES, _payload(world, incident=other.pk, targets=[world.school_a.pk]),
                                  format="json")
    assert r.status_code == 201  # an incident anywhere under the publisher may be named
    # A school's head cannot publish, not even to its own school.
    r = world.api("principal_a").post(NOTICES, _payload(world, org_unit=world.school_a.pk), format="json")
    assert r.status_code == 403


def test_publisher_sees_every_target_and_a_school_only_its_own(world):
    notice = _publish(world)
    central = world.api("central").get(f"{NOTICES}/{notice.pk}").json()
    assert {t["org_unit"] for t in central["targets"]} == {world.school_a.pk, world.school_b.pk}
    mine = world.api("principal_a").get(f"{NOTICES}/{notice.pk}").json()
    assert [t["org_unit"] for t in mine["targets"]] == [world.school_a.pk]
    assert mine["allowed_actions"] == ["acknowledge"]
    assert world.api("officer_a").get(f"{NOTICES}/{notice.pk}").json()["allowed_actions"] == []
    assert notice.pk in _ids(world.api("officer_b").get(NOTICES + "?page_size=200"))
    assert notice.pk not in _ids(world.api("officer_c").get(NOTICES + "?page_size=200"))
    assert world.api("officer_c").get(f"{NOTICES}/{notice.pk}").status_code == 404
    assert world.api("central").get(f"{NOTICES}/nope").status_code == 404


def test_acknowledge_through_the_api_once(world):
    notice = _publish(world)
    api = world.api("principal_a")
    r = api.post(f"{NOTICES}/{notice.pk}/acknowledge", {}, format="json")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["acknowledged"] is True and body["allowed_actions"] == []
    assert body["targets"][0]["acknowledged_by"] == world.user("principal_a").pk
    target = NoticeTarget.objects.get(notice=notice, org_unit=world.school_a)
    assert target.acknowledged_at is not None
    assert AuditEvent.objects.filter(action="incidents.notice_acknowledged", object_id=str(notice.pk)).count() == 1
    again = api.post(f"{NOTICES}/{notice.pk}/acknowledge", {}, format="json")
    assert again.status_code == 409
    assert AuditEvent.objects.filter(action="incidents.notice_acknowledged", object_id=str(notice.pk)).count() == 1
    # The publisher now sees one of two schools acknowledged.
    central = world.api("central").get(f"{NOTICES}/{notice.pk}").json()
    assert central["acknowledged"] is False
    assert sum(t["acknowledged_at"] is not None for t in central["targets"]) == 1


def test_acknowledge_names_a_unit_it_was_sent_to(world):
    notice = _publish(world)
    api = world.api("principal_a")
    r = api.post(f"{NOTICES}/{notice.pk}/acknowledge", {"org_unit": world.school_b.pk}, format="json")
    assert r.status_code == 400 and "org_unit" in r.json()["fields"]
    r = api.post(f"{NOTICES}/{notice.pk}/acknowledge", {"org_unit": "A"}, format="json")
    assert r.status_code == 400 and "org_unit" in r.json()["fields"]
    r = api.post(f"{NOTICES}/{notice.pk}/acknowledge", {"note": "read"}, format="json")
    assert r.status_code == 400 and "note" in r.json()["fields"]
    r = api.post(f"{NOTICES}/{notice.pk}/acknowledge", {"org_unit": world.school_a.pk}, format="json")
    assert r.status_code == 200


def test_notice_list_filters(world):
    incident = file(world)
    criticism = _publish(world, incident=incident)
    warning = _publish(world, kind="warning", title="Flood season", targets=[world.kinder_c])
    api = world.api("central")
    base = NOTICES + "?page_size=200"
    assert criticism.pk in _ids(api.get(base + "&kind=criticism"))
    assert warning.pk not in _ids(api.get(base + "&kind=criticism"))
    assert _ids(api.get(base + f"&incident={incident.pk}")) == [criticism.pk]
    by_unit = _ids(api.get(base + f"&org_unit={world.kinder_c.pk}"))
    assert warning.pk in by_unit and criticism.pk not in by_unit
    assert criticism.pk in _ids(api.get(base + f"&org_unit={world.central.pk}"))
    services.acknowledge_notice(NoticeTarget.objects.get(notice=warning), actor=world.user("principal_c"))
    assert warning.pk in _ids(api.get(base + "&acknowledged=true"))
    assert criticism.pk in _ids(api.get(base + "&acknowledged=false"))
    assert warning.pk not in _ids(api.get(base + "&acknowledged=false"))
    today = timezone.localdate()
    assert criticism.pk in _ids(api.get(base + f"&published_from={today}"))
    assert criticism.pk not in _ids(api.get(base + f"&published_to={today - timedelta(days=1)}"))
    assert api.get(base + "&kind=praise").status_code == 400
    page = api.get(NOTICES + "?page_size=1").json()
    assert set(page) == {"count", "next", "previous", "results"} and len(page["results"]) == 1


def test_notice_list_runs_a_fixed_number_of_queries(world):
    api = world.api("principal_a")
    api.get(NOTICES)
    # token, grants, count, page, targets (the demo has a notice to school A)
    with exact_queries(5) as few:
        assert api.get(NOTICES).status_code == 200
    for i in range(4):
        _publish(world, title=f"Notice {i}", targets=[world.school_a, world.school_b, world.kinder_c])
    with exact_queries(len(few.captured_queries)):
        assert len(api.get(NOTICES).json()["results"]) >= 5


# --- rewards and punishments ---------------------------------------------------------------------

def _record_payload(world, **over):
    data = {"org_unit": world.school_a.pk, "kind": "punishment", "person": "李专干", "measure": "warning",
            "reason": "Report three hours late.", "decided_on": timezone.localdate().isoformat()}
    data.update(over)
    return data


def test_record_a_punishment_through_the_api(world):
    incident = file(world)
    notice = _publish(world, incident=incident)
    staff = world.user("officer_a").staff
    r = world.api("central").post(RECORDS, _record_payload(world, incident=incident.pk, notice=notice.pk,
                                                           staff=staff.pk), format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["incident"] == incident.pk and body["notice"] == notice.pk and body["staff"] == staff.pk
    assert body["recorded_by"] == world.user("central").pk and body["kind"] == "punishment"
    event = AuditEvent.objects.get(action="incidents.accountability_recorded", object_id=str(body["id"]))
    assert event.changes["incident"] == incident.pk and event.changes["notice"] == notice.pk
    detail = world.api("officer_a").get(f"{RECORDS}/{body['id']}")
    assert detail.status_code == 200 and detail.json()["person"] == "李专干"
    assert world.api("officer_b").get(f"{RECORDS}/{body['id']}").status_code == 404


def test_a_repeated_request_id_records_once(world):
    api = world.api("central")
    payload = _record_payload(world, request_id="record-retry-1")
    first = api.post(RECORDS, payload, format="json")
    second = api.post(RECORDS, payload, format="json")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert AccountabilityRecord.objects.filter(request_id="record-retry-1").count() == 1


@pytest.mark.parametrize(("change", "field"), [
    ({"kind": "fine"}, "kind"),
    ({"person": ""}, "person"),
    ({"measure": "m" * 201}, "measure"),
    ({"reason": "  "}, "reason"),
    ({"decided_on": "yesterday"}, "decided_on"),
    ({"decided_on": "2999-01-01"}, "decided_on"),
    ({"incident": 999999}, "incident"),
    ({"notice": 999999}, "notice"),
    ({"staff": 999999}, "staff"),
    ({"org_unit": 999999}, "org_unit"),
    ({"points": 3}, "points"),
])
def test_bad_record_input_is_400_naming_the_field(world, change, field):
    before = AccountabilityRecord.objects.count()
    r = world.api("central").post(RECORDS, _record_payload(world, **change), format="json")
    assert r.status_code == 400, r.content
    assert field in r.json()["fields"], r.json()
    assert AccountabilityRecord.objects.count() == before


def test_record_links_stay_in_the_unit(world):
    other = file(world, unit=world.school_b, username="officer_b")
    r = world.api("central").post(RECORDS, _record_payload(world, incident=other.pk), format="json")
    assert r.status_code == 400 and "incident" in r.json()["fields"]
    staff_b = world.user("officer_b").staff
    r = world.api("central").post(RECORDS, _record_payload(world, staff=staff_b.pk), format="json")
    assert r.status_code == 400 and "staff" in r.json()["fields"]


def test_record_list_filters_and_scope(world):
    incident = file(world)
    api = world.api("central")
    reward = api.post(RECORDS, _record_payload(world, kind="reward", measure="commendation",
                                               decided_on=(timezone.localdate() - timedelta(days=10)).isoformat()),
                      format="json").json()["id"]
    punishment = api.post(RECORDS, _record_payload(world, incident=incident.pk), format="json").json()["id"]
    in_b = api.post(RECORDS, _record_payload(world, org_unit=world.school_b.pk), format="json").json()["id"]
    base = RECORDS + "?page_size=200"
    assert reward in _ids(api.get(base + "&kind=reward")) and punishment not in _ids(api.get(base + "&kind=reward"))
    assert _ids(api.get(base + f"&incident={incident.pk}")) == [punishment]
    by_unit = _ids(api.get(base + f"&org_unit={world.school_a.pk}"))
    assert reward in by_unit and in_b not in by_unit
    since = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert reward not in _ids(api.get(base + f"&decided_from={since}"))
    assert reward in _ids(api.get(base + f"&decided_to={since}"))
    assert api.get(base + "&kind=fine").status_code == 400
    mine = _ids(world.api("officer_a").get(base))
    assert reward in mine and in_b not in mine


def test_record_list_runs_a_fixed_number_of_queries(world):
    api = world.api("central")
    api.get(RECORDS)
    # token, grants, count, page (links are ids: no query per row)
    with exact_queries(4) as few:
        assert api.get(RECORDS).status_code == 200
    incident = file(world)
    for i in range(4):
        services.record_accountability(actor=world.user("central"), org_unit=world.school_a, kind="reward",
                                       person=f"Teacher {i}", measure="commendation", reason="r",
                                       decided_on=timezone.localdate(), incident=incident)
    with exact_queries(len(few.captured_queries)):
        assert len(api.get(RECORDS).json()["results"]) >= 5


def test_web_forms_do_not_publish_or_record_twice(world):
    web = world.web("central")
    data = {"org_unit": world.central.pk, "kind": "warning", "title": "Double click", "body": "b",
            "targets": [world.school_a.pk], "request_id": "web-notice-1"}
    assert web.post("/incidents/notices/new/", data).status_code == 302
    assert web.post("/incidents/notices/new/", data).status_code == 302
    assert Notice.objects.filter(title="Double click").count() == 1
    data = {"org_unit": world.school_a.pk, "kind": "reward", "person": "周老师", "measure": "commendation",
            "reason": "Double click", "decided_on": timezone.localdate().isoformat(), "request_id": "web-record-1"}
    assert web.post("/incidents/accountability/new/", data).status_code == 302
    assert web.post("/incidents/accountability/new/", data).status_code == 302
    assert AccountabilityRecord.objects.filter(reason="Double click").count() == 1
    assert 'name="request_id"' in web.get("/incidents/notices/new/").content.decode()


def test_openapi_describes_the_notice_endpoints(world):
    paths = world.api("central").get("/api/v1/openapi.json").json()["paths"]
    for path in (NOTICES, NOTICES + "/{id}", NOTICES + "/{id}/acknowledge", RECORDS, RECORDS + "/{id}"):
        assert path in paths, path
    assert "put" not in paths[NOTICES + "/{id}"] and "delete" not in paths[RECORDS + "/{id}"]

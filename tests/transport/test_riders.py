"""A route's riders: changed class by class on the page and as a whole list through the API; more riders than
seats, a pupil of another school, a stale version; the same list again changes nothing."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safecampus.core.models import AuditEvent
from safecampus.core.testing.queries import exact_queries
from safecampus.org.models import OrgUnit, Student
from safecampus.transport.services import fleet

from .helpers import route

NORTH = "北线"  # 19 seats, eight riders: five of the school's first class, three of its third


def _classes(world) -> list:
    return list(OrgUnit.objects.filter(path__startswith=world.school_a.path, kind="class").order_by("path"))


def _riders(r) -> set[int]:
    return set(r.riders.values_list("student_id", flat=True))


def _pupils(klass) -> list[int]:
    return list(Student.objects.filter(org_unit=klass, is_active=True).order_by("name", "id")
                .values_list("pk", flat=True))


def _url(r, klass=None) -> str:
    return f"/transport/routes/{r.pk}/riders/" + (f"?class={klass.pk}" if klass else "")


def _events(r) -> int:
    return AuditEvent.objects.filter(action="transport.riders_set", object_id=str(r.pk)).count()


def _field_error(text: str) -> str:
    """The error shown under the riders' tick list (the field's own place on the form)."""
    found = re.search(r'<fieldset>.*?<div class="alert alert-danger py-2 riders-error" role="alert">(.*?)</div>',
                      text, re.S)
    return found.group(1).strip() if found else ""


# --- the page --------------------------------------------------------------------------------------------

def test_the_page_shows_a_class_with_its_riders_ticked(world):
    r, first = route(NORTH), _classes(world)[0]
    response = world.web("officer_a").get(_url(r))
    assert response.status_code == 200
    text = response.content.decode()
    # Without a class asked for: the first class with riders, its riders ticked, the others not.
    assert f'name="class" value="{first.pk}"' in text
    ticked = set(map(int, re.findall(r'<input type="checkbox" name="riders" value="(\d+)"[^>]*checked', text)))
    assert ticked == {s for s in _riders(r) if s in _pupils(first)} and len(ticked) == 5
    assert f'name="version" value="{r.version}"' in text


def test_an_officer_adds_and_removes_riders_of_one_class(world):
    r, (first, _second, third) = route(NORTH), _classes(world)[:3]
    before, version = _riders(r), r.version
    in_class = [s for s in _pupils(first) if s in before]
    newcomer = next(s for s in _pupils(first) if s not in before)
    ticked = [*in_class[1:], newcomer]  # the first rider of the class leaves, a classmate joins
    client = world.web("officer_a")
    response = client.post(_url(r), {"class": first.pk, "riders": ticked, "version": version})
    assert response.status_code == 302 and response["Location"].endswith(f"?class={first.pk}")
    r.refresh_from_db()
    after = _riders(r)
    assert after == (before - {in_class[0]}) | {newcomer}
    assert {s for s in before if s in _pupils(third)} <= after  # the other classes' riders stay
    assert r.version == version + 1 and _events(r) == 1
    page = client.get(response["Location"]).content.decode()
    assert "Riders saved." in page
    # The route's history names who joined and who left (the event keeps their keys, not their names).
    event = AuditEvent.objects.filter(action="transport.riders_set", object_id=str(r.pk)).get()
    assert event.changes["pupils_added"] == [newcomer] and event.changes["pupils_removed"] == [in_class[0]]
    joined, left = (Student.objects.get(pk=pk).name for pk in (newcomer, in_class[0]))
    assert joined not in str(event.changes) and left not in str(event.changes)
    zh = world.web("officer_a", language="zh-hans").get(f"/transport/routes/{r.pk}/").content.decode()
    assert re.search(rf"新增乘车.*?{joined}", zh, re.S) and re.search(rf"不再乘车.*?{left}", zh, re.S)
    assert "pupils_added" not in zh


def test_a_class_of_another_school_is_a_400(world):
    r = route(NORTH)
    other = OrgUnit.objects.filter(path__startswith=world.school_b.path, kind="class").first()
    client = world.web("officer_a")
    for response in (client.get(_url(r, other)), client.get(_url(r) + "?class=x"),
                     client.post(_url(r), {"class": other.pk, "riders": _pupils(other)[:1]}),
                     client.post(_url(r), {"riders": []})):
        assert response.status_code == 400
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        assert "Choose a class of this school." in text and "class:" not in text
    assert _events(r) == 0


def test_a_pupil_of_another_school_or_class_is_a_form_error_on_riders(world):
    r, first = route(NORTH), _classes(world)[0]
    before = _riders(r)
    stranger = Student.objects.filter(org_unit__path__startswith=world.school_b.path).first()
    classmate_elsewhere = _pupils(_classes(world)[1])[0]
    for intruder in (stranger.pk, classmate_elsewhere):
        response = world.web("officer_a").post(_url(r), {"class": first.pk, "riders": [intruder],
                                                        "version": r.version})
        assert response.status_code == 400
        text = response.content.decode()
        assert _field_error(text) == "Choose pupils of this class."
        assert str(intruder) not in re.sub(r"<[^>]+>", "", text)
    assert _riders(r) == before and _events(r) == 0


def test_more_riders_than_seats_is_a_form_error_naming_riders(world):
    r, second = route(NORTH), _classes(world)[1]
    before = _riders(r)
    whole_class = _pupils(second)
    assert len(before) + len(whole_class) > r.vehicle.seats
    response = world.web("officer_a").post(_url(r), {"class": second.pk, "riders": whole_class,
                                                    "version": r.version})
    assert response.status_code == 400
    assert _field_error(response.content.decode()) == "20 riders, but the bus has 19 seats."
    assert _riders(r) == before and _events(r) == 0


def test_a_stale_version_is_a_409_with_a_message_and_nothing_changes(world):
    r, first = route(NORTH), _classes(world)[0]
    read = r.version
    fleet.set_riders(r, actor=world.user("principal_a"), riders=list(_riders(r))[:7])
    before = _riders(r)
    response = world.web("officer_a").post(_url(r), {"class": first.pk, "riders": _pupils(first)[:2],
                                                    "version": read})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Someone else changed the riders meanwhile." in text
    assert _riders(r) == before
    # The answer shows the class as it is now, at the version it is now: the change is made again on that.
    r.refresh_from_db()
    ticked = set(map(int, re.findall(r'<input type="checkbox" name="riders" value="(\d+)"[^>]*checked', text)))
    assert ticked == {s for s in before if s in _pupils(first)}
    assert f'name="version" value="{r.version}"' in text


def test_the_route_page_links_to_the_riders_page_for_who_may_change_them(world):
    r = route(NORTH)
    link = f'href="/transport/routes/{r.pk}/riders/"'
    assert link in world.web("officer_a").get(r.get_absolute_url()).content.decode()
    assert link not in world.web("escort_a").get(r.get_absolute_url()).content.decode()


def test_the_page_in_chinese_shows_no_raw_names_or_codes(world):
    r, second = route(NORTH), _classes(world)[1]
    client = world.web("officer_a", language="zh-hans")
    too_many = client.post(_url(r), {"class": second.pk, "riders": _pupils(second), "version": r.version})
    pages = [client.get(_url(r)).content.decode(), too_many.content.decode()]
    for text in pages:
        body = re.sub(r"<[^>]+>", " ", text.split("<main", 1)[-1])
        assert "乘车学生" in body and "班级" in body
        for raw in ("riders", "version", "Riders", "Class", "Save", "seats", "None"):
            assert raw not in body, raw
    assert "乘车 8 人，核载 19 人" in pages[0]
    assert _field_error(pages[1]) == "乘车学生20人，但该车核载19人。"


def test_the_page_runs_a_fixed_number_of_queries(world):
    r, first = route(NORTH), _classes(world)[0]
    client = world.web("officer_a")
    client.get(_url(r, first))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(_url(r, first)).status_code == 200
    fleet.set_riders(r, actor=world.user("officer_a"), riders=[*_riders(r), *_pupils(first)[5:9]])
    with exact_queries(len(ctx.captured_queries)):
        client.get(_url(r, first))


# --- the API ---------------------------------------------------------------------------------------------

def test_the_api_replaces_the_riders(world):
    r = route(NORTH)
    keep = sorted(_riders(r))[:6]
    response = world.api("officer_a").post(f"/api/v1/bus-routes/{r.pk}/riders",
                                           {"riders": keep, "version": r.version}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert sorted(body["riders"]) == keep and body["version"] == r.version + 1
    assert _riders(r) == set(keep) and _events(r) == 1


def test_the_same_list_again_changes_nothing(world):
    r = route(NORTH)
    response = world.api("officer_a").post(f"/api/v1/bus-routes/{r.pk}/riders",
                                           {"riders": sorted(_riders(r))}, format="json")
    assert response.status_code == 200 and response.json()["version"] == r.version
    assert _events(r) == 0


@pytest.mark.parametrize("body", [{"riders": "many"}, {"riders": [0]}, {"riders": ["x"]}, {},
                                  {"riders": [], "version": "old"}, {"riders": [], "colour": "red"}])
def test_bad_riders_input_is_a_400(world, body):
    r = route(NORTH)
    response = world.api("officer_a").post(f"/api/v1/bus-routes/{r.pk}/riders", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["fields"]


def test_more_riders_than_seats_through_the_api_is_a_400_naming_riders(world):
    r = route(NORTH)
    many = list(Student.objects.filter(org_unit__path__startswith=world.school_a.path, is_active=True)
                .values_list("pk", flat=True)[:20])
    response = world.api("officer_a").post(f"/api/v1/bus-routes/{r.pk}/riders", {"riders": many}, format="json")
    assert response.status_code == 400 and "riders" in response.json()["fields"]
    assert len(_riders(r)) == 8 and _events(r) == 0


def test_a_pupil_of_another_school_through_the_api_is_a_400_naming_riders(world):
    r = route(NORTH)
    stranger = Student.objects.filter(org_unit__path__startswith=world.school_b.path).first()
    response = world.api("officer_a").post(f"/api/v1/bus-routes/{r.pk}/riders",
                                           {"riders": [*_riders(r), stranger.pk]}, format="json")
    assert response.status_code == 400 and "riders" in response.json()["fields"]
    assert stranger.pk not in _riders(r)


def test_a_stale_version_through_the_api_is_a_409(world):
    r = route(NORTH)
    response = world.api("officer_a").post(f"/api/v1/bus-routes/{r.pk}/riders",
                                           {"riders": [], "version": r.version + 1}, format="json")
    assert response.status_code == 409
    assert len(_riders(r)) == 8


def test_another_school_s_route_is_a_404(world):
    r = route(NORTH)
    response = world.api("officer_b").post(f"/api/v1/bus-routes/{r.pk}/riders", {"riders": []}, format="json")
    assert response.status_code == 404
    assert len(_riders(r)) == 8


def test_a_long_change_names_thirty_pupils_and_counts_the_rest(world):
    from safecampus.transport.history_labels import NAMES_SHOWN, _names

    ids = [10**9, *Student.objects.filter(org_unit__path__startswith=world.school_a.path)
           .order_by("pk").values_list("pk", flat=True)[:NAMES_SHOWN + 4]]
    Student.objects.filter(pk=ids[1]).update(name=f"#{ids[1]}")  # erased: the row keeps only its key
    text = _names(ids)
    assert text.startswith("(removed), (removed), ") and text.count(", ") == NAMES_SHOWN - 1
    assert f"#{ids[1]}" not in text
    assert text.endswith(f"and {len(ids) - NAMES_SHOWN} more")

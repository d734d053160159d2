import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("given", "stored"), [("start_of_year", "start_of_year"), ("Special meeting", "special"),
                                               ("conference", "start_of_year")])
def test_meeting_kinds_in_other_words(world, given, stored):
    response = world.api("principal_a").post("/api/v1/meetings", {
        "org_unit": world.school_a.pk, "kind": given, "held_at": "2026-11-20T09:00:00+08:00", "title": "M",
        "minutes": "", "attendees": [], "actions": []}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == stored


def test_an_unknown_meeting_kind_is_a_400(world):
    response = world.api("principal_a").post("/api/v1/meetings", {
        "org_unit": world.school_a.pk, "kind": "party", "held_at": "2026-11-20T09:00:00+08:00", "title": "M",
        "attendees": [], "actions": []}, format="json")
    assert response.status_code == 400 and "kind" in response.json()["fields"]

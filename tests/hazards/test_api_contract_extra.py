import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("given", "stored"), [("facility", "building"), ("Fire", "fire"), ("traffic", "transport")])
def test_common_category_words_are_understood(world, given, stored):
    response = world.api("teacher_a").post("/api/v1/hazards", {
        "org_unit": world.school_a.pk, "title": "t", "category": given, "level": "general",
        "location": "", "description": ""}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["category"] == stored


def test_an_unknown_category_is_still_a_400(world):
    response = world.api("teacher_a").post("/api/v1/hazards", {
        "org_unit": world.school_a.pk, "title": "t", "category": "unicorns", "level": "general"}, format="json")
    assert response.status_code == 400 and "category" in response.json()["fields"]

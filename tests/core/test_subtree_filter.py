"""``?org_unit=`` on every API list: the unit and its subtree; anything but a unit id is a 400."""

import pytest

LISTS = ["/api/v1/hazards", "/api/v1/incidents", "/api/v1/inspections", "/api/v1/notices",
         "/api/v1/accountability-records"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", ["abc", "0", "-3", str(2**63), "1.5"])
def test_a_value_that_is_no_unit_id_is_a_400_naming_the_parameter(world, path, value):
    response = world.api("central").get(path, {"org_unit": value})
    assert response.status_code == 400, (path, value, response.status_code)
    assert "org_unit" in response.json()["fields"]


def test_a_unit_means_its_subtree_and_an_unknown_one_nothing(world):
    from safecampus.hazards.services import report_hazard

    mine = report_hazard(actor=world.user("officer_a"), org_unit=world.school_a, title="Loose rail",
                         category="building", level="general")
    api = world.api("central")
    by_central = {h["id"] for h in api.get("/api/v1/hazards", {"org_unit": world.central.pk, "page_size": 200})
                  .json()["results"]}
    by_school_b = {h["id"] for h in api.get("/api/v1/hazards", {"org_unit": world.school_b.pk, "page_size": 200})
                   .json()["results"]}
    assert mine.pk in by_central and mine.pk not in by_school_b
    assert api.get("/api/v1/hazards", {"org_unit": 987654321}).json()["results"] == []

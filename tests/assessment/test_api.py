"""CONTRACT.md, Assessment: GET /api/v1/assessments and POST /api/v1/assessments/marks; school-years."""

from __future__ import annotations

import pytest

from safecampus.core.testing.queries import exact_queries

CONTRACT_ROW = {"org_unit", "score", "rank", "vetoed", "indicators"}
CONTRACT_INDICATOR = {"code", "title", "weight", "score", "evidence"}


def test_school_years_hold_the_contract_semesters_included(world):
    body = world.api("officer_a").get(f"/api/v1/school-years?org_unit={world.school_a.pk}").json()
    year = body["results"][0]
    assert {"id", "name", "start", "end", "semesters"} <= set(year)
    assert year["semesters"] and set(year["semesters"][0]) == {"id", "kind", "start", "end"}


def _year(world, username="central"):
    return world.api(username).get(f"/api/v1/school-years?org_unit={world.central.pk}").json()["results"][0]


def test_assessments_per_school_as_the_contract_says(world):
    year = _year(world)
    answer = world.api("central").get(f"/api/v1/assessments?school_year={year['id']}&org_unit={world.central.pk}")
    assert answer.status_code == 200, answer.content
    rows = answer.json()["results"]
    assert {r["org_unit"] for r in rows} == {world.school_a.pk, world.school_b.pk, world.kinder_c.pk}
    for row in rows:
        assert set(row) >= CONTRACT_ROW
        for ind in row["indicators"]:
            assert set(ind) >= CONTRACT_INDICATOR
    a = next(r for r in rows if r["org_unit"] == world.school_a.pk)
    assert a["vetoed"] is True and a["score"] <= 60
    site = next(i for i in a["indicators"] if i["code"] == "marked.site_inspection")
    assert site["score"] == 86.0 and site["mark"]["note"] and site["self_assessment"]["score"] == 95.0
    hazards = next(i for i in a["indicators"] if i["code"] == "hazards.closed_on_time")
    assert hazards["evidence"].startswith("/hazards/?")
    semester = year["semesters"][0]["id"]
    term = world.api("central").get(f"/api/v1/assessments?school_year={year['id']}&semester={semester}"
                                    f"&org_unit={world.central.pk}")
    assert term.status_code == 200 and term.json()["count"] == 3


def test_a_school_sees_only_itself(world):
    rows = world.api("officer_b").get("/api/v1/assessments").json()["results"]
    assert [r["org_unit"] for r in rows] == [world.school_b.pk]
    assert rows[0]["rank"] is not None  # its place among the central school's schools


def test_the_list_runs_a_fixed_number_of_queries(world):
    api = world.api("central")
    year = _year(world)
    url = f"/api/v1/assessments?school_year={year['id']}&org_unit={world.central.pk}"
    api.get(url)
    # Set-based: the same count for three schools or two thousand (one grouped query per indicator and
    # rule, whatever the number of schools).
    with exact_queries(QUERIES):
        assert api.get(url).status_code == 200


QUERIES = 70


def test_marks_by_the_central_school_replace_the_score(world):
    year = _year(world)
    body = {"org_unit": world.school_b.pk, "school_year": year["id"], "indicator": "hazards.closed_on_time",
            "score": 55, "note": "现场复核"}
    first = world.api("central").post("/api/v1/assessments/marks", body, format="json")
    assert first.status_code == 201, first.content
    again = world.api("authority").post("/api/v1/assessments/marks", {**body, "score": 60}, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    rows = world.api("central").get(f"/api/v1/assessments?org_unit={world.school_b.pk}").json()["results"]
    ind = next(i for i in rows[0]["indicators"] if i["code"] == "hazards.closed_on_time")
    assert ind["score"] == 60.0 and ind["mark"] == {"score": 60.0, "note": "现场复核"}


@pytest.mark.parametrize("who", ["principal_a", "officer_a", "teacher_a"])
def test_others_may_not_mark(world, who):
    year = _year(world)
    body = {"org_unit": world.school_a.pk, "school_year": year["id"], "indicator": "marked.site_inspection",
            "score": 99, "note": "自己打分"}
    assert world.api(who).post("/api/v1/assessments/marks", body, format="json").status_code == 403


@pytest.mark.parametrize(("change", "field"), [
    ({"score": 100.5}, "score"), ({"score": -1}, "score"), ({"score": "many"}, "score"),
    ({"indicator": "nope"}, "indicator"), ({"school_year": 999999}, "school_year"),
    ({"school_year": "x"}, "school_year"),
    ({"org_unit": 999999}, "org_unit"), ({"semester": 999999}, "semester"), ({"extra": 1}, "extra"),
    ({"note": ""}, "note"), ({"kind": "boss"}, "kind"),
])
def test_bad_marks_are_400_naming_the_field(world, change, field):
    year = _year(world)
    body = {"org_unit": world.school_a.pk, "school_year": year["id"], "indicator": "marked.site_inspection",
            "score": 80, "note": "ok", **change}
    answer = world.api("central").post("/api/v1/assessments/marks", body, format="json")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()["fields"]


def test_a_unit_out_of_sight_reads_as_unknown(world):
    year = _year(world)
    body = {"org_unit": world.school_a.pk, "school_year": year["id"], "indicator": "marked.site_inspection",
            "score": 80, "note": "x", "kind": "self"}
    answer = world.api("officer_b").post("/api/v1/assessments/marks", body, format="json")
    assert answer.status_code == 400 and "org_unit" in answer.json()["fields"]


@pytest.mark.parametrize(("query", "field"), [
    ("school_year=abc", "school_year"), ("school_year=0", "school_year"), ("school_year=99999999", "school_year"),
    ("org_unit=-1", "org_unit"), ("org_unit=99999999", "org_unit"), ("semester=99999999", "semester"),
    ("colour=red", "colour"),
])
def test_bad_queries_are_400_naming_the_parameter(world, query, field):
    answer = world.api("central").get(f"/api/v1/assessments?{query}")
    assert answer.status_code == 400, answer.content
    assert field in answer.json()["fields"]

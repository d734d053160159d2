"""``GET /api/v1/inspections`` answers summary rows: the inspection and the counts of its results; the
checklist's items and the results themselves are the detail's."""

from __future__ import annotations

from safecampus.inspections import services

from .helpers import all_pass, scheduled

NESTED = {"items", "results", "hazards"}
COUNTS = {"results_count", "failed_count", "hazards_count"}


def _row(world, inspection, user="central") -> dict:
    listed = world.api(user).get("/api/v1/inspections?page_size=200").json()["results"]
    return next(r for r in listed if r["id"] == inspection.pk)


def test_a_row_is_the_detail_without_items_and_results_and_with_their_counts(world):
    inspection = scheduled(world)
    results = all_pass(inspection, p1="fail", p2="fail", p3="na")
    services.complete_inspection(inspection, actor=world.user("officer_b"), results=results)
    detail = world.api("central").get(f"/api/v1/inspections/{inspection.pk}").json()
    row = _row(world, inspection)
    assert not NESTED & set(row)
    assert row == {**{k: v for k, v in detail.items() if k not in NESTED}, "results_count": len(results),
                   "failed_count": 2, "hazards_count": len(detail["hazards"])}
    assert detail["hazards"] and row["score"] == detail["score"] is not None


def test_a_scheduled_inspection_counts_nothing_and_offers_its_actions(world):
    inspection = scheduled(world)
    for user in ("officer_b", "central", "authority"):
        row = _row(world, inspection, user)
        detail = world.api(user).get(f"/api/v1/inspections/{inspection.pk}").json()
        assert {k: row[k] for k in COUNTS} == dict.fromkeys(COUNTS, 0)
        assert row["allowed_actions"] == detail["allowed_actions"], user
    assert _row(world, inspection)["allowed_actions"]


def test_the_chinese_reader_reads_the_checklist_name_in_chinese(world):
    inspection = scheduled(world)
    api = world.api("central")
    english = next(r for r in api.get("/api/v1/inspections?page_size=200").json()["results"]
                   if r["id"] == inspection.pk)
    chinese = next(r for r in api.get("/api/v1/inspections?page_size=200", HTTP_ACCEPT_LANGUAGE="zh-hans").json()[
        "results"] if r["id"] == inspection.pk)
    assert english["template_name"] == inspection.template.name
    assert chinese["template_name"] == inspection.template.name_zh != english["template_name"]

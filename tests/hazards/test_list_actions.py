"""A page of hazards decides its actions once per kind of row (``allowed_by_key``): each row's
``allowed_actions`` must be exactly what the hazard's own detail answers to the same reader."""

from __future__ import annotations

from safecampus.core.testing.queries import exact_queries

from .helpers import make

READERS = ("teacher_a", "officer_a", "principal_a", "central", "authority", "officer_b")


def test_every_row_offers_the_actions_of_its_detail_to_every_reader(world):
    made = [make(world, state, level=level, category=category)
            for state in ("reported", "assigned", "awaiting_verification", "closed")
            for level in ("general", "major") for category in ("fire", "surroundings")]
    made.append(make(world, "assigned", school="school_b"))
    offered = set()
    for reader in READERS:
        api = world.api(reader)
        rows = {r["id"]: r for r in api.get("/api/v1/hazards?page_size=200").json()["results"]}
        for hazard in made:
            detail = api.get(f"/api/v1/hazards/{hazard.pk}")
            if detail.status_code != 200:
                assert hazard.pk not in rows, reader
                continue
            assert rows[hazard.pk]["allowed_actions"] == detail.json()["allowed_actions"], (reader, hazard.status)
            offered.update(detail.json()["allowed_actions"])
    # The comparison means something only if the rows offered the loop's every step and the extras.
    assert {"assign", "rectify", "verify", "reject", "commitments", "contact", "supervise"} <= offered


def test_the_page_reads_no_school_and_runs_a_fixed_number_of_queries(world):
    api = world.api("central")
    api.get("/api/v1/hazards")
    with exact_queries(4) as few:  # token, grants, count, page (the schools' paths with the rows)
        assert api.get("/api/v1/hazards?page_size=200").status_code == 200
    for school in ("school_a", "school_b"):
        make(world, "assigned", school=school, level="major")
    with exact_queries(len(few.captured_queries)):
        assert api.get("/api/v1/hazards?page_size=200").status_code == 200

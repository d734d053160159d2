"""A grant answers exactly as matching every one of its patterns would (it only skips those that cannot)."""

from __future__ import annotations

import itertools

from safecampus.core.permissions import Grant, capability_matches

WORDS = ["a", "b", "*", "", "a.b", "a.*", "*.b", "*.*", "a.", ".b", "a.c", "b.b", "a.b.c", "a.b*", "ab", "."]


def test_allows_is_any_pattern_matching():
    for held in itertools.combinations(WORDS, 3):
        grant = Grant(1, "/1/", "role", frozenset(held))
        for asked in [*WORDS, "x.y", "a.bc", "hazards.view"]:
            assert grant.allows(asked) == any(capability_matches(p, asked) for p in held), (held, asked)


def test_a_role_of_plain_capabilities_and_one_pattern():
    grant = Grant(1, "/1/", "officer", frozenset({"hazards.view", "hazards.report", "incidents.*"}))
    assert grant.allows("hazards.view") and grant.allows("incidents.close")
    assert not grant.allows("hazards.verify") and not grant.allows("org.view")

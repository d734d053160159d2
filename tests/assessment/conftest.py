from __future__ import annotations

import pytest
from django.utils import timezone

from safecampus.assessment import selectors


@pytest.fixture
def period(world):
    return selectors.pick_period(world.central, today=timezone.localdate())


def scored(world, period, username="central", now=None) -> dict:
    """The central school's schools, scored, by school id."""
    rows = selectors.scores(world.user(username), world.central, period, now=now)
    return {r.unit["id"]: r for r in rows}


def indicator(result, code):
    return next(i for i in result.indicators if i.code == code)

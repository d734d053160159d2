"""The semester-start meeting is met by a start-of-year safety meeting, not by any meeting."""

import pytest

from safecampus.compliance.engine import evaluate
from safecampus.compliance.models import Obligation
from safecampus.responsibility import services as meetings

from .conftest import at

pytestmark = pytest.mark.django_db


def _status(world, unit):
    rule = Obligation.objects.get(org_unit=world.central, code="semester-start-meeting")
    rows = evaluate(roots=[unit.path], now=at("2026-09-12 12:00"), rules=[rule])
    return next(r for r in rows if r.unit_id == unit.pk)


def _meeting(world, kind, day):
    meetings.record_meeting(actor=None, org_unit=world.school_b, kind=kind, held_at=at(f"{day} 16:00"),
                            title="Meeting", attendees=[world.user("officer_b")], actions=[])


def test_a_special_meeting_does_not_count(world):
    _meeting(world, "special", "2026-09-03")
    assert _status(world, world.school_b).done == 0


def test_the_start_of_year_meeting_counts(world):
    _meeting(world, "start_of_year", "2026-09-03")
    row = _status(world, world.school_b)
    assert row.done == 1 and row.status == "met"

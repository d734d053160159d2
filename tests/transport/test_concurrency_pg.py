"""Two escorts at the same moment (PostgreSQL): one boarding record, one alighting, one close."""

from __future__ import annotations

import pytest

from safecampus.core.errors import Conflict
from safecampus.core.models import AuditEvent
from safecampus.core.testing.concurrency import at_once
from safecampus.core.testing.personas import World
from safecampus.transport.models import Trip, TripRider
from safecampus.transport.services import trips

from .helpers import new_trip

pytestmark = pytest.mark.postgres


def test_two_escorts_tapping_the_same_child_at_once_make_one_record(pg_only, transactional_db):
    world = World()
    trip = new_trip(world)
    child = trip.riders.select_related("student").first().student
    escorts = iter([world.user("escort_a"), world.user("escort_a2")])
    users = {}

    def tap():
        import threading

        me = users.setdefault(threading.get_ident(), next(escorts))
        return trips.board(Trip.objects.get(pk=trip.pk), actor=me, student=child).pk

    results, errors = at_once(tap)
    assert not errors and len(set(results)) == 1
    assert TripRider.objects.filter(trip=trip, student=child, boarded_at__isnull=False).count() == 1
    assert AuditEvent.objects.filter(action="transport.boarded", object_id=str(trip.pk)).count() == 1


def test_two_alights_at_once_are_one_and_two_closes_one_wins(pg_only, transactional_db):
    world = World()
    trip = new_trip(world)
    escort = world.user("escort_a")
    child = trip.riders.select_related("student").first().student
    trips.board(trip, actor=escort, student=child)
    results, errors = at_once(lambda: trips.alight(Trip.objects.get(pk=trip.pk), actor=escort, student=child).pk)
    assert not errors and len(set(results)) == 1
    assert AuditEvent.objects.filter(action="transport.alighted", object_id=str(trip.pk)).count() == 1
    results, errors = at_once(lambda: trips.close_trip(Trip.objects.get(pk=trip.pk), actor=escort).status)
    assert results == ["closed"] and len(errors) == 1 and isinstance(errors[0], Conflict)

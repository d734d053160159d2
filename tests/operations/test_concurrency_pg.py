"""Two at the gate at the same moment (PostgreSQL): one check-in, one hand-over, one "left", one duty log, one
vaccination check of a double submit."""

from __future__ import annotations

import pytest

from safecampus.core.errors import Conflict
from safecampus.core.testing.concurrency import at_once
from safecampus.core.testing.personas import World
from safecampus.operations.models import DutyLog, PatrolCheckin, Pickup, VaccinationCheck, Visitor
from safecampus.operations.people import local_today
from safecampus.operations.services import duty, patrols, pickup, vaccination, visitors

from .helpers import route, visitor

pytestmark = pytest.mark.postgres


def test_a_double_scan_at_the_same_moment_is_one_check_in(pg_only, transactional_db):
    world = World()
    code = route(world).checkpoints.first().code
    guard = world.user("guard_a")
    results, errors = at_once(lambda: patrols.check_in(actor=guard, code=code).pk)
    assert not errors and len(set(results)) == 1
    assert PatrolCheckin.objects.filter(checkpoint__code=code).count() == 1


def test_leaving_at_the_same_moment_once_and_a_409(pg_only, transactional_db):
    world = World()
    v = visitor(world)
    guard = world.user("guard_a")
    results, errors = at_once(lambda: visitors.leave(Visitor.objects.get(pk=v.pk), actor=guard).status)
    assert results == ["left"] and len(errors) == 1 and isinstance(errors[0], Conflict)


def test_one_child_handed_over_twice_at_once_is_one_record(pg_only, transactional_db):
    world = World()
    from safecampus.org.models import Student

    handed = Pickup.objects.filter(status="handed_over", date=local_today(world.class_a)).values("student")
    child = Student.objects.filter(org_unit=world.class_a).exclude(pk__in=handed).first()
    adult = pickup.create_authorisation(actor=None, student=child, name="外公", relation="外公")
    guard = world.user("guard_a")
    results, errors = at_once(lambda: pickup.create_pickup(actor=guard, student=child, authorisation=adult).pk)
    assert not errors and len(set(results)) == 1
    assert Pickup.objects.filter(student=child, status="handed_over", date=local_today(child.org_unit)).count() == 1


def test_two_logs_of_one_shift_at_once_one_wins(pg_only, transactional_db):
    world = World()
    officer = world.user("officer_b")
    day = local_today(world.school_b)
    results, errors = at_once(lambda: duty.create_duty_log(
        actor=officer, org_unit=world.school_b, date=day, shift="holiday", leader=officer, summary="x").pk)
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], Conflict)
    assert DutyLog.objects.filter(org_unit=world.school_b, date=day, shift="holiday").count() == 1


def test_a_vaccination_check_sent_twice_at_once_is_one_record(pg_only, transactional_db):
    world = World()
    from safecampus.org.models import Student

    pupil = Student.objects.filter(org_unit=world.class_a).order_by("id").first()
    doctor = world.user("doctor_a")
    results, errors = at_once(lambda: vaccination.check_certificate(
        actor=doctor, student=pupil, status="missing", note="证遗失", request_id="twice-at-once").pk)
    assert not errors and len(set(results)) == 1
    assert VaccinationCheck.objects.filter(checked_by=doctor, request_id="twice-at-once").count() == 1

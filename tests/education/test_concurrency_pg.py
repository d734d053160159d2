"""Two presses of "I have read it" at the same moment: one acknowledgement, one audit event (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.test import Client

from safecampus.core.models import AuditEvent
from safecampus.core.testing.concurrency import at_once
from safecampus.core.testing.personas import World
from safecampus.education.models import NoticeReceipt

from .helpers import notice

pytestmark = pytest.mark.postgres


def test_two_acknowledgements_at_once(pg_only, transactional_db):
    world = World()
    sent = notice(world, unit=world.class_a)
    receipt = NoticeReceipt.objects.filter(notice=sent).first()
    results, errors = at_once(lambda: Client().post(receipt.link_path).status_code, times=4)
    assert not errors and results == [200] * 4
    receipt.refresh_from_db()
    assert receipt.acknowledged_at is not None
    assert AuditEvent.objects.filter(action="education.notice_acknowledged", object_id=str(receipt.pk)).count() == 1


def test_last_two_lessons_at_once_complete_the_school(pg_only, transactional_db):
    from safecampus.education.models import Coverage

    from .helpers import lesson, lesson_day

    world = World()
    day, holiday = lesson_day(world.school_b)
    classes = [world.unit("school_b:Class 1-1"), world.unit("school_b:Class 3-1")]
    jobs = iter(classes)

    def record():
        klass = next(jobs)
        return lesson(world, who="officer_b", unit=klass, topic="drowning", kind="before_holiday", held_on=day).pk

    results, errors = at_once(record, times=2)
    assert not errors and len(results) == 2
    row = Coverage.objects.get(org_unit=world.school_b, duty="holiday_lesson")
    assert (row.covered, row.total) == (2, 2) and row.complete_on is not None

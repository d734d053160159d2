"""Shared makers of the education tests."""

from __future__ import annotations

from datetime import timedelta

from safecampus.education import services
from safecampus.education.services.common import local_today
from safecampus.education.services.coverage import holiday_window, next_holiday


def lesson_day(school):
    """A day inside the window before the coming holiday, not in the future."""
    today = local_today(school)
    holiday = next_holiday(school, today)
    start = holiday_window(school, holiday)[0]
    return max(start, today - timedelta(days=1)), holiday


def notice(world, who="officer_a", unit=None, **kw):
    unit = unit or world.school_a
    return services.send_notice(actor=world.user(who), org_unit=unit, title=kw.pop("title", "Holiday letter"),
                                body=kw.pop("body", "Keep away from rivers."), **kw)


def lesson(world, who="teacher_a", unit=None, **kw):
    unit = unit or world.class_a
    return services.record_lesson(actor=world.user(who), org_unit=unit, topic=kw.pop("topic", "traffic"),
                                  kind=kw.pop("kind", "regular"), held_on=kw.pop("held_on", local_today(unit)), **kw)


def training(world, who="officer_a", unit=None, **kw):
    unit = unit or world.school_a
    attendees = kw.pop("attendees", [world.user("teacher_a")])
    return services.record_training(actor=world.user(who), org_unit=unit, title=kw.pop("title", "Fire training"),
                                    held_on=kw.pop("held_on", local_today(unit)), hours=kw.pop("hours", 2),
                                    attendees=attendees, **kw)

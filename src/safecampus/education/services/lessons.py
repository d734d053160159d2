"""Lessons held in classes, and the topics a central school adds to the library."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import InvalidInput
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.choices import UnitKind

from ..choices import Duty, LessonKind
from ..models import Lesson, Topic
from .common import local_today, not_in_future, school_of
from .coverage import refresh_holiday

# A lesson is recorded after it is held; a term's forgotten entries may come late, a year's not.
LATEST_BACKDATE = timedelta(days=366)


def resolve_topic(value: Any, klass) -> Topic:
    """A topic offered to ``klass``: by id or by code."""
    offered = Topic.offered_at(klass)
    if isinstance(value, Topic):
        found = offered.filter(pk=value.pk).first()
    elif isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        found = offered.filter(pk=int(value)).first()
    elif isinstance(value, str) and value.strip():
        # A unit's own topic wins over the library's of the same code.
        found = offered.filter(code=value.strip()).order_by(F("owner__depth").desc(nulls_last=True)).first()
    else:
        found = None
    if found is None:
        raise InvalidInput.field("topic", _("Choose a topic from the library."))
    return found


@transaction.atomic
def record_lesson(*, actor, org_unit, topic: Any, kind: str, held_on: Any, teacher=None, note: str = "",
                  photos: Iterable = ()) -> Lesson:
    """Record a lesson held in a class. The same class, topic, kind and day again is the same lesson."""
    if org_unit is None or org_unit.kind != UnitKind.CLASS:
        raise InvalidInput.field("org_unit", _("A lesson is held in a class."))
    require(actor, "education.record_lesson", org_unit)
    kind = inputs.choice(kind, "kind", LessonKind)
    held_on = not_in_future(inputs.date(held_on, "held_on"), org_unit, "held_on")
    if held_on < local_today(org_unit) - LATEST_BACKDATE:
        raise InvalidInput.field("held_on", _("Lessons older than a year cannot be recorded."))
    note = inputs.text(note, "note", required=False, max_length=500)
    topic = resolve_topic(topic, org_unit)
    existing = Lesson.objects.filter(org_unit=org_unit, topic=topic, kind=kind, held_on=held_on).first()
    if existing is not None:
        return existing
    try:
        # A savepoint: a double submit racing this one hits the unique key and gets the first lesson.
        with transaction.atomic():
            lesson = Lesson.objects.create(org_unit=org_unit, topic=topic, kind=kind, held_on=held_on,
                                           teacher=teacher or actor, note=note, recorded_by=actor)
    except IntegrityError:
        return Lesson.objects.get(org_unit=org_unit, topic=topic, kind=kind, held_on=held_on)
    for photo in photos or ():
        store(photo, target=lesson, actor=actor, purpose="photo", field="photos")
    audit.record("education.lesson_recorded", actor=actor, obj=lesson,
                 changes={"topic": topic.code, "kind": kind, "held_on": held_on,
                          "teacher": lesson.teacher_id})
    ensure_in_scope(actor, "education.record_lesson", lesson)
    if kind == LessonKind.BEFORE_HOLIDAY:
        refresh_holiday(school_of(org_unit), held_on, Duty.HOLIDAY_LESSON)
    return lesson


@transaction.atomic
def create_topic(*, actor, org_unit, name: str, name_zh: str = "", code: str = "") -> Topic:
    """A central school's (or authority's) own topic, offered to every class below it."""
    if org_unit is None or org_unit.kind not in (UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY):
        raise InvalidInput.field("org_unit", _("Topics are added by a central school or the authority."))
    require(actor, "education.manage_topics", org_unit)
    name = inputs.text(name, "name", max_length=100)
    name_zh = inputs.text(name_zh, "name_zh", required=False, max_length=100)
    code = slugify(inputs.text(code, "code", required=False, max_length=40) or name)[:40]
    if not code:
        raise InvalidInput.field("code", _("Give a short code in Latin letters."))
    if Topic.objects.filter(owner=org_unit, code=code).exists():
        raise InvalidInput.field("code", _("This unit already has a topic with this code."))
    topic = Topic.objects.create(owner=org_unit, code=code, name=name, name_zh=name_zh, sort=500)
    audit.record("education.topic_added", actor=actor, org_unit=org_unit, object_type="education.topic",
                 object_id=topic.pk, changes={"code": code, "name": name, "name_zh": name_zh})
    return topic


def semester_bounds(unit, day: date) -> tuple[date, date]:
    from safecampus.org.calendar import semester_at

    semester = semester_at(unit, day)
    if semester is None:
        return day.replace(month=1, day=1) if day.month < 8 else day.replace(month=8, day=1), day
    return semester.start, semester.end

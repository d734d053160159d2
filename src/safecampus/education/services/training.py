"""Training programmes and sessions; each session's hours count for every attendee."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import InvalidInput
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.choices import UnitKind
from safecampus.org.models import Staff

from ..models import Attendance, TrainingProgramme, TrainingSession
from .common import not_in_future
from .coverage import refresh_training, schools_of_users

TRAINING_UNITS = (UnitKind.SCHOOL, UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY)


def _unit(org_unit):
    if org_unit is None or org_unit.kind not in TRAINING_UNITS:
        raise InvalidInput.field("org_unit", _("Training is held by a school, a central school or the authority."))
    return org_unit


@transaction.atomic
def create_programme(*, actor, org_unit, title: str, year, description: str = "") -> TrainingProgramme:
    require(actor, "education.train", _unit(org_unit))
    programme = TrainingProgramme.objects.create(
        org_unit=org_unit, title=inputs.text(title, "title", max_length=inputs.SHORT_TEXT),
        year=inputs.year(year, "year"), description=inputs.text(description, "description", required=False))
    audit.record("education.programme_created", actor=actor, obj=programme,
                 changes={"title": programme.title, "year": programme.year})
    ensure_in_scope(actor, "education.train", programme)
    return programme


def _attendees(org_unit, values) -> list[int]:
    """Users with a staff record at or below the unit that holds the session."""
    wanted = inputs.ids([getattr(v, "pk", v) for v in (values or [])], "attendees")
    if not wanted:
        raise InvalidInput.field("attendees", _("Name at least one attendee."))
    found = set(Staff.objects.filter(user_id__in=wanted, org_unit__path__startswith=org_unit.path)
                .values_list("user_id", flat=True))
    if len(found) != len(wanted):
        raise InvalidInput.field("attendees", _("Every attendee must be a member of staff of this unit."))
    return wanted


@transaction.atomic
def record_training(*, actor, org_unit, title: str, held_on, hours, attendees: Iterable, trainer: str = "",
                    programme: TrainingProgramme | None = None, certificates: Iterable = (),
                    request_id: str = "") -> TrainingSession:
    """A session held, with its hours and who attended; their schools' coverage is recounted."""
    require(actor, "education.train", _unit(org_unit))
    title = inputs.text(title, "title", max_length=inputs.SHORT_TEXT)
    held_on = not_in_future(inputs.date(held_on, "held_on"), org_unit, "held_on")
    hours = Decimal(inputs.number(hours, "hours", minimum=Decimal("0.5"), maximum=100, integer=False))
    if hours != hours.quantize(Decimal("0.1")):
        raise InvalidInput.field("hours", _("Hours in tenths, such as 1.5."))
    trainer = inputs.text(trainer, "trainer", required=False, max_length=100)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    if programme is not None and not org_unit.path.startswith(programme.org_unit.path):
        raise InvalidInput.field("programme", _("Choose a programme of this unit or above it."))
    users = _attendees(org_unit, attendees)
    if request_id and actor is not None:
        existing = TrainingSession.objects.filter(recorded_by=actor, request_id=request_id).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            session = TrainingSession.objects.create(
                org_unit=org_unit, programme=programme, title=title, held_on=held_on, hours=hours, trainer=trainer,
                recorded_by=actor, request_id=request_id)
    except IntegrityError:
        return TrainingSession.objects.get(recorded_by=actor, request_id=request_id)
    Attendance.objects.bulk_create([Attendance(session=session, user_id=u, held_on=held_on, hours=hours)
                                    for u in users])
    for upload in certificates or ():
        store(upload, target=session, actor=actor, purpose="certificate", field="certificates")
    audit.record("education.training_recorded", actor=actor, obj=session,
                 changes={"title": title, "held_on": held_on, "hours": hours, "attendees": users,
                          "trainer": trainer})
    ensure_in_scope(actor, "education.train", session)
    for school in schools_of_users(users):
        refresh_training(school, held_on)
    return session


@transaction.atomic
def add_certificate(session: TrainingSession, *, actor, upload, expected_version: int | None = None):
    require(actor, "education.train", session.org_unit)
    from safecampus.core.concurrency import bump, lock

    session = lock(TrainingSession, session.pk, expected_version)
    if upload is None:
        raise InvalidInput.field("file", _("Choose a file."))
    attachment = store(upload, target=session, actor=actor, purpose="certificate", field="file")
    bump(session)
    ensure_in_scope(actor, "education.train", session)
    return attachment

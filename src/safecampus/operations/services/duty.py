"""The duty roster, swaps, the duty log of each shift and its handover."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.notify import notify
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import ensure_in_scope

from .. import people
from ..choices import Shift
from ..models import DutyAssignment, DutyLog
from .common import locked, others, school

__all__ = ["create_duty_assignment", "create_duty_log", "hand_over", "swap_duty"]


def _colleague(user, unit, field: str):
    if user is None:
        raise InvalidInput.field(field, _("This field is required."))
    if not getattr(user, "is_active", False) or not has_capability(user, "operations.view", unit.path):
        raise InvalidInput.field(field, _("Choose a member of staff of this school."))
    return user


@transaction.atomic
def create_duty_assignment(*, actor, org_unit, date: date | str, shift: str, user, is_leader: bool = False
                           ) -> DutyAssignment:
    """Put a person on the roster for a shift; a second entry of the same person is the same entry."""
    unit = school(org_unit)
    require(actor, "operations.roster", unit)
    day = inputs.date(date, "date")
    shift = inputs.choice(shift, "shift", Shift)
    user = _colleague(user, unit, "user")
    is_leader = inputs.flag(is_leader, "is_leader")
    existing = DutyAssignment.objects.filter(org_unit=unit, date=day, shift=shift, user=user).first()
    if existing is not None:
        return existing
    item = DutyAssignment.objects.create(org_unit=unit, date=day, shift=shift, user=user, is_leader=is_leader)
    ensure_in_scope(actor, "operations.roster", item)
    audit.record("operations.duty_assigned", actor=actor, obj=item, changes={
        "date": day, "shift": shift, "user": user.username, "is_leader": is_leader})
    notify(others([user], actor), kind="operations.duty",
           title=lambda: _("You are on duty on %(date)s (%(shift)s)") % {"date": day,
                                                                        "shift": Shift(shift).label},
           url="/operations/duty/")
    return item


@transaction.atomic
def swap_duty(assignment: DutyAssignment, *, actor, to_user, reason: str, expected_version: int | None = None
              ) -> DutyAssignment:
    """Another person takes the shift; who had it is kept beside them."""
    assignment = locked(assignment, expected_version)
    unit = assignment.org_unit
    require(actor, "operations.roster", unit)
    to_user = _colleague(to_user, unit, "to_user")
    reason = inputs.text(reason, "reason", max_length=200)
    if to_user.pk == assignment.user_id:
        raise InvalidInput.field("to_user", _("Choose someone else."))
    if DutyAssignment.objects.filter(org_unit=unit, date=assignment.date, shift=assignment.shift,
                                     user=to_user).exists():
        raise InvalidInput.field("to_user", _("This person is already on this shift."))
    before = assignment.user
    assignment.swapped_from = before
    assignment.user = to_user
    assignment.version += 1
    assignment.save(update_fields=["swapped_from", "user", "version", "updated_at"])
    ensure_in_scope(actor, "operations.roster", assignment)
    audit.record("operations.duty_swapped", actor=actor, obj=assignment, reason=reason,
                 changes={"user": [before.username, to_user.username]})
    notify(others([to_user, before], actor), kind="operations.duty",
           title=lambda: _("Duty swapped on %(date)s: %(to)s takes the shift") % {
               "date": assignment.date, "to": people.name_of(to_user)},
           url="/operations/duty/")
    return assignment


@transaction.atomic
def create_duty_log(*, actor, org_unit, date: date | str, shift: str, leader, summary: str = "", events: str = "",
                    nothing_to_report: bool = False) -> DutyLog:
    """The log of one shift; a second log of the same school, day and shift is a 409."""
    unit = school(org_unit)
    require(actor, "operations.duty", unit)
    day = inputs.date(date, "date")
    if day > people.local_today(unit):
        raise InvalidInput.field("date", _("Cannot be in the future."))
    shift = inputs.choice(shift, "shift", Shift)
    leader = _colleague(leader, unit, "leader")
    nothing_to_report = inputs.flag(nothing_to_report, "nothing_to_report")
    summary = inputs.text(summary, "summary", required=not nothing_to_report)
    events = inputs.text(events, "events", required=False)
    if DutyLog.objects.filter(org_unit=unit, date=day, shift=shift).exists():
        raise Conflict(_("This shift's duty log has already been written."))
    try:
        with transaction.atomic():
            log = DutyLog.objects.create(org_unit=unit, date=day, shift=shift, leader=leader, summary=summary,
                                         events=events, nothing_to_report=nothing_to_report, written_by=actor)
    except IntegrityError:
        raise Conflict(_("This shift's duty log has already been written.")) from None
    ensure_in_scope(actor, "operations.duty", log)
    audit.record("operations.duty_logged", actor=actor, obj=log, changes={
        "date": day, "shift": shift, "leader": leader.username, "summary": summary, "events": events,
        "nothing_to_report": nothing_to_report})
    return log


@transaction.atomic
def hand_over(log: DutyLog, *, actor, to_user, note: str = "", expected_version: int | None = None) -> DutyLog:
    """The shift is handed to the next person, with what they must know; once per log."""
    log = locked(log, expected_version)
    require(actor, "operations.duty", log.org_unit)
    if log.handed_over_at is not None:
        raise Conflict(_("This shift has already been handed over."))
    to_user = _colleague(to_user, log.org_unit, "to_user")
    note = inputs.text(note, "note", required=False)
    log.handed_over_to = to_user
    log.handed_over_at = timezone.now()
    log.handover_note = note
    log.version += 1
    log.save(update_fields=["handed_over_to", "handed_over_at", "handover_note", "version", "updated_at"])
    ensure_in_scope(actor, "operations.duty", log)
    audit.record("operations.duty_handed_over", actor=actor, obj=log, changes={"to": to_user.username,
                                                                                "note": note})
    notify(others([to_user], actor), kind="operations.handover",
           title=lambda: _("Duty handed over to you: %(date)s %(shift)s") % {"date": log.date,
                                                                            "shift": log.get_shift_display()},
           body=note, url=log.get_absolute_url())
    return log

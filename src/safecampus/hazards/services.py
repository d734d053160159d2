"""Every change to a hazard: one transaction, the row locked and its version checked, one audit event.

``report_hazard`` is the door other apps (inspections, patrols, drills) open hazards through.
Default deadlines come from the rectification policy of the hazard's school (``policies.py``);
``create_policy`` / ``change_policy`` are how the central school or the authority sets it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs, replay
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Conflict, Forbidden, InvalidInput, StaleVersion
from safecampus.core.files import store
from safecampus.core.inputs import choice, text
from safecampus.core.notify import notify
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import PRESENCE, ensure_in_scope
from safecampus.org.choices import UnitKind

from . import people
from .choices import Category, ContactMethod, Level, Source, Status
from .models import Hazard, HazardContact, HazardPolicy
from .policies import policy_for
from .sweeps import sweep_deadlines
from .workflows import (
    SUPERVISE_CAPABILITY,
    WORKFLOW,
    commitments_allowed,
    contact_allowed,
    supervisable,
    supervises_from_above,
)

# The categories a hazard is filed under, for apps that open hazards (inspections map topics to them).
CATEGORIES = frozenset(Category.values)

__all__ = ["CATEGORIES", "add_contact", "assign", "change_policy", "create_policy", "record_commitments", "rectify",
           "reject", "report_hazard", "supervise", "sweep_deadlines", "verify"]


def _school_of(unit):
    """Hazards belong to a school; one reported from a class or grade is the school's."""
    if unit is None:
        raise InvalidInput.field("org_unit", _("This field is required."))
    if unit.kind == UnitKind.SCHOOL:
        return unit
    if unit.kind in (UnitKind.GRADE, UnitKind.CLASS):
        return unit.school
    raise InvalidInput.field("org_unit", _("A hazard is reported at a school."))


def _store_photos(photos: Iterable, hazard: Hazard, actor, purpose: str, field: str) -> list:
    return [store(p, target=hazard, actor=actor, purpose=purpose, field=field) for p in photos or ()]


def _url(hazard: Hazard) -> str:
    return hazard.get_absolute_url()


def _others(users: Iterable, actor) -> list:
    return [u for u in users if u is not None and (actor is None or u.pk != actor.pk)]


@transaction.atomic
def report_hazard(*, actor, org_unit, title: str, category: str, level: str, location: str = "",
                  description: str = "", source: str = "manual", source_ref: str = "", responsible_unit=None,
                  photos: Iterable = (), request_id: str = "", outside_department: str = "",
                  recurrence_of: Hazard | None = None) -> Hazard:
    """Register a hazard. A major one is escalated to the authority at once (HAZ-5)."""
    title = text(title, "title", max_length=200)
    category = choice(category, "category", Category)
    level = choice(level, "level", Level)
    source = choice(source, "source", Source)
    location = text(location, "location", required=False, max_length=200)
    description = text(description, "description", required=False, max_length=None)
    source_ref = text(source_ref, "source_ref", required=False, max_length=100)
    request_id = text(request_id, "request_id", required=False, max_length=64)
    outside_department = text(outside_department, "outside_department", required=False, max_length=200)
    school = _school_of(org_unit)
    require(actor, "hazards.report", school)
    same = {"org_unit": school, "title": title, "category": category, "level": level, "location": location,
            "description": description}
    now = timezone.now()
    try:
        if responsible_unit is not None and not responsible_unit.path.startswith(school.path):
            raise InvalidInput.field("responsible_unit", _("Choose a unit of this school."))
        if recurrence_of is not None and (recurrence_of.org_unit_id != school.pk
                                          or recurrence_of.status != Status.CLOSED):
            raise InvalidInput.field("recurrence_of", _("Only a closed hazard of the same school can recur."))
        # A savepoint: the unique key (reporter, request_id) refuses a request_id used before.
        with transaction.atomic():
            hazard = Hazard.objects.create(
                org_unit=school, title=title, category=category, level=level, location=location,
                description=description, source=source, source_ref=source_ref,
                responsible_unit=responsible_unit, reported_by=actor, reported_at=now,
                request_id=request_id if actor is not None else "", outside_department=outside_department,
                recurrence_of=recurrence_of,
                escalated=level == Level.MAJOR, escalated_at=now if level == Level.MAJOR else None)
    except (InvalidInput, IntegrityError):
        # The key is the idempotency check, so a new report costs no lookup: a request_id used before
        # (a retry, or a double submit racing this one) answers with its first hazard, as if looked up
        # before anything else was checked, and one reused for other content is a 409.
        existing = replay.earlier(Hazard, request_id, reported_by=actor, same=same) if actor is not None else None
        if existing is None:
            raise
        return existing
    ensure_in_scope(actor, "hazards.report", hazard)
    audit.record("hazards.reported", actor=actor, obj=hazard, changes={
        "title": title, "category": category, "level": level, "location": location, "source": source,
        "source_ref": source_ref, "status": Status.REPORTED,
        "recurrence_of": recurrence_of.pk if recurrence_of else None})
    # Every attachment of a new hazard, in the order stored: the API's answer reads them from here.
    hazard.stored_photos = _store_photos(photos, hazard, actor, "report", "photos")
    notify(_others(people.school_leaders(hazard), actor), kind="hazard.reported",
           title=lambda: _("New hazard at %(school)s: %(title)s") % {"school": school, "title": title},
           url=_url(hazard))
    if hazard.escalated:
        _escalate(hazard, actor)
    return hazard


def _escalate(hazard: Hazard, actor) -> None:
    targets = people.authority_officers(hazard) + people.central_officers(hazard)
    audit.record("hazards.escalated", actor=actor, obj=hazard,
                 changes={"escalated": True, "to": sorted({u.username for u in targets})},
                 reason=_("Major hazard: reported to the higher authority."))
    notify(targets, kind="hazard.escalated",
           title=lambda: _("Major hazard at %(school)s: %(title)s") % {"school": hazard.org_unit,
                                                                        "title": hazard.title},
           url=_url(hazard), dedupe_key=f"hazard:{hazard.pk}:escalated")


def _deadline(hazard: Hazard, value: Any) -> date:
    """A date the person gave (not in the past), or the policy's period for the hazard's level."""
    today = people.local_today(hazard.org_unit)
    if value in (None, ""):
        return today + timedelta(days=policy_for(hazard.org_unit).rectify_days(hazard.level))
    value = inputs.date(value, "deadline")
    if value < today:
        raise InvalidInput.field("deadline", _("The deadline cannot be in the past."))
    return value


def _move_deadline(hazard: Hazard, value: Any, changes: dict[str, Any]) -> list[str]:
    """Set a new deadline (rejection, supervision order); returns the fields it changed."""
    new = _deadline(hazard, value)
    changes["deadline"] = [hazard.deadline, new]
    hazard.deadline = new
    hazard.due_at = people.end_of_day(hazard.org_unit, new)
    # A new deadline earns its own reminder and, if missed, its own escalation.
    hazard.reminded_at = None
    hazard.overdue_escalated_at = None
    return ["deadline", "due_at", "reminded_at", "overdue_escalated_at"]


@transaction.atomic
def assign(hazard: Hazard, *, actor, assignee, deadline: date | str | None = None, note: str = "",
           responsible_unit=None, expected_version: int | None = None) -> Hazard:
    hazard = lock(Hazard, hazard.pk, expected_version)
    step = WORKFLOW.check(hazard, "assign", actor)
    if responsible_unit is not None and not responsible_unit.path.startswith(hazard.org_unit.path):
        raise InvalidInput.field("responsible_unit", _("Choose a unit of this school."))
    if assignee is None:
        raise InvalidInput.field("assignee", _("This field is required."))
    # The responsible person must be someone who can rectify at this school.
    if not getattr(assignee, "is_active", False) or not has_capability(assignee, "hazards.rectify",
                                                                         hazard.org_unit.path):
        raise InvalidInput.field("assignee", _("Choose a member of staff of this school."))
    note = text(note, "note", required=False, max_length=None)
    if deadline in (None, "") and hazard.deadline and hazard.deadline >= people.local_today(hazard.org_unit):
        # A supervision order set the deadline before anyone was assigned: it stands.
        due = hazard.deadline
    else:
        due = _deadline(hazard, deadline)
    hazard.status = Status.ASSIGNED
    hazard.assignee = assignee
    hazard.assigned_by = actor
    hazard.assigned_at = timezone.now()
    hazard.deadline = due
    hazard.due_at = people.end_of_day(hazard.org_unit, due)
    fields = ["status", "assignee", "assigned_by", "assigned_at", "deadline", "due_at"]
    changes: dict[str, Any] = {"status": [Status.REPORTED, Status.ASSIGNED], "assignee": assignee.username,
                               "deadline": due}
    if responsible_unit is not None:
        hazard.responsible_unit = responsible_unit
        fields.append("responsible_unit")
        changes["responsible_unit"] = str(responsible_unit)
    bump(hazard, *fields)
    ensure_in_scope(actor, step.capability, hazard)
    audit.record("hazards.assigned", actor=actor, obj=hazard, reason=note, changes=changes)
    notify(_others([assignee], actor), kind="hazard.assigned",
           title=lambda: _("Hazard to rectify by %(date)s: %(title)s") % {"date": due, "title": hazard.title},
           url=_url(hazard))
    return hazard


@transaction.atomic
def rectify(hazard: Hazard, *, actor, note: str, photos=(), expected_version: int | None = None,
            require_photo: bool = False) -> Hazard:
    """The assignee's evidence. The UI requires a photo (``require_photo``); the API a note."""
    hazard = lock(Hazard, hazard.pk, expected_version)
    step = WORKFLOW.check(hazard, "rectify", actor)
    if hazard.is_major and not hazard.has_commitments:
        raise Conflict(_("Record the five commitments of this major hazard before rectifying it."))
    note = text(note, "note", max_length=None)
    photos = list(photos or ())
    if require_photo and not photos:
        raise InvalidInput.field("photos", _("Add at least one photo of the rectified hazard."))
    hazard.status = Status.AWAITING_VERIFICATION
    hazard.rectified_by = actor
    hazard.rectified_at = timezone.now()
    hazard.rectification_note = note
    bump(hazard, "status", "rectified_by", "rectified_at", "rectification_note")
    ensure_in_scope(actor, step.capability, hazard)
    audit.record("hazards.rectified", actor=actor, obj=hazard, changes={
        "status": [Status.ASSIGNED, Status.AWAITING_VERIFICATION], "note": note})
    _store_photos(photos, hazard, actor, "rectification", "photos")
    verifiers = people.central_officers(hazard) if hazard.is_major else people.school_leaders(hazard)
    notify(_others(verifiers, actor), kind="hazard.rectified",
           title=lambda: _("Hazard rectified, please verify: %(title)s") % {"title": hazard.title},
           url=_url(hazard))
    return hazard


@transaction.atomic
def verify(hazard: Hazard, *, actor, note: str = "", expected_version: int | None = None) -> Hazard:
    """Close after checking the fix; for a major hazard this is the central school's sign-off."""
    hazard = lock(Hazard, hazard.pk, expected_version)
    step = WORKFLOW.check(hazard, "verify", actor)
    if not hazard.rectification_note:
        raise Conflict(_("There is no rectification evidence to verify."))
    note = text(note, "note", required=False, max_length=None)
    now = timezone.now()
    hazard.status = Status.CLOSED
    hazard.verified_by = actor
    hazard.verified_at = now
    hazard.verification_note = note
    hazard.closed_at = now
    hazard.signed_off = hazard.is_major
    bump(hazard, "status", "verified_by", "verified_at", "verification_note", "closed_at", "signed_off")
    ensure_in_scope(actor, step.capability, hazard)
    audit.record("hazards.verified", actor=actor, obj=hazard, reason=note, changes={
        "status": [Status.AWAITING_VERIFICATION, Status.CLOSED], "signed_off": hazard.signed_off})
    targets = [hazard.reported_by, hazard.assignee] + (people.authority_officers(hazard) if hazard.escalated else [])
    notify(_others(targets, actor), kind="hazard.closed",
           title=lambda: _("Hazard closed: %(title)s") % {"title": hazard.title}, url=_url(hazard))
    return hazard


@transaction.atomic
def reject(hazard: Hazard, *, actor, note: str, deadline: date | str | None = None,
           expected_version: int | None = None) -> Hazard:
    """Send the hazard back to the assignee; the rejected evidence stays in the audit trail."""
    hazard = lock(Hazard, hazard.pk, expected_version)
    step = WORKFLOW.check(hazard, "reject", actor)
    note = text(note, "note", max_length=None)
    changes: dict[str, Any] = {"status": [Status.AWAITING_VERIFICATION, Status.ASSIGNED],
                               "rejected_note": hazard.rectification_note}
    fields = ["status", "rejections", "last_rejection_note", "rectified_by", "rectified_at", "rectification_note"]
    if deadline not in (None, ""):
        fields += _move_deadline(hazard, deadline, changes)
    hazard.status = Status.ASSIGNED
    hazard.rejections += 1
    hazard.last_rejection_note = note
    hazard.rectified_by = None
    hazard.rectified_at = None
    hazard.rectification_note = ""
    bump(hazard, *fields)
    ensure_in_scope(actor, step.capability, hazard)
    audit.record("hazards.rejected", actor=actor, obj=hazard, reason=note, changes=changes)
    notify(_others([hazard.assignee], actor), kind="hazard.rejected",
           title=lambda: _("Rectification rejected: %(title)s") % {"title": hazard.title}, body=note,
           url=_url(hazard))
    return hazard


@transaction.atomic
def record_commitments(hazard: Hazard, *, actor, measures: str, person: str, funds: str, deadline: date | str,
                       contingency: str, expected_version: int | None = None) -> Hazard:
    """The five commitments a major hazard needs before rectification starts."""
    hazard = lock(Hazard, hazard.pk, expected_version)
    require(actor, "hazards.assign", hazard.org_unit)
    if not commitments_allowed(hazard, actor):
        raise Conflict(_("The five commitments are recorded once, for an open major hazard, before rectification."))
    values = {
        "commit_measures": text(measures, "measures", max_length=None),
        "commit_person": text(person, "person", max_length=100),
        "commit_funds": text(funds, "funds", max_length=100),
        "commit_deadline": inputs.date(deadline, "deadline"),
        "commit_contingency": text(contingency, "contingency", max_length=None),
    }
    before = {k: getattr(hazard, k) for k in values}
    for key, value in values.items():
        setattr(hazard, key, value)
    hazard.commitments_by = actor
    hazard.commitments_at = timezone.now()
    bump(hazard, *values, "commitments_by", "commitments_at")
    ensure_in_scope(actor, "hazards.assign", hazard)
    audit.record("hazards.commitments", actor=actor, obj=hazard, changes=audit.diff(before, values))
    return hazard


@transaction.atomic
def add_contact(hazard: Hazard, *, actor, department: str, summary: str, contact_person: str = "",
                method: str = ContactMethod.PHONE, contacted_at: datetime | None = None,
                expected_version: int | None = None) -> HazardContact:
    """Log one contact with the outside department a surroundings hazard depends on (HAZ-6)."""
    hazard = lock(Hazard, hazard.pk, expected_version)
    if not (has_capability(actor, "hazards.assign", hazard.org_unit.path) or hazard.assignee_id == actor.pk):
        raise Forbidden()
    if not contact_allowed(hazard, actor):
        raise Conflict(_("Contacts are logged for open surroundings hazards."))
    department = text(department, "department", max_length=200)
    summary = text(summary, "summary", max_length=None)
    contact_person = text(contact_person, "contact_person", required=False, max_length=100)
    method = choice(method, "method", ContactMethod)
    when = contacted_at or timezone.now()
    if when > timezone.now() + timedelta(minutes=5):
        raise InvalidInput.field("contacted_at", _("The contact cannot be in the future."))
    contact = HazardContact.objects.create(
        org_unit=hazard.org_unit, hazard=hazard, department=department, summary=summary,
        contact_person=contact_person, method=method, contacted_at=when, recorded_by=actor)
    if not hazard.outside_department:
        hazard.outside_department = department
        bump(hazard, "outside_department")
    ensure_in_scope(actor, PRESENCE, contact)
    audit.record("hazards.contact_logged", actor=actor, obj=hazard, changes={
        "contact": contact.pk, "department": department, "method": method, "summary": summary})
    return contact


@transaction.atomic
def supervise(hazard: Hazard, *, actor, note: str, deadline: date | str | None = None,
              expected_version: int | None = None) -> Hazard:
    """A supervision order (督办) from the central school or the authority on a major or escalated hazard.

    It does not move the state: it puts the hazard under watch, may set a new deadline, and tells the
    school's responsible people. Each order is one audit event, so the history lists them all.
    """
    hazard = lock(Hazard, hazard.pk, expected_version)
    if not has_capability(actor, SUPERVISE_CAPABILITY, hazard.org_unit.path) \
            or not supervises_from_above(actor, hazard):
        raise Forbidden(_("Only the central school or the authority above the school can supervise a hazard."))
    if not supervisable(hazard):
        raise Conflict(_("Supervision is for open major hazards and hazards escalated above the school."))
    note = text(note, "note", max_length=None)
    now = timezone.now()
    changes: dict[str, Any] = {"supervisions": [hazard.supervisions, hazard.supervisions + 1]}
    fields = ["supervised_at", "supervised_by", "supervision_note", "supervisions"]
    if deadline not in (None, ""):
        fields += _move_deadline(hazard, deadline, changes)
    hazard.supervised_at = now
    hazard.supervised_by = actor
    hazard.supervision_note = note
    hazard.supervisions += 1
    bump(hazard, *fields)
    ensure_in_scope(actor, SUPERVISE_CAPABILITY, hazard)
    audit.record("hazards.supervised", actor=actor, obj=hazard, reason=note, changes=changes)
    new_deadline = "deadline" in changes

    def body() -> str:
        return note + (_(" Deadline: %(date)s.") % {"date": hazard.deadline} if new_deadline else "")

    notify(_others([*people.school_leaders(hazard), hazard.assignee], actor), kind="hazard.supervised",
           title=lambda: _("Supervision order on a hazard: %(title)s") % {"title": hazard.title}, body=body,
           url=_url(hazard), dedupe_key=f"hazard:{hazard.pk}:supervised:{hazard.supervisions}")
    return hazard


# --- rectification policy -------------------------------------------------------------------

POLICY_UNIT_KINDS = (UnitKind.AUTHORITY, UnitKind.CENTRAL_SCHOOL, UnitKind.SCHOOL)
MAX_DAYS = 365


def _policy_numbers(values: dict[str, Any]) -> dict[str, int]:
    """Every field checked at once, so a form shows all its mistakes together."""
    errors: dict[str, list[str]] = {}
    numbers: dict[str, int] = {}
    for level in ("general", "major"):
        days, remind = f"{level}_days", f"{level}_remind_days"
        # 0 reminder days: no advance reminder. One as early as the whole period would arrive with the
        # task itself.
        for field, low, high in ((days, 1, MAX_DAYS), (remind, 0, None)):
            try:
                numbers[field] = inputs.number(values.get(field), field, minimum=low,
                                               maximum=high or numbers.get(days, MAX_DAYS) - 1)
            except InvalidInput as exc:
                errors.update(exc.fields)
    if errors:
        first = next(iter(errors))
        raise InvalidInput(f"{first}: {errors[first][0]}", fields=errors)
    return numbers


def _policy_source(value: Any) -> str:
    return text(value, "source", required=False, max_length=2000)


@transaction.atomic
def create_policy(*, actor, org_unit, general_days: int, major_days: int, general_remind_days: int,
                  major_remind_days: int, source: str = "") -> HazardPolicy:
    """The unit's own policy: it governs every school below that has none nearer."""
    if org_unit is None:
        raise InvalidInput.field("org_unit", _("This field is required."))
    require(actor, "hazards.manage_policy", org_unit)
    if org_unit.kind not in POLICY_UNIT_KINDS:
        raise InvalidInput.field("org_unit", _("A policy is set for an authority, a central school or a school."))
    numbers = _policy_numbers({"general_days": general_days, "major_days": major_days,
                               "general_remind_days": general_remind_days, "major_remind_days": major_remind_days})
    source = _policy_source(source)
    taken = InvalidInput.field("org_unit", _("This unit already has a policy; change that one."))
    if HazardPolicy.objects.filter(org_unit=org_unit).exists():
        raise taken
    try:
        with transaction.atomic():
            policy = HazardPolicy.objects.create(org_unit=org_unit, source=source, changed_by=actor, **numbers)
    except IntegrityError:  # the same unit's policy created by someone else a moment ago
        raise taken from None
    ensure_in_scope(actor, "hazards.manage_policy", policy)
    audit.record("hazards.policy_created", actor=actor, obj=policy, changes={**numbers, "source": source})
    return policy


@transaction.atomic
def change_policy(policy: HazardPolicy, *, actor, general_days: int, major_days: int, general_remind_days: int,
                  major_remind_days: int, source: str | None = None,
                  expected_version: int | None = None) -> HazardPolicy:
    """New numbers for a unit's policy; deadlines already given stay as they are."""
    # The version is compared after the permission checks: a stranger learns nothing from a 409.
    policy = lock(HazardPolicy, policy.pk)
    if policy.org_unit_id is None:
        # The built-in row is everybody's fallback: a district overrides it with a policy of its own.
        raise Forbidden(_("The built-in policy is not edited; set a policy for your unit instead."))
    require(actor, "hazards.manage_policy", policy.org_unit)
    if expected_version is not None and int(expected_version) != policy.version:
        raise StaleVersion()
    after: dict[str, Any] = _policy_numbers({"general_days": general_days, "major_days": major_days,
                                             "general_remind_days": general_remind_days,
                                             "major_remind_days": major_remind_days})
    if source is not None:
        after["source"] = _policy_source(source)
    changes = audit.diff({k: getattr(policy, k) for k in after}, after)
    if not changes:
        return policy
    for key, value in after.items():
        setattr(policy, key, value)
    policy.changed_by = actor
    bump(policy, *after, "changed_by")
    ensure_in_scope(actor, "hazards.manage_policy", policy)
    audit.record("hazards.policy_changed", actor=actor, obj=policy, changes=changes)
    return policy


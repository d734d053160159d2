"""Large activities: the application (place, time, people, teachers per class, safety plan, education
before it) and its approval at the level the policy names; only that level approves or rejects."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.notify import notify
from safecampus.core.permissions import require
from safecampus.org.choices import UnitKind
from safecampus.org.models import RoleAssignment

from .. import people
from ..choices import ActivityStatus, ApproverLevel
from ..models import Activity
from ..policies import ACTIVITIES, values
from .common import locked, school

__all__ = ["apply", "approve", "assess", "may_decide", "reject"]

# Who decides at each level: the role, at a unit of this kind at or above the school.
LEVEL_ROLES = {ApproverLevel.SCHOOL: ("principal", UnitKind.SCHOOL),
               ApproverLevel.CENTRAL: ("central_officer", UnitKind.CENTRAL_SCHOOL),
               ApproverLevel.AUTHORITY: ("authority_officer", UnitKind.AUTHORITY)}


def assess(unit, *, starts_at, off_campus: bool, expected_people: int, today=None) -> dict:
    """The approver level, whether a police permit is needed, and whether it is applied for too late."""
    rules = values(unit, ACTIVITIES)
    if expected_people >= rules["authority_people"]:
        level = ApproverLevel.AUTHORITY
    elif off_campus and rules["central_off_campus"]:
        level = ApproverLevel.CENTRAL
    else:
        level = ApproverLevel.SCHOOL
    permit = expected_people >= rules["permit_people"]
    today = today or people.local_today(unit)
    lead = (timezone.localtime(starts_at, people.unit_zone(unit)).date() - today).days
    return {"approver_level": level, "permit_required": permit,
            "late_application": permit and lead < rules["permit_lead_days"], "rules": rules}


def _teachers(rules: dict, lower: bool, given) -> int:
    minimum = rules["teachers_per_class_lower" if lower else "teachers_per_class"]
    if given in (None, ""):
        return minimum
    found = int(inputs.number(given, "teachers_per_class", minimum=0, maximum=50))
    if found < minimum:
        raise InvalidInput.field("teachers_per_class", _("At least %(n)d teachers per class (policy).") % {
            "n": minimum})
    return found


def approvers(activity: Activity) -> list:
    role, kind = LEVEL_ROLES[ApproverLevel(activity.approver_level)]
    return people.users_with_roles(_above(activity.org_unit, kind), (role,))


def _above(unit, kind) -> list[str]:
    parts = [p for p in unit.path.strip("/").split("/") if p]
    paths = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    from safecampus.org.models import OrgUnit

    return list(OrgUnit.objects.filter(path__in=paths, kind=kind).values_list("path", flat=True))


def may_decide(user, activity: Activity) -> bool:
    """The user holds the required level's role at or above the activity's school."""
    if user is None or not user.is_authenticated:
        return False
    role, kind = LEVEL_ROLES[ApproverLevel(activity.approver_level)]
    return RoleAssignment.objects.filter(user=user, role__code=role,
                                         org_unit__path__in=_above(activity.org_unit, kind)).exists()


@transaction.atomic
def apply(*, actor, org_unit, title: str, starts_at, place: str, expected_people, safety_plan: str,
          ends_at=None, off_campus=False, classes=None, lower_grades=False, teachers_per_class=None,
          education: str = "", permit_no: str = "", request_id: str = "") -> Activity:
    unit = school(org_unit)
    require(actor, "operations.activities", unit)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    if request_id and actor is not None:
        existing = Activity.objects.filter(applied_by=actor, request_id=request_id).first()
        if existing is not None:
            return existing
    zone = people.unit_zone(unit)
    data = {"title": inputs.text(title, "title", max_length=200), "place": inputs.text(place, "place", max_length=200),
            "starts_at": inputs.moment(starts_at, "starts_at", zone),
            "ends_at": inputs.moment(ends_at, "ends_at", zone, required=False),
            "off_campus": inputs.flag(off_campus, "off_campus"),
            "expected_people": int(inputs.number(expected_people, "expected_people", minimum=1, maximum=1000000)),
            "classes": int(inputs.number(classes, "classes", minimum=0, maximum=1000, required=False) or 0),
            "lower_grades": inputs.flag(lower_grades, "lower_grades"),
            "safety_plan": inputs.text(safety_plan, "safety_plan"),
            "education": inputs.text(education, "education", required=False),
            "permit_no": inputs.text(permit_no, "permit_no", required=False, max_length=64)}
    if data["ends_at"] is not None and data["ends_at"] <= data["starts_at"]:
        raise InvalidInput.field("ends_at", _("The activity must end after it starts."))
    if data["starts_at"] < timezone.now():
        raise InvalidInput.field("starts_at", _("An activity is applied for before it starts."))
    found = assess(unit, starts_at=data["starts_at"], off_campus=data["off_campus"],
                   expected_people=data["expected_people"])
    data["teachers_per_class"] = _teachers(found.pop("rules"), data["lower_grades"], teachers_per_class)
    try:
        with transaction.atomic():
            activity = Activity.objects.create(org_unit=unit, applied_by=actor, request_id=request_id if actor else "",
                                               **data, **found)
    except IntegrityError:
        return Activity.objects.get(applied_by=actor, request_id=request_id)
    audit.record("operations.activity_applied", actor=actor, obj=activity,
                 changes={"title": activity.title, "approver_level": activity.approver_level,
                          "permit_required": activity.permit_required,
                          "late_application": activity.late_application})
    notify(approvers(activity), kind="operations.activity_applied",
           title=lambda: _("Large activity to approve: %(title)s (%(school)s)") % {
               "title": activity.title, "school": unit},
           url=activity.get_absolute_url(), dedupe_key=f"activity:{activity.pk}:applied")
    return activity


def _decide(activity: Activity, *, actor, status: str, note: str, expected_version: int | None) -> Activity:
    require(actor, "operations.approve_activities", activity.org_unit)
    if not may_decide(actor, activity):
        raise Forbidden(_("Only the %(level)s decides on this activity.") % {
            "level": ApproverLevel(activity.approver_level).label})
    activity = locked(activity, expected_version)
    if activity.status != ActivityStatus.SUBMITTED:
        raise Conflict(_("This activity has already been decided."))
    note = inputs.text(note, "note", required=status == ActivityStatus.REJECTED)
    activity.status, activity.decided_by, activity.decided_at = status, actor, timezone.now()
    activity.decision_note = note
    activity.version += 1
    activity.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "version"])
    audit.record("operations.activity_approved" if status == ActivityStatus.APPROVED else
                 "operations.activity_rejected", actor=actor, obj=activity, changes={"status": status, "note": note})
    if activity.applied_by is not None:
        notify([activity.applied_by], kind="operations.activity_decided",
               title=lambda: _("%(title)s: %(status)s") % {"title": activity.title,
                                                           "status": activity.get_status_display()},
               body=note, url=activity.get_absolute_url())
    return activity


@transaction.atomic
def approve(activity: Activity, *, actor, note: str = "", expected_version: int | None = None) -> Activity:
    return _decide(activity, actor=actor, status=ActivityStatus.APPROVED, note=note, expected_version=expected_version)


@transaction.atomic
def reject(activity: Activity, *, actor, note: str = "", expected_version: int | None = None) -> Activity:
    return _decide(activity, actor=actor, status=ActivityStatus.REJECTED, note=note, expected_version=expected_version)

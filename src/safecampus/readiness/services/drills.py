"""Drills (EMG-3): planned on the calendar, held and measured against the policy's target; every
problem found opens a hazard, so a drill feeds the hazard loop."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.compliance.policies import policy_for
from safecampus.core import audit, inputs
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.hazards.services import report_hazard
from safecampus.org.models import Staff, Student

from ..choices import DrillKind, DrillStatus
from ..models import Drill, DrillProblem, EmergencyPlan
from .common import school_unit

MANAGE = "readiness.manage"
# The hazard category a drill's problem is filed under, by the kind of drill.
CATEGORY = {DrillKind.FIRE: "fire", DrillKind.EVACUATION: "building", DrillKind.EARTHQUAKE: "building",
            DrillKind.INTRUDER: "security", DrillKind.FOOD_POISONING: "canteen", DrillKind.FLOOD: "surroundings",
            DrillKind.SCHOOL_BUS: "transport"}


def target_for(unit, floors: int | None) -> int:
    numbers = policy_for(unit, "readiness.drills")
    if floors is not None and floors > numbers["max_floors"]:
        return numbers["target_seconds_tall"]
    return numbers["target_seconds"]


def people_at(unit) -> int:
    """Everyone who could take part: the school's pupils and staff."""
    return (Student.objects.filter(org_unit__path__startswith=unit.path, is_active=True).count()
            + Staff.objects.filter(org_unit__path__startswith=unit.path, is_active=True).count())


def _plan(plan, unit):
    if plan is not None and plan.org_unit_id != unit.pk:
        raise InvalidInput.field("plan", _("Choose a plan of this school."))
    return plan


@transaction.atomic
def plan_drill(*, actor, org_unit, kind: str, planned_for: date | str, plan: EmergencyPlan | None = None) -> Drill:
    """A drill on the calendar, to be held."""
    unit = school_unit(org_unit)
    require(actor, MANAGE, unit)
    drill = Drill.objects.create(org_unit=unit, kind=inputs.choice(kind, "kind", DrillKind), plan=_plan(plan, unit),
                                 status=DrillStatus.PLANNED, planned_for=inputs.date(planned_for, "planned_for"),
                                 recorded_by=actor)
    ensure_in_scope(actor, MANAGE, drill)
    audit.record("readiness.drill_planned", actor=actor, obj=drill,
                 changes={"kind": [None, drill.kind], "planned_for": [None, drill.planned_for.isoformat()]})
    return drill


def _measures(unit, *, participants, evacuation_seconds, target_seconds, floors) -> dict:
    floors = inputs.number(floors, "floors", minimum=1, maximum=100, required=False)
    participants = inputs.number(participants, "participants", minimum=1, maximum=1_000_000)
    if participants > people_at(unit):
        raise InvalidInput.field("participants", _("More participants than pupils and staff at the school (%(n)d).")
                                 % {"n": people_at(unit)})
    seconds = inputs.number(evacuation_seconds, "evacuation_seconds", minimum=1, maximum=24 * 3600)
    target = target_for(unit, floors)
    given = inputs.number(target_seconds, "target_seconds", minimum=1, maximum=24 * 3600, required=False)
    if given is not None and given > target:
        # A school may hold itself to a stricter target, never to a looser one than its policy.
        raise InvalidInput.field("target_seconds", _("At most the policy's target of %(n)d s.") % {"n": target})
    return {"participants": participants, "evacuation_seconds": seconds, "target_seconds": given or target,
            "floors": floors}


@transaction.atomic
def record_drill(*, actor, org_unit, kind: str, held_at: datetime | str | None = None, participants,
                 evacuation_seconds, target_seconds=None, floors=None, buildings: str = "", summary: str = "",
                 problems: Iterable[str] = (), plan: EmergencyPlan | None = None, photos: Iterable = (),
                 planned: Drill | None = None, request_id: str = "") -> Drill:
    """A drill held: its numbers, and a hazard for each problem found. ``planned``: the calendar entry it holds."""
    unit = school_unit(org_unit)
    require(actor, MANAGE, unit)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    if request_id and actor is not None:
        existing = Drill.objects.filter(recorded_by=actor, request_id=request_id).first()
        if existing is not None:
            return existing
    kind = inputs.choice(kind, "kind", DrillKind)
    now = timezone.now()
    moment = inputs.moment(held_at, "held_at", unit.timezone or "Asia/Shanghai", required=False) or now
    if moment > now:
        raise InvalidInput.field("held_at", _("A drill is recorded once it has been held."))
    if isinstance(problems, str) or not isinstance(problems, Iterable):
        raise InvalidInput.field("problems", _("A list of problems, one text each."))
    texts = [inputs.text(p, "problems", max_length=500) for p in problems]
    values = {"kind": kind, "plan": _plan(plan, unit), "status": DrillStatus.HELD, "held_at": moment,
              "buildings": inputs.text(buildings, "buildings", required=False, max_length=inputs.SHORT_TEXT),
              "summary": inputs.text(summary, "summary", required=False), "recorded_by": actor,
              **_measures(unit, participants=participants, evacuation_seconds=evacuation_seconds,
                          target_seconds=target_seconds, floors=floors)}
    if planned is not None:
        drill = lock(Drill, planned.pk)
        if drill.org_unit_id != unit.pk or drill.status != DrillStatus.PLANNED:
            raise Conflict(_("This drill was recorded already."))
        for name, value in values.items():
            setattr(drill, name, value)
        bump(drill, *values)
    else:
        try:
            with transaction.atomic():
                drill = Drill.objects.create(org_unit=unit, request_id=request_id, **values)
        except IntegrityError:  # the same request a moment ago
            return Drill.objects.get(recorded_by=actor, request_id=request_id)
    for photo in photos or ():
        store(photo, target=drill, actor=actor, purpose="drill", field="photos")
    for text in texts:
        hazard = report_hazard(actor=actor, org_unit=unit, title=text[:200], category=CATEGORY[kind], level="general",
                               description=_("Found in the %(kind)s drill of %(day)s.")
                               % {"kind": drill.get_kind_display(), "day": timezone.localdate(moment).isoformat()}
                               + ("\n" + text if len(text) > 200 else ""),
                               source="drill", source_ref=f"drill:{drill.pk}")
        DrillProblem.objects.create(org_unit=unit, drill=drill, text=text, hazard_id=hazard.pk)
    ensure_in_scope(actor, MANAGE, drill)
    audit.record("readiness.drill_held", actor=actor, obj=drill, changes={
        "kind": [None, kind], "participants": [None, drill.participants],
        "evacuation_seconds": [None, drill.evacuation_seconds], "target_seconds": [None, drill.target_seconds],
        "problems": [None, len(texts)]})
    return drill

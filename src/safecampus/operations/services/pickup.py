"""Pick-up: each child's authorised adults, the afternoon's hand-overs and refusals, the end of pick-up time."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import InvalidInput
from safecampus.core.files import store
from safecampus.core.notify import notify
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.choices import UnitKind
from safecampus.org.models import Guardian, GuardianLink, OrgUnit, Student

from .. import people
from ..choices import PickupStatus
from ..models import Pickup, PickupAuthorisation
from ..policies import PICKUP, book

__all__ = ["authorise_guardian", "create_authorisation", "create_pickup", "sweep_not_handed_over"]


@transaction.atomic
def create_authorisation(*, actor, student: Student, name: str, relation: str, phone: str = "",
                         photo=None) -> PickupAuthorisation:
    """An adult the guardians name (a grandparent, a neighbour) who may collect the child."""
    require(actor, "operations.pickup_manage", student.org_unit)
    name = inputs.text(name, "name", max_length=100)
    relation = inputs.text(relation, "relation", max_length=32)
    phone = inputs.text(phone, "phone", required=False, max_length=32)
    item = PickupAuthorisation.objects.create(org_unit=student.org_unit, student=student, name=name,
                                              relation=relation, phone=phone, added_by=actor)
    ensure_in_scope(actor, "operations.pickup_manage", item)
    if photo is not None:
        store(photo, target=item, actor=actor, purpose="photo")
    audit.record("operations.pickup_authorised", actor=actor, obj=item,
                 changes={"student": student.pk, "name": name, "relation": relation})
    return item


def authorise_guardian(student: Student, guardian: Guardian) -> PickupAuthorisation | None:
    """A guardian who may pick up (org's guardian link) is an authorised adult: their row, made once."""
    link = GuardianLink.objects.filter(student=student, guardian=guardian, may_pick_up=True).first()
    if link is None:
        return None
    found = PickupAuthorisation.objects.filter(student=student, guardian=guardian).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return PickupAuthorisation.objects.create(org_unit=student.org_unit, student=student, guardian=guardian,
                                                      name=guardian.name, relation=link.relation or _("Guardian"),
                                                      phone=guardian.phone)
    except IntegrityError:
        return PickupAuthorisation.objects.get(student=student, guardian=guardian)


def _refusal_told(student: Student, pickup: Pickup) -> None:
    klass = student.org_unit
    school = klass.school
    notify(people.head_teachers(klass) + (people.safety_officers(school) if school else []),
           kind="operations.pickup_refused",
           title=lambda: _("Pick-up refused: %(collector)s (%(relation)s) came for %(child)s") % {
               "collector": pickup.collector_name, "relation": pickup.relation or "?", "child": student.name},
           url=pickup.get_absolute_url())


@transaction.atomic
def create_pickup(*, actor, student: Student, authorisation: PickupAuthorisation | None = None,
                  collector_name: str = "", relation: str = "") -> Pickup:
    """Hand a child to an authorised adult; anyone else is refused, and the head teacher and the safety
    officer are told at once. A second hand-over of the same child the same day is the first one."""
    require(actor, "operations.pickup", student.org_unit)
    if student.org_unit.kind != UnitKind.CLASS:
        raise InvalidInput.field("student", _("Choose a pupil of a class."))
    day = people.local_today(student.org_unit)
    existing = Pickup.objects.filter(student=student, date=day, status=PickupStatus.HANDED_OVER).first()
    if existing is not None:
        return existing
    valid = (authorisation is not None and authorisation.student_id == student.pk and authorisation.active)
    if authorisation is not None and not valid:
        # An adult authorised for another child (or no longer) is no authorisation for this one.
        collector_name = collector_name or authorisation.name
        relation = relation or authorisation.relation
    if valid:
        collector_name, relation = authorisation.name, authorisation.relation
        status = PickupStatus.HANDED_OVER
    else:
        collector_name = inputs.text(collector_name, "collector_name", max_length=100)
        relation = inputs.text(relation, "relation", required=False, max_length=32)
        status = PickupStatus.REFUSED
    try:
        with transaction.atomic():
            pickup = Pickup.objects.create(org_unit=student.org_unit, student=student, date=day, status=status,
                                           authorisation=authorisation if valid else None,
                                           collector_name=collector_name, relation=relation,
                                           at=timezone.now(), by=actor)
    except IntegrityError:  # the same child handed over by two people at once: one record
        return Pickup.objects.get(student=student, date=day, status=PickupStatus.HANDED_OVER)
    ensure_in_scope(actor, "operations.pickup", pickup)
    audit.record("operations.picked_up" if valid else "operations.pickup_refused", actor=actor, obj=pickup,
                 changes={"student": student.pk, "collector": collector_name, "relation": relation,
                          "status": status})
    if not valid:
        _refusal_told(student, pickup)
    return pickup


def class_list(klass: OrgUnit, day) -> list[dict]:
    """Every pupil of the class with that day's hand-over (or refusal): two queries."""
    # The list names the pupils: their identity numbers and health notes are neither read nor decrypted.
    pupils = list(Student.objects.filter(org_unit=klass, is_active=True).defer("id_number", "health_notes")
                  .order_by("name", "id"))
    pickups: dict[int, list[Pickup]] = {}
    for p in Pickup.objects.filter(org_unit=klass, date=day).order_by("at", "id"):
        pickups.setdefault(p.student_id, []).append(p)
    rows = []
    for pupil in pupils:
        mine = pickups.get(pupil.pk, [])
        handed = next((p for p in mine if p.status == PickupStatus.HANDED_OVER), None)
        refused = [p for p in mine if p.status == PickupStatus.REFUSED]
        rows.append({"student": pupil, "handed": handed, "refused": refused,
                     "status": "handed_over" if handed else ("refused" if refused else "not_yet")})
    return rows


# A class whose leader was told (or whose children were all handed over) is not looked at again by
# every minute's sweep that day: reading its pupils and leaders again only met the dedupe key.
SETTLED_SECONDS = 2 * 24 * 3600


def _settled_key(class_id: int, day) -> str:
    return f"operations:pickup-settled:{class_id}:{day.isoformat()}"


def sweep_not_handed_over(now: datetime | None = None) -> int:
    """At the end of pick-up time (policy), the leader on duty hears of every class with a child not yet
    handed over. Only classes that handed over children today (pick-up is kept there); once per class and day."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    class_ids = list(Pickup.objects.filter(date=today).order_by().values_list("org_unit", flat=True).distinct())
    classes = list(OrgUnit.objects.filter(pk__in=class_ids))
    schools = people.schools_of(classes)
    policies = book([s for s in schools.values() if s], PICKUP)
    due = []
    for klass in classes:
        school = schools[klass.pk]
        if school is None:
            continue
        end = policies.values(school.path, PICKUP)
        local = people.local_now(school, now)
        if (local.hour, local.minute) >= (end["end_hour"], end["end_minute"]):
            due.append((klass, school, local.date()))
    settled = cache.get_many([_settled_key(k.pk, day) for k, _school, day in due])
    told = 0
    for klass, school, day in due:
        key = _settled_key(klass.pk, day)
        if key in settled:
            continue
        waiting = [r["student"].name for r in class_list(klass, day) if r["status"] != "handed_over"]
        if not waiting:
            cache.set(key, 1, SETTLED_SECONDS)
            continue
        count = len(waiting)
        with transaction.atomic():
            sent = notify(people.duty_leaders(school, now), kind="operations.pickup_waiting",
                          title=lambda k=klass, n=count: _("%(n)d child(ren) of %(class)s not yet handed over") % {
                              "n": n, "class": k},
                          body=lambda w=waiting: "、".join(w), url=f"/operations/pickup/classes/{klass.pk}/",
                          dedupe_key=f"pickup:{klass.pk}:{day}:waiting")
            if sent:
                audit.record("operations.pickup_waiting_reported", org_unit=klass, object_type="org.orgunit",
                             object_id=klass.pk, changes={"waiting": waiting})
                told += 1
        cache.set(key, 1, SETTLED_SECONDS)
    return told

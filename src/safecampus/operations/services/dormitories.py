"""Dormitories: rooms and beds, boarders moving in and out, and the nightly bed check.

An absent boarder without leave is told at once to the pupil's head teacher and to the leader on duty;
the check's page lists the guardians and their phones for the call.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.notify import notify
from safecampus.core.permissions import require
from safecampus.org.choices import UnitKind
from safecampus.org.models import Student

from .. import people
from ..choices import BedStatus
from ..models import BedCheck, BedCheckEntry, DormBed, DormBuilding, DormRoom, Resident
from .common import locked, school

__all__ = ["add_room", "check_beds", "move_in", "move_out", "boarders", "night_rows"]

MAX_BEDS = 40


@transaction.atomic
def add_room(*, actor, org_unit, building: str, name: str, beds: int) -> DormRoom:
    """A room of a building (made on first use) with ``beds`` beds labelled 1, 2, ..."""
    unit = school(org_unit)
    require(actor, "operations.dormitory", unit)
    building = inputs.text(building, "building", max_length=100)
    name = inputs.text(name, "name", max_length=32)
    count = int(inputs.number(beds, "beds", minimum=1, maximum=MAX_BEDS))
    block, _made = DormBuilding.objects.get_or_create(org_unit=unit, name=building)
    if DormRoom.objects.filter(building=block, name=name).exists():
        raise InvalidInput.field("name", _("This building already has a room with this name."))
    room = DormRoom.objects.create(org_unit=unit, building=block, name=name)
    DormBed.objects.bulk_create([DormBed(org_unit=unit, room=room, label=str(n + 1)) for n in range(count)])
    audit.record("operations.dorm_room_added", actor=actor, obj=room,
                 changes={"room": f"{building} {name}", "quantity": count})
    return room


@transaction.atomic
def move_in(*, actor, student: Student, bed: DormBed, since: date | None = None) -> Resident:
    """The pupil boards in ``bed`` (a bed of the pupil's school that nobody sleeps in)."""
    unit = bed.org_unit
    require(actor, "operations.dormitory", unit)
    if student.org_unit.kind != UnitKind.CLASS or not student.is_active:
        raise InvalidInput.field("student", _("Choose a pupil of a class."))
    if people.school_of(student.org_unit) != unit:
        raise InvalidInput.field("student", _("This pupil is not at the school of this bed."))
    since = inputs.date(since, "since", required=False) or people.local_today(unit)
    if Resident.objects.filter(student=student, active=True).exists():
        raise InvalidInput.field("student", _("This pupil already has a bed."))
    if Resident.objects.filter(bed=bed, active=True).exists():
        raise InvalidInput.field("bed", _("Someone already sleeps in this bed."))
    try:
        with transaction.atomic():
            stay = Resident.objects.create(org_unit=unit, student=student, bed=bed, since=since)
    except IntegrityError:
        raise Conflict(_("This bed or this pupil was just taken; reload and try again.")) from None
    audit.record("operations.boarder_moved_in", actor=actor, obj=stay,
                 changes={"student": student.pk, "bed": str(bed)})
    return stay


@transaction.atomic
def move_out(stay: Resident, *, actor, expected_version: int | None = None, until: date | None = None) -> Resident:
    require(actor, "operations.dormitory", stay.org_unit)
    stay = locked(stay, expected_version)
    if not stay.active:
        raise Conflict(_("This pupil no longer boards."))
    stay.active = False
    stay.until = inputs.date(until, "until", required=False) or people.local_today(stay.org_unit)
    stay.version += 1
    stay.save(update_fields=["active", "until", "version"])
    audit.record("operations.boarder_moved_out", actor=actor, obj=stay, changes={"until": stay.until})
    return stay


def boarders(unit):
    """The school's boarders now, by building, room and bed, with pupil and class (one query)."""
    # The pupils' encrypted columns stay unread: decrypting them for every boarder was most of the list's cost.
    return (Resident.objects.filter(org_unit=unit, active=True)
            .select_related("student__org_unit", "bed__room__building")
            .defer("student__id_number", "student__health_notes")
            .order_by("bed__room__building__name", "bed__room__name", "bed__label", "id"))


def _ids(values, field: str, allowed: dict[int, Resident]) -> list[int]:
    found = inputs.ids(values, field)
    strangers = [pk for pk in found if pk not in allowed]
    if strangers:
        raise InvalidInput.field(field, _("Not a boarder of this school: %(ids)s.") % {
            "ids": ", ".join(str(pk) for pk in strangers)})
    return found


def _tell(unit, check: BedCheck, absent: list[Resident], actor) -> None:
    """Each absent boarder (no leave): the class's head teacher and the leader on duty, at once."""
    leaders = people.duty_leaders(unit)
    for stay in absent:
        student = stay.student
        notify(people.head_teachers(student.org_unit) + leaders, kind="operations.boarder_absent",
               title=lambda s=student, r=stay: _("Boarder absent at the bed check: %(child)s (%(class)s, %(room)s)") % {
                   "child": s.name, "class": s.org_unit, "room": r.bed.room},
               body=lambda: _("Call the guardians: their phones are on the bed check page."),
               url=check.get_absolute_url(), dedupe_key=f"bedcheck:{check.pk}:{student.pk}:absent")


@transaction.atomic
def check_beds(*, actor, org_unit, date=None, absent=(), on_leave=()) -> BedCheck:
    """The night's bed check: every boarder present but those named absent or on leave. A second check
    of the same night corrects the first (one record); a boarder newly absent is told of at once."""
    unit = school(org_unit)
    require(actor, "operations.dormitory", unit)
    night = inputs.date(date, "date", required=False) or people.local_today(unit)
    if night > people.local_today(unit):
        raise InvalidInput.field("date", _("A night that has not come yet cannot be checked."))
    stays = {s.student_id: s for s in boarders(unit)}
    absent_ids = _ids(absent, "absent", stays)
    leave_ids = _ids(on_leave, "on_leave", stays)
    both = set(absent_ids) & set(leave_ids)
    if both:
        raise InvalidInput.field("on_leave", _("A boarder is either absent or on leave."))
    if not stays:
        raise InvalidInput.field("org_unit", _("This school has no boarders."))
    status = dict.fromkeys(stays, BedStatus.PRESENT)
    status.update(dict.fromkeys(absent_ids, BedStatus.ABSENT))
    status.update(dict.fromkeys(leave_ids, BedStatus.ON_LEAVE))
    counts = {s: sum(1 for v in status.values() if v == s) for s in BedStatus.values}
    now = timezone.now()
    BedCheck.objects.get_or_create(org_unit=unit, date=night,
                                   defaults={"checked_by": actor, "checked_at": now})
    check = BedCheck.objects.select_for_update().get(org_unit=unit, date=night)
    before = dict(BedCheckEntry.objects.filter(bed_check=check).values_list("student_id", "status"))
    newly_absent = [stays[pk] for pk in absent_ids if before.get(pk) != BedStatus.ABSENT]
    changed = {pk: st for pk, st in status.items() if before.get(pk) != st}
    if before:
        for value in set(changed.values()):
            BedCheckEntry.objects.filter(bed_check=check, student_id__in=[
                pk for pk, st in changed.items() if st == value]).update(status=value)
    new_rows = [BedCheckEntry(org_unit=unit, bed_check=check, student_id=pk, date=night, status=st,
                              room=str(stays[pk].bed.room)) for pk, st in status.items() if pk not in before]
    BedCheckEntry.objects.bulk_create(new_rows)
    check.present, check.absent, check.on_leave = (counts[BedStatus.PRESENT], counts[BedStatus.ABSENT],
                                                   counts[BedStatus.ON_LEAVE])
    check.checked_by, check.checked_at = actor, now
    check.version += 1
    check.save(update_fields=["present", "absent", "on_leave", "checked_by", "checked_at", "version"])
    audit.record("operations.beds_checked", actor=actor, obj=check,
                 changes={"present": check.present, "absent": [stays[pk].student.name for pk in absent_ids],
                          "on_leave": [stays[pk].student.name for pk in leave_ids]})
    if newly_absent:
        _tell(unit, check, newly_absent, actor)
    return check


def night_rows(unit, night) -> list[dict]:
    """The dormitory manager's list for a night: every boarder with that night's state (two queries)."""
    stays = list(boarders(unit))
    entries = dict(BedCheckEntry.objects.filter(org_unit=unit, date=night).values_list("student_id", "status"))
    return [{"stay": s, "student": s.student, "status": entries.get(s.student_id, "")} for s in stays]


def guardians_of(student_ids) -> dict[int, list[dict]]:
    """Each pupil's guardians with their phones, for the call (one query)."""
    from safecampus.org.models import GuardianLink

    out: dict[int, list[dict]] = {}
    for link in GuardianLink.objects.filter(student_id__in=list(student_ids)).select_related("guardian").order_by(
            "student_id", "id"):
        out.setdefault(link.student_id, []).append({"name": link.guardian.name, "relation": link.relation,
                                                    "phone": link.guardian.phone})
    return out

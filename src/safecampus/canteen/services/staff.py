"""The canteen licence, canteen staff and their health certificates, the day's roster, training."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from ..choices import MEAL_ORDER, Grade, Meal
from ..models import Canteen, CanteenDay, CanteenStaff, RosterEntry, StaffTraining
from .common import school_of, today


def _meals(values) -> list[str]:
    if isinstance(values, str):
        values = [v for v in values.replace(" ", ",").split(",") if v]
    chosen = {inputs.choice(v, "meals_served", Meal) for v in (values or [])}
    if not chosen:
        raise InvalidInput.field("meals_served", _("Choose at least one meal."))
    return [m for m in MEAL_ORDER if m in chosen]


@transaction.atomic
def save_canteen(*, actor, org_unit, name, licence_no="", grade="", licence_expires=None, meals_served=("lunch",),
                 expected_version: int | None = None, now: datetime | None = None) -> Canteen:
    """The school's canteen: its licence, quantitative grade and the meals it serves (one per school)."""
    unit = school_of(org_unit)
    require(actor, "canteen.manage", unit)
    values = {"name": inputs.text(name, "name", max_length=100),
              "licence_no": inputs.text(licence_no, "licence_no", required=False, max_length=60),
              "grade": inputs.choice(grade, "grade", Grade, required=False),
              "licence_expires": inputs.date(licence_expires, "licence_expires", required=False),
              "meals_served": _meals(meals_served)}
    existing = Canteen.objects.filter(org_unit=unit).first()
    if existing is None:
        try:
            with transaction.atomic():
                canteen = Canteen.objects.create(org_unit=unit, **values)
        except IntegrityError:
            raise Conflict(_("This school's canteen was just saved by someone else; reload and try again.")) from None
        audit.record("canteen.licence_set", actor=actor, obj=canteen, changes=values)
    else:
        canteen = lock(Canteen, existing.pk, expected_version)
        before = {k: getattr(canteen, k) for k in values}
        for k, v in values.items():
            setattr(canteen, k, v)
        canteen.version += 1
        canteen.save()
        audit.record("canteen.licence_set", actor=actor, obj=canteen, changes=audit.diff(before, values))
    # Today's record follows the meals served (a meal added today is owed today).
    day = today(unit, now)
    if CanteenDay.objects.filter(org_unit=unit, date=day).exists():
        from .food import refresh_day

        refresh_day(unit, day)
    ensure_in_scope(actor, "canteen.manage", canteen)
    return canteen


def _staff_values(name, health_certificate_expires, post, phone, health_certificate_no) -> dict:
    return {"name": inputs.text(name, "name", max_length=60),
            "health_certificate_expires": inputs.date(health_certificate_expires, "health_certificate_expires"),
            "post": inputs.text(post, "post", required=False, max_length=60),
            "phone": inputs.text(phone, "phone", required=False, max_length=30),
            "health_certificate_no": inputs.text(health_certificate_no, "health_certificate_no", required=False,
                                                 max_length=60)}


@transaction.atomic
def create_staff(*, actor, org_unit, name, health_certificate_expires, post="", phone="",
                 health_certificate_no="") -> CanteenStaff:
    unit = school_of(org_unit)
    require(actor, "canteen.manage", unit)
    values = _staff_values(name, health_certificate_expires, post, phone, health_certificate_no)
    member = CanteenStaff.objects.create(org_unit=unit, **values)
    audit.record("canteen.staff_added", actor=actor, obj=member, changes=values)
    ensure_in_scope(actor, "canteen.manage", member)
    return member


@transaction.atomic
def renew_certificate(member: CanteenStaff, *, actor, expected_version: int | None = None, expires,
                      number: str = "") -> CanteenStaff:
    """A new health certificate (after the yearly check-up): fit for work again until it expires."""
    member = lock(CanteenStaff, member.pk, expected_version)
    require(actor, "canteen.manage", member.org_unit)
    expires = inputs.date(expires, "health_certificate_expires")
    if expires < member.health_certificate_expires:
        raise InvalidInput.field("health_certificate_expires", _("Earlier than the certificate it replaces."))
    before = {"health_certificate_expires": member.health_certificate_expires,
              "health_certificate_no": member.health_certificate_no}
    member.health_certificate_expires = expires
    member.health_certificate_no = inputs.text(number, "health_certificate_no", required=False,
                                               max_length=60) or member.health_certificate_no
    member.version += 1
    member.save()
    audit.record("canteen.certificate_renewed", actor=actor, obj=member,
                 changes=audit.diff(before, {"health_certificate_expires": expires,
                                             "health_certificate_no": member.health_certificate_no}))
    ensure_in_scope(actor, "canteen.manage", member)
    return member


@transaction.atomic
def add_to_roster(member: CanteenStaff, *, actor, date, now: datetime | None = None,
                  expected_version: int | None = None) -> RosterEntry:
    """Put a worker on a day's roster: refused (409) when the health certificate has lapsed by then."""
    member = lock(CanteenStaff, member.pk, expected_version)
    require(actor, "canteen.manage", member.org_unit)
    day = inputs.date(date, "date")
    if not member.fit_on(day):
        raise Conflict(_("%(name)s is not fit for work: the health certificate expired on %(day)s.")
                       % {"name": member.name, "day": member.health_certificate_expires.isoformat()})
    entry, created = RosterEntry.objects.get_or_create(org_unit=member.org_unit, staff=member, date=day,
                                                       defaults={"added_by": actor})
    if created:
        audit.record("canteen.rostered", actor=actor, obj=member, changes={"date": day})
    ensure_in_scope(actor, "canteen.manage", entry)
    return entry


@transaction.atomic
def record_training(member: CanteenStaff, *, actor, topic, held_on, hours,
                    now: datetime | None = None) -> StaffTraining:
    require(actor, "canteen.manage", member.org_unit)
    topic = inputs.text(topic, "topic", max_length=200)
    held_on = inputs.date(held_on, "held_on")
    if held_on > today(member.org_unit, now):
        raise InvalidInput.field("held_on", _("Cannot be in the future."))
    hours = inputs.number(hours, "hours", minimum=0.5, maximum=200, integer=False).quantize(Decimal("0.1"))
    item = StaffTraining.objects.create(org_unit=member.org_unit, staff=member, topic=topic, held_on=held_on,
                                        hours=hours, recorded_by=actor)
    audit.record("canteen.staff_trained", actor=actor, obj=member,
                 changes={"topic": topic, "held_on": held_on, "hours": hours})
    ensure_in_scope(actor, "canteen.manage", item)
    return item

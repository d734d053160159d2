"""The fire equipment register: items with a QR label, checks on a phone (a fault opens a hazard),
repairs (no more than the policy's share of a building's extinguishers away at once), retirements,
and checks of evacuation routes and exits.

A school's ``FireMonth`` row is rewritten after each change: it is the evidence of the monthly
``fire-equipment-check`` obligation once every item in service was checked in the month.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.errors import Conflict
from safecampus.core.files import store
from safecampus.core.notify import notify
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.core.zones import unit_zone

from .. import policies
from ..choices import CheckResult, EquipmentKind, EquipmentStatus
from ..models import ExitCheck, FireCheck, FireEquipment, FireMonth
from .common import school_of, today

LABEL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: a label read aloud stays unambiguous


def new_code() -> str:
    return "FE-" + "".join(secrets.choice(LABEL_ALPHABET) for _ in range(10))


def month_bounds(unit, day: date) -> tuple[datetime, datetime]:
    """The month containing ``day`` as UTC moments, by the school's clock."""
    tz = unit_zone(unit)
    start = datetime(day.year, day.month, 1, tzinfo=tz)
    end = datetime(day.year + (day.month == 12), day.month % 12 + 1, 1, tzinfo=tz)
    return start, end


def refresh_month(unit, day: date) -> FireMonth:
    """Rewrite the month's record: items in service, how many of them were checked in the month."""
    start, end = month_bounds(unit, day)
    month = start.date()
    try:
        with transaction.atomic():
            FireMonth.objects.get_or_create(org_unit=unit, month=month)
    except IntegrityError:  # created by a concurrent caller meanwhile
        pass
    row = FireMonth.objects.select_for_update().get(org_unit=unit, month=month)
    # Items in service that were on the register before the month ended.
    in_service = FireEquipment.objects.filter(org_unit=unit, status=EquipmentStatus.IN_SERVICE, created_at__lt=end)
    items = in_service.count()
    checked = in_service.filter(checks__checked_at__gte=start, checks__checked_at__lt=end).distinct().count()
    values = {"items": items, "checked": checked, "complete": items > 0 and checked == items}
    if any(getattr(row, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(row, k, v)
        row.version += 1
        row.save()
    return row


@transaction.atomic
def create_equipment(*, actor, org_unit, kind, location, building="", model="", expires=None,
                     now: datetime | None = None) -> FireEquipment:
    unit = school_of(org_unit)
    require(actor, "canteen.fire_manage", unit)
    values = {"kind": inputs.choice(kind, "kind", EquipmentKind),
              "location": inputs.text(location, "location", max_length=200),
              "building": inputs.text(building, "building", required=False, max_length=100),
              "model": inputs.text(model, "model", required=False, max_length=100),
              "expires": inputs.date(expires, "expires", required=False)}
    item = FireEquipment.objects.create(org_unit=unit, code=new_code(), **values)
    refresh_month(unit, today(unit, now or timezone.now()))
    audit.record("canteen.equipment_added", actor=actor, obj=item, changes={**values, "code": item.code})
    ensure_in_scope(actor, "canteen.fire_manage", item)
    return item


@transaction.atomic
def check_equipment(item: FireEquipment, *, actor, result, note: str = "", photo=None,
                    now: datetime | None = None, expected_version: int | None = None) -> FireCheck:
    """A check of one item (usually from its QR label, on a phone). A fault opens a hazard at once."""
    item = lock(FireEquipment, item.pk, expected_version)
    require(actor, "canteen.fire_check", item.org_unit)
    result = inputs.choice(result, "result", CheckResult)
    note = inputs.text(note, "note", required=False, max_length=500)
    if item.status == EquipmentStatus.RETIRED:
        raise Conflict(_("This item is retired."))
    now = now or timezone.now()
    check = FireCheck.objects.create(org_unit=item.org_unit, equipment=item, result=result, note=note,
                                     checked_by=actor, checked_at=now)
    if photo is not None:
        store(photo, target=check, actor=actor, purpose="check", field="photo")
    if result == CheckResult.FAULT:
        from safecampus.hazards.services import report_hazard

        hazard = report_hazard(
            actor=actor, org_unit=item.org_unit, category="fire", level="general", source="inspection",
            source_ref=f"fire-equipment:{item.pk}",
            title=_("Fire equipment fault: %(item)s") % {"item": f"{item.get_kind_display()} · {item.location}"},
            location=" ".join(p for p in (item.building, item.location) if p), description=note)
        check.hazard = hazard
        check.save(update_fields=["hazard"])
    item.last_checked_at, item.last_result = now, result
    item.version += 1
    item.save(update_fields=["last_checked_at", "last_result", "version", "updated_at"])
    refresh_month(item.org_unit, today(item.org_unit, now))
    audit.record("canteen.equipment_checked", actor=actor, obj=item,
                 changes={"result": result, "note": note, "hazard": check.hazard_id})
    ensure_in_scope(actor, "canteen.fire_check", check)
    return check


def away_share(unit, building: str) -> tuple[int, int]:
    """(extinguishers away for repair, extinguishers in the building not retired)."""
    rows = dict(FireEquipment.objects.filter(org_unit=unit, building=building, kind=EquipmentKind.EXTINGUISHER)
                .exclude(status=EquipmentStatus.RETIRED).order_by().values_list("status").annotate(n=Count("pk")))
    away = rows.get(EquipmentStatus.AWAY, 0)
    return away, away + rows.get(EquipmentStatus.IN_SERVICE, 0)


def over_limit(unit, building: str) -> bool:
    away, total = away_share(unit, building)
    return total > 0 and away * 100 > total * policies.fire(unit)["max_away_percent"]


@transaction.atomic
def send_for_repair(item: FireEquipment, *, actor, expected_version: int | None = None, note: str = "",
                    now: datetime | None = None) -> FireEquipment:
    """Away for repair. More than the policy's share of a building's extinguishers away at once is
    flagged (the safety officers are told), not refused: a broken extinguisher must go."""
    item = lock(FireEquipment, item.pk, expected_version)
    require(actor, "canteen.fire_manage", item.org_unit)
    if item.status != EquipmentStatus.IN_SERVICE:
        raise Conflict(_("Only an item in service can be sent for repair."))
    note = inputs.text(note, "note", required=False, max_length=500)
    item.status = EquipmentStatus.AWAY
    item.version += 1
    item.save(update_fields=["status", "version", "updated_at"])
    refresh_month(item.org_unit, today(item.org_unit, now or timezone.now()))
    flagged = item.kind == EquipmentKind.EXTINGUISHER and over_limit(item.org_unit, item.building)
    audit.record("canteen.equipment_away", actor=actor, obj=item, changes={"note": note, "over_limit": flagged})
    if flagged:
        from django.contrib.auth import get_user_model

        leaders = get_user_model().objects.filter(
            is_active=True, role_assignments__role__code__in=("safety_officer", "principal"),
            role_assignments__org_unit=item.org_unit).distinct()
        away, total = away_share(item.org_unit, item.building)
        building = item.building or "—"
        notify(leaders, kind="canteen.repair_limit",
               title=lambda: _("%(away)d of %(total)d extinguishers of %(building)s are away for repair")
               % {"away": away, "total": total, "building": building},
               url=item.get_absolute_url(), dedupe_key=f"canteen.repair_limit:{item.pk}:{item.version}")
    ensure_in_scope(actor, "canteen.fire_manage", item)
    return item


@transaction.atomic
def return_from_repair(item: FireEquipment, *, actor, expected_version: int | None = None,
                       now: datetime | None = None) -> FireEquipment:
    item = lock(FireEquipment, item.pk, expected_version)
    require(actor, "canteen.fire_manage", item.org_unit)
    if item.status != EquipmentStatus.AWAY:
        raise Conflict(_("This item is not away for repair."))
    item.status = EquipmentStatus.IN_SERVICE
    item.version += 1
    item.save(update_fields=["status", "version", "updated_at"])
    refresh_month(item.org_unit, today(item.org_unit, now or timezone.now()))
    audit.record("canteen.equipment_returned", actor=actor, obj=item, changes={})
    ensure_in_scope(actor, "canteen.fire_manage", item)
    return item


@transaction.atomic
def retire_equipment(item: FireEquipment, *, actor, expected_version: int | None = None,
                     now: datetime | None = None) -> FireEquipment:
    item = lock(FireEquipment, item.pk, expected_version)
    require(actor, "canteen.fire_manage", item.org_unit)
    if item.status == EquipmentStatus.RETIRED:
        raise Conflict(_("This item is retired."))
    item.status = EquipmentStatus.RETIRED
    item.version += 1
    item.save(update_fields=["status", "version", "updated_at"])
    refresh_month(item.org_unit, today(item.org_unit, now or timezone.now()))
    audit.record("canteen.equipment_retired", actor=actor, obj=item, changes={})
    ensure_in_scope(actor, "canteen.fire_manage", item)
    return item


@transaction.atomic
def check_exit(*, actor, org_unit, place, clear, note: str = "", now: datetime | None = None) -> ExitCheck:
    """An evacuation route or exit looked at; a blocked one opens a hazard."""
    unit = school_of(org_unit)
    require(actor, "canteen.fire_check", unit)
    place = inputs.text(place, "place", max_length=200)
    clear = inputs.flag(clear, "clear")
    note = inputs.text(note, "note", required=False, max_length=500)
    item = ExitCheck.objects.create(org_unit=unit, place=place, clear=clear, note=note, checked_by=actor,
                                    checked_at=now or timezone.now())
    if not clear:
        from safecampus.hazards.services import report_hazard

        item.hazard = report_hazard(actor=actor, org_unit=unit, category="fire", level="general", source="inspection",
                                    source_ref=f"exit-check:{item.pk}", location=place, description=note,
                                    title=_("Evacuation route or exit blocked: %(place)s") % {"place": place})
        item.save(update_fields=["hazard"])
    audit.record("canteen.exit_checked", actor=actor, obj=item,
                 changes={"place": place, "clear": clear, "note": note, "hazard": item.hazard_id})
    ensure_in_scope(actor, "canteen.fire_check", item)
    return item

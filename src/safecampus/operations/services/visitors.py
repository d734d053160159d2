"""The visitor register: arrival (or refusal by the watch list), leaving, closing time, purge."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.crypto import blind_index
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.notify import notify
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import ensure_in_scope

from .. import people
from ..choices import VisitorStatus
from ..identity import identity_number
from ..models import Visitor, WatchEntry
from ..policies import VISITORS, book
from .common import locked, others, school

__all__ = ["add_to_watchlist", "create_visitor", "leave", "purge_identities", "report_still_inside"]


def _watched(school_unit, id_hash: str) -> WatchEntry | None:
    return WatchEntry.objects.filter(org_unit=school_unit, id_number_hash=id_hash, active=True).first()


@transaction.atomic
def create_visitor(*, actor, org_unit, name, id_number, purpose, phone: str = "", host=None, badge_no: str = "",
                   request_id: str = "") -> Visitor:
    """Register a visitor at the gate. One on the school's watch list is refused and the safety officer told."""
    unit = school(org_unit)
    require(actor, "operations.visitors", unit)
    name = inputs.text(name, "name", max_length=100)
    number = identity_number(id_number)
    purpose = inputs.text(purpose, "purpose", max_length=200)
    phone = inputs.text(phone, "phone", required=False, max_length=32)
    badge_no = inputs.text(badge_no, "badge_no", required=False, max_length=32)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    if host is not None and not has_capability(host, "org.view", unit.path):
        raise InvalidInput.field("host", _("Choose a member of staff of this school."))
    if request_id and actor is not None:
        existing = Visitor.objects.filter(registered_by=actor, request_id=request_id).first()
        if existing is not None:
            return existing
    id_hash = blind_index(number)
    watched = _watched(unit, id_hash)
    now = timezone.now()
    try:
        with transaction.atomic():
            visitor = Visitor.objects.create(
                org_unit=unit, name=name, id_number=number, id_number_hash=id_hash, phone=phone, purpose=purpose,
                host=host, badge_no=badge_no, entered_at=now, registered_by=actor,
                request_id=request_id if actor is not None else "",
                status=VisitorStatus.REFUSED if watched else VisitorStatus.INSIDE,
                refusal_reason=_("On the watch list") if watched else "")
    except IntegrityError:
        existing = Visitor.objects.filter(registered_by=actor, request_id=request_id).first()
        if existing is None:
            raise
        return existing
    ensure_in_scope(actor, "operations.visitors", visitor)
    # The identity number never enters the trail, only the fact that one was recorded.
    audit.record("operations.visitor_refused" if watched else "operations.visitor_entered", actor=actor,
                 obj=visitor, changes={"name": name, "purpose": purpose, "host": host.pk if host else None,
                                       "badge_no": badge_no, "status": visitor.status})
    if watched:
        notify(people.safety_officers(unit), kind="operations.watchlist",
               title=lambda: _("Watch list: %(name)s refused at the gate of %(school)s")
               % {"name": name, "school": unit},
               body=lambda: _("Reason on the watch list: %(reason)s") % {"reason": watched.reason},
               url=visitor.get_absolute_url())
    elif host is not None:
        notify(others([host], actor), kind="operations.visitor",
               title=lambda: _("Your visitor %(name)s has arrived (%(purpose)s)") % {"name": name, "purpose": purpose},
               url=visitor.get_absolute_url())
    return visitor


@transaction.atomic
def leave(visitor: Visitor, *, actor, expected_version: int | None = None) -> Visitor:
    """The visitor leaves; a second "left" is a 409."""
    visitor = locked(visitor, expected_version)
    require(actor, "operations.visitors", visitor.org_unit)
    if visitor.status != VisitorStatus.INSIDE:
        raise Conflict(_("This visitor is not inside."))
    visitor.status = VisitorStatus.LEFT
    visitor.left_at = timezone.now()
    visitor.version += 1
    visitor.save(update_fields=["status", "left_at", "version", "updated_at"])
    ensure_in_scope(actor, "operations.visitors", visitor)
    audit.record("operations.visitor_left", actor=actor, obj=visitor,
                 changes={"status": [VisitorStatus.INSIDE, VisitorStatus.LEFT]})
    return visitor


@transaction.atomic
def add_to_watchlist(*, actor, org_unit, id_number, reason, name: str = "") -> WatchEntry:
    unit = school(org_unit)
    require(actor, "operations.watchlist", unit)
    number = identity_number(id_number)
    reason = inputs.text(reason, "reason", max_length=200)
    name = inputs.text(name, "name", required=False, max_length=100)
    id_hash = blind_index(number)
    existing = _watched(unit, id_hash)
    if existing is not None:
        return existing
    entry = WatchEntry.objects.create(org_unit=unit, name=name, id_number=number, id_number_hash=id_hash,
                                      reason=reason, added_by=actor)
    ensure_in_scope(actor, "operations.watchlist", entry)
    audit.record("operations.watchlist_added", actor=actor, obj=entry, changes={"name": name, "reason": reason})
    return entry


def report_still_inside(now: datetime | None = None) -> int:
    """At each school's closing time (policy), the leader on duty hears who is still inside. Once per visit."""
    from safecampus.org.models import OrgUnit

    now = now or timezone.now()
    told = 0
    ids = (Visitor.objects.filter(status=VisitorStatus.INSIDE, closing_reported_at__isnull=True)
           .order_by().values_list("org_unit", flat=True).distinct())
    units = list(OrgUnit.objects.filter(pk__in=list(ids)))
    policies = book(units, VISITORS)
    for unit in units:
        local = people.local_now(unit, now)
        if local.hour < policies.values(unit.path, VISITORS)["closing_hour"]:
            continue
        with transaction.atomic():
            ids = list(Visitor.objects.filter(org_unit=unit, status=VisitorStatus.INSIDE,
                                              closing_reported_at__isnull=True).values_list("pk", flat=True))
            claimed = Visitor.objects.filter(pk__in=ids, closing_reported_at__isnull=True).update(
                closing_reported_at=now)
            if not claimed:
                continue
            names = list(Visitor.objects.filter(pk__in=ids).values_list("name", flat=True))
            audit.record("operations.still_inside_reported", org_unit=unit, object_type="org.orgunit",
                         object_id=unit.pk, changes={"visitors": len(names)})
            count = len(names)
            notify(people.duty_leaders(unit, now), kind="operations.still_inside",
                   title=lambda n=count, u=unit: _("%(n)d visitor(s) still inside %(school)s at closing time")
                   % {"n": n, "school": u},
                   body=lambda names=names: ", ".join(names), url="/operations/visitors/?status=inside",
                   dedupe_key=f"visitors:inside:{unit.pk}:{local.date()}:{now:%H%M}")
            told += claimed
    return told


def purge_identities(now: datetime | None = None) -> int:
    """Visitors' identity data is kept for the policy's retention, then erased; an audit event counts it."""
    from safecampus.org.models import OrgUnit

    now = now or timezone.now()
    purged = 0
    # The shortest retention any school could have bounds which rows are worth looking at.
    ids = (Visitor.objects.filter(purged_at__isnull=True, entered_at__lt=now - timedelta(days=1))
           .order_by().values_list("org_unit", flat=True).distinct())
    units = list(OrgUnit.objects.filter(pk__in=list(ids)))
    policies = book(units, VISITORS)
    for unit in units:
        cutoff = now - timedelta(days=policies.values(unit.path, VISITORS)["retention_days"])
        with transaction.atomic():
            count = Visitor.objects.filter(org_unit=unit, purged_at__isnull=True, entered_at__lt=cutoff).update(
                id_number="", id_number_hash="", phone="", purged_at=now)
            if count:
                audit.record("operations.visitor_identities_purged", org_unit=unit, object_type="org.orgunit",
                             object_id=unit.pk, changes={"purged": count, "before": cutoff})
                purged += count
    return purged

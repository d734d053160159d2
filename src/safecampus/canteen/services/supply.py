"""Suppliers and their qualifications; the purchase register per batch; "three-no" batches refused.

A batch without an inspection certificate or a purchase ticket, or from a supplier whose
qualification has lapsed, is refused (400) and the refusal is kept as a record of its own.
Purchase records are kept for the retention policy: months after the shelf life ends, and at
least a number of years (Food Safety Law art. 53).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.errors import InvalidInput
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from .. import policies
from ..models import FoodPurchase, PurchaseRefusal, Supplier
from .common import school_of, today


def keep_until(unit, *, purchased_on: date, expires_on: date | None) -> date:
    """The last day a purchase record must be kept, from the school's retention policy."""
    rules = policies.records(unit)
    floor = purchased_on + relativedelta(years=rules["min_years"])
    if expires_on is None:
        return floor
    return max(floor, expires_on + relativedelta(months=rules["months_after_shelf_life"]))


@transaction.atomic
def create_supplier(*, actor, org_unit, name, licence_expires, licence_no="", qualifications="", contact="",
                    photos=()) -> Supplier:
    unit = school_of(org_unit)
    require(actor, "canteen.manage", unit)
    values = {"name": inputs.text(name, "name", max_length=100),
              "licence_expires": inputs.date(licence_expires, "licence_expires"),
              "licence_no": inputs.text(licence_no, "licence_no", required=False, max_length=60),
              "qualifications": inputs.text(qualifications, "qualifications", required=False, max_length=500),
              "contact": inputs.text(contact, "contact", required=False, max_length=100)}
    supplier = Supplier.objects.create(org_unit=unit, **values)
    for upload in photos or ():
        store(upload, target=supplier, actor=actor, purpose="qualification", field="photos")
    audit.record("canteen.supplier_added", actor=actor, obj=supplier, changes=values)
    ensure_in_scope(actor, "canteen.manage", supplier)
    return supplier


@transaction.atomic
def renew_supplier(supplier: Supplier, *, actor, licence_expires, expected_version: int | None = None,
                   photos=()) -> Supplier:
    supplier = lock(Supplier, supplier.pk, expected_version)
    require(actor, "canteen.manage", supplier.org_unit)
    expires = inputs.date(licence_expires, "licence_expires")
    before = supplier.licence_expires
    supplier.licence_expires = expires
    supplier.version += 1
    supplier.save()
    for upload in photos or ():
        store(upload, target=supplier, actor=actor, purpose="qualification", field="photos")
    audit.record("canteen.supplier_renewed", actor=actor, obj=supplier, changes={"licence_expires": [before, expires]})
    ensure_in_scope(actor, "canteen.manage", supplier)
    return supplier


@transaction.atomic
def _refuse(*, actor, unit, supplier, item: str, batch: str, reasons: list[str], now: datetime) -> PurchaseRefusal:
    refusal = PurchaseRefusal.objects.create(org_unit=unit, supplier=supplier, item=item, batch=batch,
                                             reasons=reasons, refused_at=now, recorded_by=actor)
    audit.record("canteen.batch_refused", actor=actor, obj=refusal,
                 changes={"item": item, "batch": batch, "supplier": str(supplier or ""), "reasons": reasons})
    return refusal


@transaction.atomic
def _create(*, actor, unit, values: dict, certificate_photo, ticket_photo) -> FoodPurchase:
    purchase = FoodPurchase.objects.create(org_unit=unit, recorded_by=actor, **values)
    if certificate_photo is not None:
        store(certificate_photo, target=purchase, actor=actor, purpose="certificate", field="certificate_photo")
    if ticket_photo is not None:
        store(ticket_photo, target=purchase, actor=actor, purpose="ticket", field="ticket_photo")
    audit.record("canteen.purchase_recorded", actor=actor, obj=purchase,
                 changes={k: v for k, v in values.items() if k not in ("request_id", "supplier")}
                 | {"supplier": str(values["supplier"])})
    ensure_in_scope(actor, "canteen.manage", purchase)
    return purchase


def receive_batch(*, actor, org_unit, supplier, item, batch, quantity, has_certificate=False, has_ticket=False,
                  production_date=None, shelf_life_days=None, purchased_on=None, certificate_photo=None,
                  ticket_photo=None, request_id: str = "", now: datetime | None = None) -> FoodPurchase:
    """Record a batch bought, or refuse it (400 naming every reason) and keep the refusal."""
    unit = school_of(org_unit)
    require(actor, "canteen.manage", unit)
    now = now or timezone.now()
    day = today(unit, now)
    request_id = inputs.text(request_id, "request_id", required=False, max_length=64)
    if request_id:
        done = FoodPurchase.objects.filter(org_unit=unit, request_id=request_id).first()
        if done is not None:
            return done
    if supplier is None or supplier.org_unit_id != unit.pk:
        raise InvalidInput.field("supplier", _("Choose a supplier of this school."))
    item = inputs.text(item, "item", max_length=100)
    batch = inputs.text(batch, "batch", max_length=60)
    quantity = inputs.text(quantity, "quantity", max_length=60)
    has_certificate = inputs.flag(has_certificate, "has_certificate")
    has_ticket = inputs.flag(has_ticket, "has_ticket")
    production_date = inputs.date(production_date, "production_date", required=False)
    shelf_life_days = inputs.number(shelf_life_days, "shelf_life_days", minimum=1, maximum=3650, required=False)
    purchased_on = inputs.date(purchased_on, "purchased_on", required=False) or day
    if purchased_on > day:
        raise InvalidInput.field("purchased_on", _("Cannot be in the future."))
    if production_date is not None and production_date > day:
        raise InvalidInput.field("production_date", _("Cannot be in the future."))
    if (production_date is None) != (shelf_life_days is None):
        raise InvalidInput.field("shelf_life_days" if production_date else "production_date",
                                 _("Give both the production date and the shelf life."))
    expires_on = production_date + timedelta(days=shelf_life_days) if production_date else None
    if expires_on is not None and expires_on < day:
        raise InvalidInput.field("shelf_life_days", _("This batch is past its shelf life (expired on %(day)s).")
                                 % {"day": expires_on.isoformat()})
    reasons: dict[str, str] = {}
    if not has_certificate:
        reasons["has_certificate"] = _("No inspection certificate: the batch is refused.")
    if not has_ticket:
        reasons["has_ticket"] = _("No purchase ticket: the batch is refused.")
    if not supplier.qualified_on(day):
        reasons["supplier"] = _("The supplier's qualification expired on %(day)s: the batch is refused.") % {
            "day": supplier.licence_expires.isoformat()}
    if reasons:
        _refuse(actor=actor, unit=unit, supplier=supplier, item=item, batch=batch, reasons=list(reasons), now=now)
        raise InvalidInput(_('"Three-no" food refused: %(reasons)s') % {"reasons": " ".join(reasons.values())},
                           fields={k: [v] for k, v in reasons.items()})
    values = {"supplier": supplier, "item": item, "batch": batch, "quantity": quantity,
              "production_date": production_date, "shelf_life_days": shelf_life_days,
              "has_certificate": has_certificate, "has_ticket": has_ticket, "purchased_on": purchased_on,
              "keep_until": keep_until(unit, purchased_on=purchased_on, expires_on=expires_on),
              "request_id": request_id}
    return _create(actor=actor, unit=unit, values=values, certificate_photo=certificate_photo,
                   ticket_photo=ticket_photo)

"""Security defences (人防、物防、技防): what a school keeps, each check, a failed check opens a hazard."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from ..choices import DefenceState
from ..defences_data import KINDS, label_of
from ..models import Defence, DefenceCheck
from .common import locked, school

__all__ = ["check_defence", "create_defence"]


@transaction.atomic
def create_defence(*, actor, org_unit, kind: str, quantity: int = 1, location: str = "",
                   state: str = DefenceState.WORKING) -> Defence:
    unit = school(org_unit)
    require(actor, "operations.defences", unit)
    kind = inputs.choice(kind, "kind", list(KINDS))
    quantity = int(inputs.number(quantity, "quantity", minimum=0, maximum=100000))
    location = inputs.text(location, "location", required=False, max_length=200)
    state = inputs.choice(state, "state", DefenceState)
    try:
        with transaction.atomic():
            defence = Defence.objects.create(org_unit=unit, kind=kind, quantity=quantity, location=location,
                                             state=state)
    except IntegrityError:
        raise InvalidInput.field("kind", _("This school already records this defence.")) from None
    ensure_in_scope(actor, "operations.defences", defence)
    audit.record("operations.defence_recorded", actor=actor, obj=defence,
                 changes={"kind": kind, "quantity": quantity, "location": location, "state": state})
    return defence


@transaction.atomic
def check_defence(defence: Defence, *, actor, ok: bool, note: str = "", expected_version: int | None = None,
                  photos=()) -> DefenceCheck:
    """Record a check; a failed one marks the defence faulty and opens a hazard at the school."""
    from safecampus.hazards.services import report_hazard

    defence = locked(defence, expected_version)
    require(actor, "operations.defences", defence.org_unit)
    ok = inputs.flag(ok, "ok")
    note = inputs.text(note, "note", required=not ok)
    now = timezone.now()
    hazard = None
    if not ok:
        title = _("Security defence not working: %(defence)s") % {"defence": label_of(defence.kind)}
        hazard = report_hazard(actor=actor, org_unit=defence.org_unit, category="security", level="general",
                               title=title,
                               location=defence.location, description=note, source="patrol",
                               source_ref=f"defence:{defence.pk}", photos=photos)
    check = DefenceCheck.objects.create(org_unit=defence.org_unit, defence=defence, ok=ok, note=note, by=actor,
                                        at=now, hazard=hazard)
    before = defence.state
    defence.state = DefenceState.WORKING if ok else DefenceState.FAULTY
    defence.last_checked_at = now
    defence.version += 1
    defence.save(update_fields=["state", "last_checked_at", "version", "updated_at"])
    ensure_in_scope(actor, "operations.defences", check)
    audit.record("operations.defence_checked", actor=actor, obj=defence, changes={
        "state": [before, defence.state], "note": note, "hazard": hazard.pk if hazard else None})
    return check

"""What the canteen services share: the school a record belongs to and the school's day."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _

from safecampus.core.errors import InvalidInput
from safecampus.core.zones import local_today


def school_of(unit, field: str = "org_unit"):
    """Canteens and fire equipment are kept by a school (kindergartens and teaching points included)."""
    if unit is None or unit.kind != "school":
        raise InvalidInput.field(field, _("Choose a school."))
    return unit


def today(unit, now: datetime | None = None) -> date:
    """The school's day (``core.zones.local_today``): the name the canteen's pages and services use."""
    return local_today(unit, now)

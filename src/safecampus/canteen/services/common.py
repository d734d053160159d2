"""What the canteen services share: the school a record belongs to and the school's day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core.errors import InvalidInput


def school_of(unit, field: str = "org_unit"):
    """Canteens and fire equipment are kept by a school (kindergartens and teaching points included)."""
    if unit is None or unit.kind != "school":
        raise InvalidInput.field(field, _("Choose a school."))
    return unit


def local_day(moment: datetime, unit) -> date:
    return moment.astimezone(ZoneInfo(unit.timezone or "Asia/Shanghai")).date()


def today(unit, now: datetime | None = None) -> date:
    return local_day(now or timezone.now(), unit)

"""A school's clock. Times are stored in UTC; deadlines, registers and duty follow the school's own
day, in its zone (Asia/Shanghai unless the unit names another)."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from django.utils import timezone

DEFAULT_ZONE = "Asia/Shanghai"


@cache  # a handful of names, asked for on every row an evaluation reads
def zone(name: str | None) -> ZoneInfo:
    """The zone of that name; a unit's unknown or empty zone is the default's, not an error."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (KeyError, ValueError):  # ZoneInfoNotFoundError is a KeyError
        return ZoneInfo(DEFAULT_ZONE)


def unit_zone(unit) -> ZoneInfo:
    return zone(getattr(unit, "timezone", ""))


def local_now(unit, now: datetime | None = None) -> datetime:
    return timezone.localtime(now or timezone.now(), unit_zone(unit))


def local_today(unit, now: datetime | None = None) -> date:
    return local_now(unit, now).date()


def at_local(unit, day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock moment at the school, aware (stored in UTC)."""
    return datetime.combine(day, time(hour, minute), tzinfo=unit_zone(unit))


def end_of_day(unit, day: date) -> datetime:
    """The last moment of ``day`` at the school: a deadline "by the 5th" holds until then."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=unit_zone(unit))

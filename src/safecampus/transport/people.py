"""The school a record belongs to, its day, and who is told."""

from __future__ import annotations

from datetime import date

from safecampus.core.zones import local_today, unit_zone  # noqa: F401 (the app's names for them)
from safecampus.org.selectors import name_of, users_with_roles  # noqa: F401


def safety_officers(school) -> list:
    return users_with_roles([school.path], ("safety_officer",))


def school_leaders(school) -> list:
    return users_with_roles([school.path], ("principal", "safety_officer"))


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))

"""The school a record belongs to, its day, and who is told."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone


def unit_zone(unit) -> ZoneInfo:
    try:
        return ZoneInfo(unit.timezone or "Asia/Shanghai")
    except (KeyError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def local_today(unit, now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), unit_zone(unit)).date()


def name_of(user) -> str:
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


def users_with_roles(paths: list[str], roles: tuple[str, ...]) -> list:
    User = get_user_model()
    return list(User.objects.filter(is_active=True, role_assignments__role__code__in=roles,
                                    role_assignments__org_unit__path__in=paths).distinct())


def safety_officers(school) -> list:
    return users_with_roles([school.path], ("safety_officer",))


def school_leaders(school) -> list:
    return users_with_roles([school.path], ("principal", "safety_officer"))


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))

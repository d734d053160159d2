"""Who hears about a hazard: the school's leaders, the supervisors above it, the authority."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from safecampus.core.scoping import ancestor_paths
from safecampus.org.roles import SCHOOL_LEADERS


def users_with_roles(paths: list[str], roles: tuple[str, ...]) -> list:
    User = get_user_model()
    return list(User.objects.filter(is_active=True, role_assignments__role__code__in=roles,
                                    role_assignments__org_unit__path__in=paths).distinct())


def school_leaders(hazard) -> list:
    return users_with_roles([hazard.org_unit.path], SCHOOL_LEADERS)


def central_officers(hazard) -> list:
    return users_with_roles(ancestor_paths(hazard.org_unit.path), ("central_officer",))


def authority_officers(hazard) -> list:
    return users_with_roles(ancestor_paths(hazard.org_unit.path), ("authority_officer",))


def unit_zone(unit) -> ZoneInfo:
    try:
        return ZoneInfo(unit.timezone or "Asia/Shanghai")
    except (KeyError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def local_today(unit, now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), unit_zone(unit)).date()


def end_of_day(unit, day: date) -> datetime:
    """The deadline's last moment at the school, as an aware datetime (stored in UTC)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=unit_zone(unit))

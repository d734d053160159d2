"""Who is told: the school's safety officers, a class's head teacher, the leader on duty now."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from safecampus.core.scoping import ancestor_paths
from safecampus.org.choices import UnitKind
from safecampus.org.roles import SCHOOL_LEADERS


def name_of(user) -> str:
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


def users_with_roles(paths: list[str], roles: tuple[str, ...]) -> list:
    User = get_user_model()
    return list(User.objects.filter(is_active=True, role_assignments__role__code__in=roles,
                                    role_assignments__org_unit__path__in=paths).distinct())


def safety_officers(school) -> list:
    return users_with_roles([school.path], ("safety_officer",))


def school_leaders(school) -> list:
    return users_with_roles([school.path], SCHOOL_LEADERS)


def head_teachers(klass) -> list:
    return users_with_roles([klass.path], ("head_teacher",))


def unit_zone(unit) -> ZoneInfo:
    try:
        return ZoneInfo(unit.timezone or "Asia/Shanghai")
    except (KeyError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def local_now(unit, now: datetime | None = None) -> datetime:
    return timezone.localtime(now or timezone.now(), unit_zone(unit))


def local_today(unit, now: datetime | None = None) -> date:
    return local_now(unit, now).date()


def at_local(unit, day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock moment at the school, aware (stored in UTC)."""
    return datetime.combine(day, time(hour, minute), tzinfo=unit_zone(unit))


def school_of(unit):
    """The school a unit belongs to (a class's or grade's school, a school itself)."""
    if unit is None:
        return None
    if unit.kind == UnitKind.SCHOOL:
        return unit
    if unit.kind in (UnitKind.GRADE, UnitKind.CLASS):
        return unit.school
    return None


def schools_of(units: list) -> dict[int, object]:
    """Each grade's or class's school (a school is its own), for many units in one query."""
    from safecampus.org.models import OrgUnit

    paths = {p for u in units for p in ancestor_paths(u.path)}
    schools = {s.path: s for s in OrgUnit.objects.filter(path__in=paths, kind=UnitKind.SCHOOL)}
    return {u.pk: next((schools[p] for p in reversed(ancestor_paths(u.path)) if p in schools), None)
            for u in units}


def duty_leaders(school, now: datetime | None = None) -> list:
    """The leader on duty at the school today; the safety officers when no roster names one."""
    today = local_today(school, now)
    User = get_user_model()
    leaders = list(User.objects.filter(
        duty_assignments__org_unit=school, duty_assignments__date=today, duty_assignments__is_leader=True,
        is_active=True).distinct())
    return leaders or safety_officers(school)

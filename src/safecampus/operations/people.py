"""Who is told: the school's safety officers, a class's head teacher, the leader on duty now."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model

from safecampus.core.scoping import ancestor_paths
from safecampus.core.zones import at_local, local_now, local_today, unit_zone  # noqa: F401 (the app's names)
from safecampus.org.choices import UnitKind
from safecampus.org.roles import SCHOOL_LEADERS
from safecampus.org.selectors import name_of, users_with_roles  # noqa: F401


def safety_officers(school) -> list:
    return users_with_roles([school.path], ("safety_officer",))


def school_leaders(school) -> list:
    return users_with_roles([school.path], SCHOOL_LEADERS)


def head_teachers(klass) -> list:
    return users_with_roles([klass.path], ("head_teacher",))


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

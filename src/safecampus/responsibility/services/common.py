"""What the responsibility services share: the school year, a person's unit and name, duty lines."""

from __future__ import annotations

from datetime import date
from typing import Any

from safecampus.org.models import OrgUnit, RoleAssignment, Staff


def school_year_of(day: date) -> int:
    """School years start in September: 2026 means 2026-2027."""
    return day.year if day.month >= 9 else day.year - 1


def home_unit(user) -> OrgUnit | None:
    """The unit a person works at: their staff record's unit, else the deepest unit of their roles."""
    staff = Staff.objects.filter(user=user).select_related("org_unit").first()
    if staff is not None:
        return staff.org_unit
    ra = RoleAssignment.objects.filter(user=user).select_related("org_unit").order_by("-org_unit__depth").first()
    return ra.org_unit if ra else None


def display_name(user) -> str:
    staff = getattr(user, "staff", None) if user is not None else None
    try:
        if staff is not None and staff.name:
            return staff.name
    except Staff.DoesNotExist:
        pass
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def duty_lines(text: Any) -> list[str]:
    """Duties as lines: a list as given, or a text one duty a line; blank lines dropped."""
    if isinstance(text, list | tuple):
        return [str(x).strip() for x in text if str(x).strip()]
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]

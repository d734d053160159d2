"""Who hears about a hazard: the school's leaders, the supervisors above it, the authority."""

from __future__ import annotations

from safecampus.core.scoping import ancestor_paths
from safecampus.core.zones import end_of_day, local_today, unit_zone  # noqa: F401 (the app's names for them)
from safecampus.org.roles import SCHOOL_LEADERS
from safecampus.org.selectors import users_with_roles


def school_leaders(hazard) -> list:
    return users_with_roles([hazard.org_unit.path], SCHOOL_LEADERS)


def central_officers(hazard) -> list:
    return users_with_roles(ancestor_paths(hazard.org_unit.path), ("central_officer",))


def authority_officers(hazard) -> list:
    return users_with_roles(ancestor_paths(hazard.org_unit.path), ("authority_officer",))



"""Read-side helpers of the org app."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from safecampus.core.errors import Forbidden
from safecampus.core.permissions import grants_of

from .models import OrgUnit


def acting_unit(user, capability: str) -> OrgUnit:
    """The highest unit where ``user`` holds ``capability`` (where an import or a new record of
    theirs belongs when none is named)."""
    grants = sorted((g for g in grants_of(user) if g.allows(capability)), key=lambda g: g.path.count("/"))
    if not grants:
        raise Forbidden()
    return OrgUnit.objects.get(pk=grants[0].unit_id)


def users_with_roles(paths: list[str], roles: tuple[str, ...]) -> list:
    """Active people holding any of ``roles`` at exactly one of ``paths`` (who is told)."""
    User = get_user_model()
    return list(User.objects.filter(is_active=True, role_assignments__role__code__in=roles,
                                    role_assignments__org_unit__path__in=paths).distinct())


def name_of(user) -> str:
    """A person as the pages name them: the staff record's name, else the sign-in name."""
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()

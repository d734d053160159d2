from safecampus.core.permissions import Grant

from .models import RoleAssignment


def grants_for_user(user) -> list[Grant]:
    """One query: every role the user holds, at which unit, with its capabilities."""
    rows = RoleAssignment.objects.filter(user_id=user.pk).values_list(
        "org_unit_id", "org_unit__path", "role__code", "role__capabilities")
    return [Grant(unit_id, path, code, frozenset(caps or ())) for unit_id, path, code, caps in rows]

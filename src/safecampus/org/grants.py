from safecampus.core.permissions import Grant

from .models import RoleAssignment


def grants_for_user(user) -> list[Grant]:
    """One query: every role the user holds, at which unit, with its capabilities."""
    rows = RoleAssignment.objects.filter(user_id=user.pk).values_list(
        "org_unit_id", "org_unit__path", "role__code", "role__capabilities", "org_unit__name",
        "org_unit__name_zh", "org_unit__kind")
    return [Grant(unit_id, path, code, frozenset(caps or ()), name, name_zh, kind)
            for unit_id, path, code, caps, name, name_zh, kind in rows]

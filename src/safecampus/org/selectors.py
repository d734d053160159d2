"""Read-side helpers of the org app."""

from __future__ import annotations

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

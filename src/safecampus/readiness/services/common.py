"""What the readiness services share: where a record belongs."""

from __future__ import annotations

from django.utils.translation import gettext as _

from safecampus.core.errors import InvalidInput

PLAN_UNIT_KINDS = ("school", "central_school")


def school_unit(unit, field: str = "org_unit"):
    """Plans, teams, drills and funds belong to a school (or to the central school itself)."""
    if unit is None:
        raise InvalidInput.field(field, _("This field is required."))
    if unit.kind in ("grade", "class"):
        return unit.school
    if unit.kind not in PLAN_UNIT_KINDS:
        raise InvalidInput.field(field, _("Choose a school or the central school."))
    return unit

"""What the transport services share: the school a record belongs to, a locked row."""

from __future__ import annotations

from django.utils.translation import gettext as _

from safecampus.core.concurrency import lock
from safecampus.core.errors import InvalidInput, NotFound


def school_of(unit, field: str = "org_unit"):
    """Buses are run by a school (kindergartens and teaching points included)."""
    if unit is None:
        raise InvalidInput.field(field, _("This field is required."))
    if unit.kind != "school":
        raise InvalidInput.field(field, _("Choose a school."))
    return unit


def locked(obj, expected_version: int | None = None):
    try:
        return lock(type(obj), obj.pk, expected_version)
    except (type(obj).DoesNotExist, ValueError, TypeError):
        raise NotFound() from None

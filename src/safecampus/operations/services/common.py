"""What every operations service shares: the school a record belongs to, a locked row."""

from __future__ import annotations

from django.utils.translation import gettext as _

from safecampus.core.concurrency import lock
from safecampus.core.errors import InvalidInput, NotFound

from ..people import school_of


def school(unit, field: str = "org_unit"):
    """The school of ``unit``; daily operations are kept per school."""
    if unit is None:
        raise InvalidInput.field(field, _("This field is required."))
    found = school_of(unit)
    if found is None:
        raise InvalidInput.field(field, _("Choose a school."))
    return found


def locked(obj, expected_version: int | None):
    try:
        return lock(type(obj), obj.pk, expected_version)
    except (type(obj).DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def others(users, actor) -> list:
    return [u for u in users if u is not None and (actor is None or u.pk != actor.pk)]

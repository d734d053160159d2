"""Helpers the incident services share: time zones, recipients, input checks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from safecampus.core.errors import InvalidInput
from safecampus.core.zones import unit_zone as zone_of  # noqa: F401 (the app's name for it)
from safecampus.org.models import OrgUnit

CENTRAL_ROLES = ("central_officer",)
AUTHORITY_ROLES = ("authority_officer",)
SCHOOL_HEADS = ("principal", "safety_officer")


def send(users: Iterable, **kwargs: Any) -> list:
    """Notify; pass ``title`` as a callable so it is stored in every language (see ``core.notify``)."""
    from safecampus.core import notify

    return notify.notify(users, **kwargs)


def ancestor_ids(unit: OrgUnit) -> list[int]:
    return [int(p) for p in unit.path.strip("/").split("/") if p]


def school_of(unit: OrgUnit) -> OrgUnit:
    """The school a class or grade belongs to (its time zone and its heads); the unit itself above."""
    if unit.kind in ("grade", "class"):
        return OrgUnit.objects.filter(pk__in=ancestor_ids(unit), kind="school").first() or unit
    return unit


def users_with_roles(unit: OrgUnit, roles: Iterable[str], *, below: bool = False):
    """People holding ``roles`` at the unit or above it (or, with ``below``, inside it)."""
    User = get_user_model()
    if below:
        return User.objects.filter(role_assignments__role__code__in=list(roles),
                                   role_assignments__org_unit__path__startswith=unit.path,
                                   is_active=True).distinct()
    return User.objects.filter(role_assignments__role__code__in=list(roles),
                               role_assignments__org_unit_id__in=ancestor_ids(unit), is_active=True).distinct()


def count(value, field: str) -> int:
    """A head count: a whole number, zero or more ("1.5", -1, true are refused, not rounded)."""
    if value in (None, ""):
        return 0
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput.field(field, _("Enter a whole number, zero or more."))
    if isinstance(value, str):
        if not value.strip().isdigit():
            raise InvalidInput.field(field, _("Enter a whole number, zero or more."))
        value = int(value.strip())
    if value < 0:
        raise InvalidInput.field(field, _("Enter a whole number, zero or more."))
    if value > 100000:
        raise InvalidInput.field(field, _("This number is too large."))
    return value

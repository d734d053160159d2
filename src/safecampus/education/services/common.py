"""Small helpers the education services share."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from safecampus.core.errors import InvalidInput
from safecampus.core.zones import local_today
from safecampus.org.choices import UnitKind


def school_of(unit, field: str = "org_unit"):
    """The school a class, grade or school belongs to; anything else is bad input."""
    if unit is None:
        raise InvalidInput.field(field, _("This field is required."))
    if unit.kind == UnitKind.SCHOOL:
        return unit
    if unit.kind in (UnitKind.GRADE, UnitKind.CLASS):
        return unit.school
    raise InvalidInput.field(field, _("Choose a school, a grade or a class."))


def not_in_future(day: date, unit, field: str) -> date:
    if day > local_today(unit):
        raise InvalidInput.field(field, _("It cannot be in the future."))
    return day

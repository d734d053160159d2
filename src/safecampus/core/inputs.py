"""Input checks every service shares: one argument order everywhere, ``(value, field, ...)``.

Each check returns the clean value or raises ``InvalidInput.field(field, message)``, which the API
answers as a 400 naming the field and a form shows beside the field. Services call these on what
views and serializers hand them, so the two doors refuse the same input with the same words.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import date as date_type
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .errors import InvalidInput

# A title, a name, a place: one line. A description, a note, minutes: a page or two, never a book.
SHORT_TEXT = 200
LONG_TEXT = 5000


def text(value: Any, field: str, *, required: bool = True, max_length: int | None = LONG_TEXT) -> str:
    """Stripped text; ``""`` when optional and empty."""
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise InvalidInput.field(field, _("This field is required."))
    if max_length and len(value) > max_length:
        raise InvalidInput.field(field, _("At most %(n)d characters.") % {"n": max_length})
    return value


def _values(choices: Any) -> list[str]:
    if hasattr(choices, "values"):  # a TextChoices class
        return [str(v) for v in choices.values]
    return [str(c[0]) if isinstance(c, (tuple, list)) else str(c) for c in choices]


def choice(value: Any, field: str, choices: Any, *, required: bool = True) -> str:
    """One of ``choices`` (a ``TextChoices`` class or an iterable of values / (value, label) pairs)."""
    if value in (None, "") and not required:
        return ""
    allowed = _values(choices)
    if value is None or str(value) not in allowed:
        raise InvalidInput.field(field, _("Choose one of: %(values)s.") % {"values": ", ".join(allowed)})
    return str(value)


def date(value: Any, field: str, *, required: bool = True) -> date_type | None:
    """A calendar date: a ``date`` (a ``datetime`` gives its date) or ``YYYY-MM-DD``."""
    if value in (None, ""):
        if required:
            raise InvalidInput.field(field, _("This field is required."))
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date_type):
        return value
    try:
        return date_type.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput.field(field, _("A date such as 2026-09-30.")) from None


def moment(value: Any, field: str, zone: zoneinfo.ZoneInfo | str, *, required: bool = True) -> datetime | None:
    """A point in time, in UTC. A time sent without an offset is read in ``zone`` (the school's)."""
    if value in (None, ""):
        if required:
            raise InvalidInput.field(field, _("This field is required."))
        return None
    if isinstance(value, str):
        parsed = parse_datetime(value.strip())
        if parsed is None:
            raise InvalidInput.field(field, _("Enter a date and time."))
        value = parsed
    if not isinstance(value, datetime):
        raise InvalidInput.field(field, _("Enter a date and time."))
    if timezone.is_naive(value):
        value = timezone.make_aware(value, zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone)
    return value.astimezone(zoneinfo.ZoneInfo("UTC"))


def year(value: Any, field: str = "year") -> int:
    """A (school) year such as 2026."""
    try:
        found = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput.field(field, _("A year such as 2026.")) from None
    if not 2000 <= found <= 2100:
        raise InvalidInput.field(field, _("A year such as 2026."))
    return found


def number(value: Any, field: str, *, minimum: float | int | None = None, maximum: float | int | None = None,
           required: bool = True, integer: bool = True) -> int | Decimal | None:
    """A whole number (or, with ``integer=False``, a decimal) within the bounds given."""
    if value in (None, ""):
        if required:
            raise InvalidInput.field(field, _("This field is required."))
        return None
    if isinstance(value, bool):
        raise InvalidInput.field(field, _("Enter a number."))
    try:
        if integer:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            found: int | Decimal = int(str(value).strip()) if not isinstance(value, float) else int(value)
        else:
            found = Decimal(str(value).strip())
            if not found.is_finite():
                raise ValueError
    except (TypeError, ValueError, InvalidOperation):
        raise InvalidInput.field(field, _("Enter a whole number.") if integer else _("Enter a number.")) from None
    if minimum is not None and found < minimum:
        raise InvalidInput.field(field, _("At least %(n)s.") % {"n": minimum})
    if maximum is not None and found > maximum:
        raise InvalidInput.field(field, _("At most %(n)s.") % {"n": maximum})
    return found


def flag(value: Any, field: str) -> bool:
    """A yes/no: JSON booleans, or the strings a form or query sends."""
    if isinstance(value, bool):
        return value
    text_value = "" if value is None else str(value).strip().lower()
    if text_value in ("1", "true", "yes", "on"):
        return True
    if text_value in ("", "0", "false", "no", "off"):
        return False
    raise InvalidInput.field(field, _("Yes or no."))


def ids(values: Any, field: str) -> list[int]:
    """A list of record ids (whole numbers), without repeats, in the order given."""
    if values in (None, ""):
        return []
    if isinstance(values, (str, int)) or not isinstance(values, Iterable):
        values = [values]
    out: list[int] = []
    for item in values:
        found = number(item, field, minimum=1, maximum=2**63 - 1)
        if found not in out:
            out.append(int(found))
    return out

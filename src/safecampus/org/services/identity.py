"""The Chinese resident identity number (GB 11643-1999): 6-digit region, 8-digit birth date,
3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from safecampus.core.crypto import blind_index
from safecampus.core.errors import InvalidInput

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def check_character(first17: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def id_number(value, field: str = "id_number", *, required: bool = False) -> str:
    """A valid identity number (upper-case X), or ``""`` when optional and empty."""
    value = "".join(str(value or "").split()).upper()
    if not value:
        if required:
            raise InvalidInput.field(field, _("This field is required."))
        return ""
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise InvalidInput.field(field, _("An identity number has 18 characters: 17 digits and a digit or X."))
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidInput.field(field, _("The date of birth inside the identity number is not a date.")) from None
    if born.year < 1900 or born > date.today():
        raise InvalidInput.field(field, _("The date of birth inside the identity number is not possible."))
    if check_character(value[:17]) != value[17]:
        raise InvalidInput.field(field, _("The identity number's check digit is wrong; please check it."))
    return value


def set_identity(obj, value, field: str = "id_number") -> bool:
    """Validate, store encrypted with its keyed hash; ``None`` leaves it as it is. True if it changed."""
    if value is None:
        return False
    clean = id_number(value, field)
    new_hash = blind_index(clean) if clean else ""
    if new_hash == (obj.id_number_hash or ""):
        return False
    obj.id_number = clean
    obj.id_number_hash = new_hash
    return True

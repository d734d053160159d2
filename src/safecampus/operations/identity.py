"""Checks of a Chinese resident identity number (GB 11643): 18 characters, the last a check digit."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from safecampus.core.errors import InvalidInput

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def check_digit(body: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def identity_number(value: Any, field: str = "id_number", *, required: bool = True) -> str:
    """The number, normalised (no spaces, upper-case X); a wrong length or check digit is a 400."""
    number = "".join(str(value or "").split()).upper()
    if not number:
        if required:
            raise InvalidInput.field(field, _("This field is required."))
        return ""
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidInput.field(field, _("An identity number has 18 characters."))
    if check_digit(number[:17]) != number[17]:
        raise InvalidInput.field(field, _("This identity number's check digit is wrong."))
    return number

"""Strict query parameters for every filter set, API and pages alike.

django-filter hands a filter's value to the database as soon as the form field accepts it, and
its number fields accept ``99999999999999999999`` (SQLite cannot bind it: a 500), ``-1`` and
``1e40``; a yes/no filter reads ``banana`` as "no filter". ``bound_filters(filterset)`` narrows
each form field to what the column it filters can hold, so every bad value is a 400 naming the
parameter (API) or a form error (pages):

- a filter on a whole-number column (ids, foreign keys, years, counts) takes a whole number from
  0 to the column's largest value: no sign, no decimals, no exponent;
- a yes/no filter takes ``true``/``false`` (``1``/``0``, ``yes``/``no``) or nothing;
- free text is at most ``MAX_TEXT`` characters; choices and dates were already strict.

The API's filter backend (``core.api.filters.FilterBackend``) and ``ScopedListView`` call it, so
a new filter set is strict without doing anything.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.utils.translation import gettext as _

MAX_TEXT = 200
WHOLE = re.compile(r"^\d{1,19}$")
YES_NO = {"true", "false", "1", "0", "yes", "no", "on", "off", "unknown", "2", "3", "True", "False"}
INTEGER_TYPES = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
                 "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
                 "PositiveSmallIntegerField"}
NUMBER_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)


class _Unreadable(str):
    """A raw yes/no value the widget could not read (it would otherwise become "no filter")."""


def _column(model: type[models.Model] | None, path: str) -> models.Field | None:
    """The model field ``path`` (``a__b``) ends on; the target of a relation; None if none."""
    if model is None or not path:
        return None
    field = None
    for part in path.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model if field.is_relation else None
    if field is not None and field.is_relation:
        field = field.target_field if field.many_to_one or field.one_to_one and field.concrete \
            else field.related_model._meta.pk
    return field


def _largest(column: models.Field) -> int:
    internal = column.get_internal_type()
    # An auto field is as wide as the integer type it is stored in.
    internal = {"AutoField": "IntegerField", "BigAutoField": "BigIntegerField",
                "SmallAutoField": "SmallIntegerField"}.get(internal, internal)
    _low, high = connection.ops.integer_field_range(internal)
    return high if high is not None else 2**63 - 1


def _items(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v not in (None, "")]
    return [] if value in (None, "") else [str(value)]


def _whole(largest: int):
    def check(item: str) -> None:
        if not WHOLE.match(item.strip()) or int(item) > largest:
            raise ValidationError(_("Enter a whole number from 0 to %(n)d.") % {"n": largest}, code="range")
    return check


def _short(item: str) -> None:
    if len(item) > MAX_TEXT:
        raise ValidationError(_("At most %(n)d characters.") % {"n": MAX_TEXT}, code="max_length")


def _yes_no(item: str) -> None:
    if isinstance(item, _Unreadable) or item not in YES_NO:
        raise ValidationError(_("Yes or no."), code="invalid")


def _guard(field: forms.Field, check) -> None:
    original = field.clean

    def clean(value):
        for item in (_items(value) if not isinstance(value, _Unreadable) else [value]):
            check(item)
        return original(value)

    field.clean = clean


def _strict_yes_no(field: forms.Field) -> None:
    widget = field.widget
    read = widget.value_from_datadict

    def value_from_datadict(data, files, name):
        raw = data.get(name)
        value = read(data, files, name)
        if value is None and raw not in (None, "", "unknown", "None"):
            return _Unreadable(raw)
        return value

    widget.value_from_datadict = value_from_datadict
    _guard(field, _yes_no)


def bound_filters(filterset) -> None:
    """Narrow every field of ``filterset``'s form to what its column can hold (see the module)."""
    model = getattr(getattr(filterset, "queryset", None), "model", None) or filterset._meta.model
    form = filterset.form
    for name, field in form.fields.items():
        flt = filterset.filters.get(name)
        if isinstance(field, forms.NullBooleanField | forms.BooleanField):
            _strict_yes_no(field)
            continue
        column = _column(model, getattr(flt, "field_name", "") or name) if flt is not None else None
        whole_column = column is not None and column.get_internal_type() in INTEGER_TYPES
        if whole_column and isinstance(field, (*NUMBER_FIELDS, forms.ModelChoiceField, forms.CharField)):
            _guard(field, _whole(_largest(column)))
        elif isinstance(field, NUMBER_FIELDS):
            _guard(field, _whole(2**63 - 1))
        elif isinstance(field, forms.ModelChoiceField):
            pk = field.queryset.model._meta.pk
            if pk.get_internal_type() in INTEGER_TYPES:
                _guard(field, _whole(_largest(pk)))
        elif isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField):
            _guard(field, _short)

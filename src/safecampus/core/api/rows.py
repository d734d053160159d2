"""Serializers that write a page of rows without DRF's per-field, per-row machinery.

``PlannedRepresentation`` gives a serializer the same output as DRF's ``to_representation``,
byte for byte, from a plan made once per serializer class: plain model columns and properties are
read with one ``getattr`` and converted by a function chosen for the field's type (a time's zone
resolved once per page, not per value); a ``SerializerMethodField`` calls the method on the
serializer at hand (its context, its request); anything else (dotted sources, nested serializers,
many-to-many, JSON) goes through the field as DRF would. A serializer whose fields are all plain
or methods never builds its ``fields`` (the deep copies of every declared field) at all.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

ATTR, DOTTED, METHOD, GENERIC, MANY = 0, 1, 2, 3, 4
_PLANS: dict[tuple[type, type], list[tuple[str, int, Any, Any]]] = {}


def _converter(field) -> tuple[str, Any] | None:
    """How a plain value becomes its representation: ``(kind, data)``; None when DRF must do it."""
    if isinstance(field, drf_fields.DateTimeField):
        fmt = getattr(field, "format", api_settings.DATETIME_FORMAT)
        if fmt is not None and fmt.lower() == drf_fields.ISO_8601 and not hasattr(field, "timezone"):
            return "datetime", field
        return None
    if isinstance(field, drf_fields.DateField):
        fmt = getattr(field, "format", api_settings.DATE_FORMAT)
        return ("date", field) if fmt is not None and fmt.lower() == drf_fields.ISO_8601 else None
    if isinstance(field, drf_fields.ChoiceField) and not isinstance(field, drf_fields.MultipleChoiceField):
        return "choice", field
    if type(field) in (drf_fields.CharField, drf_fields.EmailField, drf_fields.SlugField, drf_fields.URLField):
        return "str", field
    if type(field) is drf_fields.IntegerField:
        return "int", field
    if type(field) is drf_fields.BooleanField:
        return "bool", field
    if type(field) is drf_fields.UUIDField and getattr(field, "uuid_format", "hex_verbose") == "hex_verbose":
        return "str", field
    if type(field) in (drf_fields.BigIntegerField, drf_fields.FloatField, drf_fields.DecimalField):
        return "field", field  # the field's own conversion, without DRF's attribute lookup
    return None


class Row:
    """A list's row read with ``values()``: its columns as attributes, no model built. A field of the
    serializer reads its ``source`` with one getattr (a foreign key: ``source`` + ``_id``)."""

    def __init__(self, values: Mapping):
        self.__dict__.update(values)


def _plan(serializer, model) -> list[tuple[str, int, Any, Any]]:
    row = isinstance(model, type) and issubclass(model, Row)
    plan = []
    for field in serializer._readable_fields:
        name = field.field_name
        if isinstance(field, drf_fields.SerializerMethodField):
            plan.append((name, METHOD, field.method_name, None))
            continue
        attrs = field.source_attrs
        entry = None
        if isinstance(field, relations.ManyRelatedField) and type(field.child_relation) in (
                relations.SlugRelatedField, relations.PrimaryKeyRelatedField) and getattr(
                field.child_relation, "pk_field", None) is None:
            # Reads neither the request nor the serializer: the field of the plan serves every page.
            plan.append((name, MANY, field, None))
            continue
        if len(attrs) == 1:
            source = attrs[0]
            if isinstance(field, relations.PrimaryKeyRelatedField) and field.pk_field is None and row:
                entry = (name, ATTR, f"{source}_id", None)
            elif isinstance(field, relations.PrimaryKeyRelatedField) and field.pk_field is None:
                try:
                    model_field = model._meta.get_field(source)
                except Exception:
                    model_field = None
                if isinstance(model_field, models.ForeignKey) and model_field.name == source:
                    entry = (name, ATTR, model_field.attname, None)
            else:
                conv = _converter(field)
                if conv is not None and (row or _plain(model, source)):
                    entry = (name, ATTR, source, conv)
        elif len(attrs) > 1 and not isinstance(field, relations.RelatedField | relations.ManyRelatedField):
            conv = _converter(field)
            if conv is not None:
                entry = (name, DOTTED, tuple(attrs), conv)
        plan.append(entry or (name, GENERIC, name, None))
    return plan


def _plain(model, source: str) -> bool:
    """A column (a foreign key's ``_id`` too) or a property of the model: read with one getattr."""
    return isinstance(getattr(model, source, None), DeferredAttribute | property | cached_property)


_UNSURE = object()


def _follow(instance, attrs):
    """``a.b.c`` as DRF reads it; anything unusual (None part way, a callable, a missing attribute, a
    missing related row) is left to DRF, whose answer then depends on the field's default."""
    value = instance
    try:
        for attr in attrs:
            if value is None:
                return _UNSURE
            value = getattr(value, attr)
            if callable(value):
                return _UNSURE
    except Exception:
        return _UNSURE
    return value


def _datetime(value, field, zone, aware_zone):
    if aware_zone and value.utcoffset() is not None:
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return field.to_representation(value)


def _represent(kind: str, field, value, zone):
    if kind == "str":
        return value if type(value) is str else field.to_representation(value)
    if kind == "int":
        return value if type(value) is int else field.to_representation(value)
    if kind == "bool":
        return value if type(value) is bool else field.to_representation(value)
    if kind in ("choice", "field"):
        return field.to_representation(value)
    if kind == "date":
        if type(value) is datetime.date:
            return value.isoformat()
        return field.to_representation(value)
    return _datetime(value, field, zone, zone is not None)


def _field(serializer, name: str):
    """The bound field ``name`` of ``serializer`` for what the plan leaves to DRF. A declared field (a
    nested serializer) is copied and bound alone, as ``fields`` would: ``fields`` of a ModelSerializer
    builds every field of the model, which for one record (a create's answer) costs more than the rest."""
    built = serializer.__dict__.get("fields")
    if built is not None:
        return built[name]
    declared = serializer._declared_fields.get(name)
    if declared is None or type(serializer).get_fields not in _PLAIN_GET_FIELDS:
        return serializer.fields[name]
    alone = serializer.__dict__.setdefault("_planned_fields", {})
    field = alone.get(name)
    if field is None:
        field = alone[name] = copy.deepcopy(declared)
        field.bind(name, serializer)
    return field


_PLAIN_GET_FIELDS = (serializers.Serializer.get_fields, serializers.ModelSerializer.get_fields)


class PlannedRepresentation:
    """Mix into a (Model)Serializer before it: the same output, made from a plan per class."""

    def to_representation(self, instance):
        if isinstance(instance, Mapping):
            return super().to_representation(instance)
        plan_key = (type(self), type(instance))
        plan = _PLANS.get(plan_key)
        if plan is None:
            plan = _PLANS[plan_key] = _plan(self, type(instance))
        zone = self.__dict__.get("_planned_zone", False)
        if zone is False:
            zone = self._planned_zone = timezone.get_current_timezone() if settings.USE_TZ else None
        ret = {}
        for name, kind, key, conv in plan:
            if kind == ATTR:
                try:
                    value = getattr(instance, key)
                except (AttributeError, KeyError):
                    kind = GENERIC  # what DRF does then (a default, a null, a skipped field) is the field's
                else:
                    ret[name] = None if value is None else (value if conv is None else _represent(
                        conv[0], conv[1], value, zone))
                    continue
            elif kind == DOTTED:
                value = _follow(instance, key)
                if value is not _UNSURE:
                    ret[name] = None if value is None else _represent(conv[0], conv[1], value, zone)
                    continue
                kind = GENERIC
            if kind == METHOD:
                ret[name] = getattr(self, key)(instance)
            elif kind == MANY:
                try:
                    related = key.get_attribute(instance)
                except SkipField:
                    continue
                ret[name] = None if related is None else key.to_representation(related)
            else:
                field = _field(self, name)
                try:
                    attribute = field.get_attribute(instance)
                except SkipField:
                    continue
                check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
                ret[name] = None if check is None else field.to_representation(attribute)
        return ret


class PageOut(serializers.ListSerializer):
    """A page of rows made ready at once (``Meta.list_serializer_class``): rows read with ``values()``
    become :class:`Row` objects, then the child's ``prepare_page(rows)`` reads what the rows need
    beside their own columns (counts, related rows, allowed actions) with one query per kind for the
    whole page, before each row is written."""

    def to_representation(self, data):
        rows = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        rows = [Row(row) if isinstance(row, dict) else row for row in rows]
        self.child.prepare_page(rows)
        return [self.child.to_representation(row) for row in rows]

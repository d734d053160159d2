"""Audit changes as a person reads them, in the reader's language.

An audit event stores ``changes`` as plain JSON: field names, codes, ids, ISO times. The history
timeline renders each entry through, in order:

1. the record's model field: its verbose name, its choices' labels, the related record's name for a
   foreign key (an id, or a username for a user), local time for a moment;
2. the labels in ``core.labels`` that apps register for keys that are not fields of the record:
   ``CHANGE_LABELS`` (the key's name), ``CHANGE_REFS`` (the value is the id of a record of that model),
   ``CHANGE_CHOICES`` (the value is a code of those choices, or a function from code to label),
   ``CHANGE_FORMATS`` (a function formats the whole value), ``HIDDEN_CHANGES`` (technical, not shown).
   Each may be keyed ``"<action>:<key>"`` for one kind of event, else ``"<key>"`` for all;
3. ``<field>_set`` flags (a protected value was given) read as the field's label and "recorded".

A new app gets this for free for its model fields; it registers labels only for extra keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import labels


def separator() -> str:
    return "、" if (get_language() or "").lower().startswith("zh") else ", "


def _lookup(table: dict, action: str, key: str):
    return table.get(f"{action}:{key}", table.get(key))


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _record_name(model, value) -> str:
    """The name of the record ``value`` points at (an id, or a username for a user)."""
    User = get_user_model()
    if value in (None, ""):
        return "—"
    try:
        if model is User:
            found = User.objects.filter(pk=value).first() if str(value).isdigit() else \
                User.objects.filter(username=value).first()
            return person_name(found) if found else _("(removed)")
        found = model._default_manager.filter(pk=value).first()
    except (ValueError, TypeError):
        return _("(removed)")
    if found is None:
        return _("(removed)")
    return str(getattr(found, "display_name", None) or found)


def _moment(value: str) -> str | None:
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-":
        parsed = parse_datetime(value) if "T" in value or " " in value else None
        if parsed is not None:
            if timezone.is_aware(parsed):
                parsed = timezone.localtime(parsed)
            return formats.date_format(parsed, "SHORT_DATETIME_FORMAT")
        day = parse_date(value[:10]) if len(value) == 10 else None
        if day is not None:
            return formats.date_format(day, "DATE_FORMAT")
    return None


def show(value, *, field=None, choices=None, ref=None) -> str:
    """One value: a label for a code, a name for an id, local time for a moment, words for yes/no."""
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        return separator().join(show(v, field=field, choices=choices, ref=ref) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{show(k, choices=choices)} {show(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if ref is not None:
        return _record_name(ref, value)
    if field is not None and field.is_relation and field.many_to_one:
        return _record_name(field.related_model, value)
    if callable(choices) and not hasattr(choices, "choices"):
        return str(choices(value))  # a function from code to label (roles, evidence kinds)
    flat = dict(getattr(field, "flatchoices", None) or []) if field is not None else {}
    if choices:
        flat = {**flat, **dict(getattr(choices, "choices", choices))}
    if flat and str(value) in {str(k) for k in flat}:
        return str({str(k): v for k, v in flat.items()}[str(value)])
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    moment = _moment(value) if isinstance(value, str) else None
    return moment if moment is not None else str(value)


def _model(object_type: str):
    try:
        return apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _one(value, fmt, kwargs: dict) -> str:
    if fmt is None:
        return show(value, **kwargs)
    return str(fmt(value)) if value not in (None, "", []) else "—"


def change_rows(event) -> list[tuple[str, str]]:
    """``[(label, text)]`` for one audit event's changes."""
    return [(label, text) for _key, label, text in change_items(event)]


def change_items(event) -> list[tuple[str, str, str]]:
    """``[(key, label, text)]``: what ``change_rows`` shows, with the key it came from."""
    model = _model(event.object_type)
    rows = []
    changes = event.changes if isinstance(event.changes, dict) else {}
    for key, value in changes.items():
        if _lookup(dict.fromkeys(labels.HIDDEN_CHANGES, True), event.action, key):
            continue
        field = _field(model, key)
        label = _lookup(labels.CHANGE_LABELS, event.action, key)
        ref = _lookup(labels.CHANGE_REFS, event.action, key)
        ref = _model(ref) if isinstance(ref, str) else ref
        choices = _lookup(labels.CHANGE_CHOICES, event.action, key)
        fmt = _lookup(labels.CHANGE_FORMATS, event.action, key)
        if label is None and field is None and key.endswith("_set") and _field(model, key[:-4]) is not None:
            base = _field(model, key[:-4])
            rows.append((key, capfirst(str(base.verbose_name)), _("recorded") if value else _("none")))
            continue
        named = isinstance(field, models.Field) and field.verbose_name != field.name.replace("_", " ")
        label = _lookup({k: v for k, v in labels.CHANGE_LABELS.items() if ":" in k}, event.action, key) or (
            field.verbose_name if named else None) or label
        if label is None and isinstance(field, models.Field):
            label = field.verbose_name
        if label is None:
            label = key  # a key nobody named: the zh-Hans history test fails on it
        kwargs = {"field": field if isinstance(field, models.Field) else None, "choices": choices, "ref": ref}
        listed = _lookup(dict.fromkeys(labels.LISTED, True), event.action, key)
        pair = isinstance(value, list) and len(value) == 2 and not listed and (
            fmt is None or all(isinstance(v, list) or v in (None, "") for v in value))
        text = f"{_one(value[0], fmt, kwargs)} → {_one(value[1], fmt, kwargs)}" if pair else _one(value, fmt, kwargs)
        rows.append((key, capfirst(str(label)), text))
    return rows


def actor_names(events: Iterable) -> dict[int, str]:
    """Full names of the events' actors (one query), for timelines that show who acted."""
    ids = {e.actor_id for e in events if getattr(e, "actor_id", None)}
    users = get_user_model().objects.in_bulk(ids) if ids else {}
    return {pk: person_name(u) for pk, u in users.items()}

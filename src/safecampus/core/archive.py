"""The archive registry: every app says which of its records belong in a school's archive.

An app declares its record kinds in its own ``<app>/archive.py`` (found by
``django.utils.module_loading.autodiscover_modules("archive")``, so no ``apps.py`` changes)::

    from safecampus.core.archive import model_kind, register

    register(model_kind("hazards.hazard", "inspections", "hazards.Hazard", "reported_at",
                        title=lambda h: h.title))

A kind names its chapter of the plan (``category``: a key of ``core.nav.SECTIONS``), its type
(``label``), how to read one unit's records in a date range (``records(unit, start, end)``, the
unit and its subtree, ``start`` <= day <= ``end`` in the school's days), each record's ``title``
and ``date``, and its files (``attachments``; by default the files stored on the record). The
reports app reads every app only through this registry; an app that is not installed simply
registers nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.functional import Promise

from .scoping import path_q

TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class ArchiveKind:
    code: str                       # "hazards.hazard"
    category: str                   # the plan's chapter: a key of core.nav.SECTIONS
    label: Promise | str            # the record type, as people say it
    records: Callable[[Any, date, date], Any]   # records(unit, start, end) -> QuerySet
    title: Callable[[Any], str]
    date: Callable[[Any], date | datetime | None]
    # attachments(records) -> {record pk: [Attachment, ...]}; None: the files stored on each record.
    attachments: Callable[[list], dict] | None = None
    # Extra columns of the kind's PDF: [(heading, value(record)), ...].
    columns: tuple[tuple[Promise | str, Callable[[Any], Any]], ...] = ()
    order: int = 100


KINDS: dict[str, ArchiveKind] = {}


def register(kind: ArchiveKind) -> ArchiveKind:
    KINDS[kind.code] = kind
    return kind


def kinds() -> list[ArchiveKind]:
    """Every registered kind, in the plan's order of chapters."""
    from .nav import SECTIONS

    chapters = {key: i for i, (key, _title) in enumerate(SECTIONS)}
    return sorted(KINDS.values(), key=lambda k: (chapters.get(k.category, 99), k.order, k.code))


def discover() -> None:
    """Import every installed app's ``archive`` module (each registers its kinds)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("archive")


def day_bounds(start: date, end: date, tz: str = TZ) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in the school's zone: the moments of the days ``start``..``end``."""
    zone = ZoneInfo(tz)
    return datetime.combine(start, time.min, zone), datetime.combine(end + timedelta(days=1), time.min, zone)


def in_range(model, field: str, start: date, end: date):
    """A filter ``field`` within the days ``start``..``end`` (dates or moments)."""
    from django.db.models import Q

    if model._meta.get_field(field).get_internal_type() == "DateTimeField":
        low, high = day_bounds(start, end)
        return Q(**{f"{field}__gte": low, f"{field}__lt": high})
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def model_kind(code: str, category: str, model: str, date_field: str, *, label=None, title: Callable[[Any], str] = str,
               filters: dict | None = None, select_related: tuple[str, ...] = (),
               columns: tuple = (), attachments: Callable[[list], dict] | None = None,
               order: int = 100) -> ArchiveKind:
    """The usual kind: rows of one model under the unit, dated by one field. The type is the
    model's name unless ``label`` says otherwise."""
    if label is None:
        from django.apps import apps
        from django.utils.text import capfirst

        label = capfirst(apps.get_model(model)._meta.verbose_name)

    def records(unit, start: date, end: date):
        from django.apps import apps

        cls = apps.get_model(model)
        lookup = getattr(cls, "scope_path_lookup", "org_unit__path")
        qs = cls._default_manager.filter(path_q(lookup, [unit.path])).filter(in_range(cls, date_field, start, end))
        if filters:
            qs = qs.filter(**filters)
        if select_related:
            qs = qs.select_related(*select_related)
        return qs.order_by(date_field, "pk")

    return ArchiveKind(code=code, category=category, label=label, records=records, title=title,
                       date=lambda obj: getattr(obj, date_field), attachments=attachments, columns=columns,
                       order=order)


def stored_files(records: list) -> dict:
    """The files stored on each record (``core.files.store``): one query for a batch of one model."""
    if not records:
        return {}
    from django.contrib.contenttypes.models import ContentType

    from .models import Attachment

    content_type = ContentType.objects.get_for_model(type(records[0]))
    found: dict = {}
    rows = Attachment.objects.filter(content_type=content_type,
                                     object_id__in=[str(r.pk) for r in records]).order_by("id")
    for att in rows:
        found.setdefault(att.object_id, []).append(att)
    return {r.pk: found.get(str(r.pk), []) for r in records}


def files_of(kind: ArchiveKind, records: list) -> dict:
    return kind.attachments(records) if kind.attachments is not None else stored_files(records)


def labelled(choices: Iterable[tuple[str, Any]]) -> Callable[[str], str]:
    """value -> its choice label (for ``title``/``columns`` functions)."""
    table = dict(choices)
    return lambda value: str(table.get(value, value))

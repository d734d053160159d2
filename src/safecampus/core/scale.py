"""Fixtures at province scale (`safecampus seed`): a shared context and a plain bulk insert.

Each app may offer ``<app>/scale.py`` with ``seed_at_scale(ctx: ScaleContext) -> dict[str, int]``
that adds a school year of its own records for every school of the seeded district. These are
benchmark fixtures, not a way to enter data: rows go in by plain INSERTs, without services,
signals or audit events, so that 2,000 schools of 600 pupils seed in minutes.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models
from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")
SIMPLE_FIELDS = (models.AutoField, models.BigAutoField, models.CharField, models.SlugField, models.TextField,
                 models.IntegerField, models.PositiveIntegerField, models.PositiveSmallIntegerField,
                 models.PositiveBigIntegerField, models.SmallIntegerField, models.BigIntegerField,
                 models.BooleanField, models.ForeignKey, models.OneToOneField, models.EmailField)


@dataclass
class ScaleContext:
    authority: Any                       # the seeded authority OrgUnit
    centrals: list[Any]                  # its central schools (OrgUnit)
    schools: list[dict]                  # id, path, name, school_type, facts, central_id
    now: datetime
    today: date                          # local date (Asia/Shanghai)
    year_start: date                     # first day of the current school year
    semesters: list[tuple[date, date]]   # of the seeded calendar
    rng: random.Random
    done_rate: float = 0.85
    pupils: int = 600                    # per school
    staff: int = 50                      # per school
    # Filled by the org seed: who holds which post in each school, and each central school's officer.
    principal: dict[int, int] = field(default_factory=dict)        # school id -> user id
    officer: dict[int, int] = field(default_factory=dict)          # school id -> user id
    staff_users: dict[int, list[int]] = field(default_factory=dict)  # school id -> user ids
    central_user: dict[int, int] = field(default_factory=dict)     # central unit id -> user id
    counts: dict[str, int] = field(default_factory=dict)

    def done(self) -> bool:
        """Whether one duty of one school in one period was done (the district's completion rate)."""
        return self.rng.random() < self.done_rate

    def moment(self, day: date, hour_from: int = 8, hour_to: int = 17) -> datetime:
        """A moment of a working day at a school (aware, in the district's zone)."""
        return datetime(day.year, day.month, day.day, self.rng.randint(hour_from, hour_to),
                        self.rng.randint(0, 59), tzinfo=SHANGHAI)



def _prepper(f: models.Field) -> Callable[[Any], Any]:
    if type(f) in SIMPLE_FIELDS:
        return lambda v: v
    if type(f) is models.DateField:
        return connection.ops.adapt_datefield_value
    if type(f) is models.DateTimeField:
        return connection.ops.adapt_datetimefield_value
    return lambda v: f.get_db_prep_save(v, connection)


def insert_rows(model: type[models.Model], rows: Iterable[dict], *, batch_size: int = 5000) -> int:
    """INSERT ``rows`` (dicts keyed by field attname) into ``model``'s table; returns how many.

    Fields a row leaves out take their default (``auto_now`` fields: now). Values go through the
    field's own preparation only where a plain value would not do (dates, JSON, encrypted text).
    """
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
    now = timezone.now()
    defaults: dict[str, Any] = {}
    per_row: dict[str, Callable[[], Any]] = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
        elif f.has_default() and callable(f.default):
            per_row[f.attname] = f.get_default
        else:
            defaults[f.attname] = f.get_default()
    preps = [(f.attname, _prepper(f)) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 - names come from the model, values are parameters
    total = 0
    iterator: Iterator[dict] = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, batch_size)):
            params = []
            for row in batch:
                params.append(tuple(
                    prep(row[name] if name in row else (per_row[name]() if name in per_row else defaults[name]))
                    for name, prep in preps))
            cursor.executemany(sql, params)
            total += len(batch)
    return total

"""Current values (after amendments) as SQL, so statistics and filters count what the report says now."""

from __future__ import annotations

from django.db.models import CharField, F, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from .models import Amendment


def _latest(field: str) -> Subquery:
    # changes is {field: [replaced, new]}: the newest amendment that touched the field gives its value.
    return Subquery(Amendment.objects.filter(incident=OuterRef("pk"), changes__has_key=field)
                    .order_by("-id").values(value=KT(f"changes__{field}__1"))[:1])


def with_current(qs: QuerySet) -> QuerySet:
    return qs.annotate(cur_kind=Coalesce(_latest("kind"), F("kind"), output_field=CharField()),
                       cur_severity=Coalesce(_latest("severity"), F("severity"), output_field=CharField()))

"""Read-side queries: current values (after amendments) as SQL, so statistics and filters count what the
report says now; and which notices a reader sees."""

from __future__ import annotations

from django.db.models import CharField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q

from .models import Amendment, Notice, NoticeTarget


def _latest(field: str) -> Subquery:
    # changes is {field: [replaced, new]}: the newest amendment that touched the field gives its value.
    return Subquery(Amendment.objects.filter(incident=OuterRef("pk"), changes__has_key=field)
                    .order_by("-id").values(value=KT(f"changes__{field}__1"))[:1])


def with_current(qs: QuerySet) -> QuerySet:
    return qs.annotate(cur_kind=Coalesce(_latest("kind"), F("kind"), output_field=CharField()),
                       cur_severity=Coalesce(_latest("severity"), F("severity"), output_field=CharField()))


def notices_visible_to(user, capability: str) -> QuerySet:
    """Notices published in the reader's scope or sent to a unit in it, for ``capability`` (one query).

    The publisher's side sees a notice through its ``org_unit``; a receiving school through its target.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return Notice.objects.none()
    roots = scope_paths(user, capability)
    if not roots:
        return Notice.objects.none()
    received = NoticeTarget.objects.filter(path_q("org_unit__path", roots)).values("notice_id")
    return Notice.objects.filter(path_q("org_unit__path", roots) | Q(pk__in=received))

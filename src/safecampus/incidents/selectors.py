"""Read-side queries: current values (after amendments) as SQL, so statistics and filters count what the
report says now; and which notices a reader sees."""

from __future__ import annotations

from django.db.models import CharField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from safecampus.core.errors import Forbidden
from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.scoping import path_q

from .models import Amendment, Incident, Notice, NoticeTarget

# Whoever files may read her own reports, in the units where she may still file.
OWN = "incidents.file"


def reader_capability(user) -> str:
    """The capability a list of incidents is read with: the school's view, else one's own reports."""
    return "incidents.view" if has_capability(user, "incidents.view") else OWN


def readable(qs: QuerySet, user, capability: str = "incidents.view") -> QuerySet:
    """``qs`` in the reader's scope; with ``OWN`` only the reports she filed."""
    rows = qs.visible_to(user, capability)
    return rows.filter(reporter=user) if capability == OWN else rows


def get_readable(qs: QuerySet, user, pk: int, capability: str = "incidents.view") -> Incident:
    """One incident for ``capability``; in scope without it, still her own report (else 403)."""
    try:
        return qs.get_visible(user, capability, pk=pk)
    except Forbidden:
        incident = qs.get_visible(user, OWN, pk=pk)
        if incident.reporter_id != user.pk:
            raise
        return incident


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

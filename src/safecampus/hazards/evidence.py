"""What the compliance engine may count and ask of people, from the hazard register."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from safecampus.compliance.registry import (
    EvidenceKind,
    Metric,
    TaskItem,
    TaskSource,
    register_evidence,
    register_metric,
    register_tasks,
)
from safecampus.core import memo, sweeps
from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q

from .choices import Level, Status
from .sweeps import sweep_deadlines

register_evidence(EvidenceKind("hazards.reported", gettext_lazy("Hazards reported"), "hazards.Hazard", "reported_at",
                               params={"level": "level", "category": "category", "source": "source"}))
register_evidence(EvidenceKind("hazards.closed", gettext_lazy("Hazards closed"), "hazards.Hazard", "closed_at",
                               base_filter={"status": Status.CLOSED},
                               params={"level": "level", "category": "category", "source": "source"}))


def work_query(user) -> Q | None:
    """The hazards waiting on ``user``: to assign, to rectify, to verify. None when there are none."""
    if user is None or not user.is_authenticated:
        return None
    q = Q(status=Status.ASSIGNED, assignee_id=user.pk)
    assign_roots = scope_paths(user, "hazards.assign")
    if assign_roots:
        q |= Q(status=Status.REPORTED) & path_q("org_unit__path", assign_roots)
    verify_roots = scope_paths(user, "hazards.verify")
    if verify_roots:
        sign_roots = scope_paths(user, "hazards.sign_off")
        level_ok = Q(level=Level.GENERAL) | (path_q("org_unit__path", sign_roots) if sign_roots else Q(pk__in=[]))
        q |= (Q(status=Status.AWAITING_VERIFICATION) & path_q("org_unit__path", verify_roots) & level_ok
              & ~Q(assignee_id=user.pk) & ~Q(rectified_by_id=user.pk))
    return q


def work_of(user):
    from .models import Hazard

    q = work_query(user)
    if q is None:
        return Hazard.objects.none()
    return (Hazard.objects.visible_to(user, "hazards.view").filter(q)
            .select_related("org_unit").order_by("due_at", "reported_at"))


KIND = {Status.REPORTED: "hazard.assign", Status.ASSIGNED: "hazard.rectify",
        Status.AWAITING_VERIFICATION: "hazard.verify"}


def work_rows(user) -> list:
    """``work_of(user)`` read once per request (the task list and the home panel both show it), with
    the fields those two show: not the hazard's forty columns and its unit's twenty."""
    return memo.once(("hazards.work", user.pk), lambda: list(work_of(user).only(*WORK_FIELDS)))


WORK_FIELDS = ("id", "title", "status", "level", "due_at", "deadline", "reported_at", "supervised_at", "org_unit_id",
               "org_unit__name", "org_unit__name_zh")


def collect(user) -> Iterator[TaskItem]:
    verbs = {Status.REPORTED: pgettext("hazard", "Assign"), Status.ASSIGNED: _("Rectify"),
             Status.AWAITING_VERIFICATION: _("Verify")}
    for hazard in work_rows(user):
        yield TaskItem(kind=KIND[hazard.status], title=f"{verbs[hazard.status]}: {hazard.title}",
                       url=hazard.get_absolute_url(), due=hazard.due_at, unit_id=hazard.org_unit_id,
                       object_type="hazards.hazard", object_id=str(hazard.pk))


register_tasks(TaskSource("hazards", gettext_lazy("Hazards"), collect))

# The one-minute sweep runs this with the moment it evaluates.
sweeps.register(sweep_deadlines)


def _open_by_level(user, since=None) -> dict[str, int]:
    from django.db.models import Count

    from .choices import OPEN_STATUSES
    from .models import Hazard

    qs = Hazard.objects.visible_to(user, "hazards.view").filter(status__in=OPEN_STATUSES)
    if since is not None:
        qs = qs.filter(reported_at__gte=since)
    counts = {Level.GENERAL.value: 0, Level.MAJOR.value: 0}
    counts.update({row["level"]: row["n"] for row in qs.values("level").annotate(n=Count("pk")).order_by()})
    return counts


def _overdue(user, since=None) -> dict[str, int]:
    from django.utils import timezone

    from .choices import OPEN_STATUSES
    from .models import Hazard

    qs = Hazard.objects.visible_to(user, "hazards.view").filter(status__in=OPEN_STATUSES,
                                                                due_at__lt=timezone.now())
    return {"overdue": qs.count()}


# Dashboards read hazard figures through the registry's metrics.
register_metric(Metric("hazards.open_by_level", gettext_lazy("Open hazards by level"), _open_by_level))
register_metric(Metric("hazards.overdue", gettext_lazy("Overdue hazards"), _overdue))

"""What inspections offer the compliance engine: completed inspections as evidence, open ones as tasks."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from safecampus.compliance.registry import (
    EvidenceKind,
    Metric,
    TaskItem,
    TaskSource,
    register_evidence,
    register_metric,
    register_tasks,
)


def my_open_inspections(user) -> Iterable[TaskItem]:
    from datetime import datetime, time

    from django.utils import timezone

    from .choices import InspectionStatus
    from .models import Inspection

    rows = (Inspection.objects.visible_to(user, "inspections.carry_out")
            .filter(assignee=user, status=InspectionStatus.SCHEDULED)
            .select_related("template", "org_unit").order_by("scheduled_for", "pk"))
    tz = timezone.get_current_timezone()
    for inspection in rows:
        yield TaskItem(
            kind="inspection.carry_out", title=str(inspection), url=inspection.get_absolute_url(),
            # Due by the end of the scheduled day.
            due=timezone.make_aware(datetime.combine(inspection.scheduled_for, time(23, 59)), tz),
            unit_id=inspection.org_unit_id, object_type="inspections.inspection", object_id=str(inspection.pk))


def inspections_by_state(user, since=None) -> dict[str, int]:
    """Scheduled, overdue (scheduled day passed) and completed inspections the reader can see."""
    from django.db.models import Count, Q
    from django.utils import timezone

    from .models import Inspection

    rows = Inspection.objects.visible_to(user, "inspections.view")
    if since is not None:
        rows = rows.filter(Q(completed_at__gte=since) | Q(status="scheduled"))
    today = timezone.localdate()
    return rows.aggregate(
        scheduled=Count("pk", filter=Q(status="scheduled", scheduled_for__gte=today)),
        overdue=Count("pk", filter=Q(status="scheduled", scheduled_for__lt=today)),
        completed=Count("pk", filter=Q(status="completed")))


def failed_items_by_topic(user, since=None) -> dict[str, int]:
    """Failed checklist items by topic: where the schools most often fall short."""
    from django.db.models import Count

    from .models import Inspection, InspectionResult

    visible = Inspection.objects.visible_to(user, "inspections.view").filter(status="completed")
    if since is not None:
        visible = visible.filter(completed_at__gte=since)
    counts = (InspectionResult.objects.filter(inspection__in=visible.values("pk"), outcome="fail")
              .values("inspection__template__topic").annotate(n=Count("pk")))
    return {row["inspection__template__topic"]: row["n"] for row in counts}


register_metric(Metric(code="inspections.by_state", label=_("Inspections by state"), compute=inspections_by_state))
register_metric(Metric(code="inspections.failed_by_topic", label=_("Failed checklist items by topic"),
                       compute=failed_items_by_topic))

register_evidence(EvidenceKind(
    code="inspections.completed", label=_("Completed inspection"), model="inspections.Inspection",
    date_field="completed_at", base_filter={"status": "completed"},
    params={"kind": "template__kind", "topic": "template__topic"}))

register_tasks(TaskSource(code="inspections", label=_("Inspections to carry out"), collect=my_open_inspections))

"""Read-side queries of daily operations, each starting from the reader's scope."""

from __future__ import annotations

from .choices import VisitorStatus
from .models import Visitor

INSIDE_LIMIT = 200


def inside_now(user, org_unit=None) -> list[Visitor]:
    """Visitors inside the schools the reader watches, earliest arrival first (one query)."""
    qs = Visitor.objects.visible_to(user, "operations.view_visitors").filter(status=VisitorStatus.INSIDE)
    if org_unit is not None:
        qs = qs.filter(org_unit__path__startswith=org_unit.path)
    return list(qs.select_related("org_unit", "host__staff").order_by("entered_at", "id")[:INSIDE_LIMIT])


def duty_today(user) -> dict:
    """Today's roster and logs of the schools the reader sees (two queries; at most a page of each)."""
    from django.utils import timezone

    from .models import DutyAssignment, DutyLog

    today = timezone.localdate()
    roster = list(DutyAssignment.objects.visible_to(user, "operations.view").filter(date=today)
                  .select_related("org_unit", "user__staff").order_by("org_unit__path", "shift", "-is_leader")[:50])
    logs = list(DutyLog.objects.visible_to(user, "operations.view").filter(date=today)
                .select_related("org_unit", "leader__staff").order_by("org_unit__path", "shift")[:50])
    return {"today": today, "roster": roster, "logs": logs}

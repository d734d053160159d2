"""The home panel "inspections due": what the reader should carry out in the coming week."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability

DUE_WITHIN = timedelta(days=7)
SHOWN = 8


def inspections_due(request) -> dict | None:
    user = request.user
    if not has_capability(user, "inspections.carry_out"):
        return None
    from .choices import InspectionStatus
    from .models import Inspection

    today = timezone.localdate()
    rows = list(Inspection.objects.visible_to(user, "inspections.carry_out")
                .filter(status=InspectionStatus.SCHEDULED, scheduled_for__lte=today + DUE_WITHIN)
                .filter(Q(assignee=user) | Q(assignee__isnull=True))
                .select_related("template", "org_unit").order_by("scheduled_for", "pk")[:SHOWN])
    if not rows:
        return None
    return {"template": "inspections/_panel_due.html", "title": _("Inspections due"), "today": today,
            "rows": [{"obj": r, "overdue": r.scheduled_for < today} for r in rows]}

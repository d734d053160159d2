from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from safecampus.core.permissions import grants_of

from ..models import Incident

RECEIVERS = ("central_officer", "authority_officer")


def incident_panel(request):
    """Home panel for those who receive reports: the last 30 days' incidents, late ones marked."""
    user = request.user
    if not any(g.role in RECEIVERS for g in grants_of(user)):
        return None
    since = timezone.now() - timedelta(days=30)
    rows = list(Incident.objects.visible_to(user, "incidents.view").filter(filed_at__gte=since)
                .select_related("org_unit", "state").prefetch_related("amendments").order_by("-filed_at")[:8])
    late = Incident.objects.visible_to(user, "incidents.view").filter(filed_at__gte=since, late=True).count()
    return {"template": "incidents/_panel.html", "incidents": rows, "late_count": late}

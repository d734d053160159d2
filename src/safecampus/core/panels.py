"""The platform's own home panel: unread alerts (new incident, major hazard, escalation)."""

from django.utils.translation import gettext_lazy as _

from .models import Notification


def alerts_panel(request) -> dict | None:
    unread = list(Notification.objects.filter(user=request.user, read_at=None).order_by("-at")[:5])
    if not unread:
        return None
    return {"template": "core/panel_alerts.html", "title": _("Alerts"), "items": unread}

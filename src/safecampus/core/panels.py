"""The platform's own home panel: unread alerts (new incident, major hazard, escalation)."""

from django.utils.translation import gettext_lazy as _

from .models import Notification
from .notify import withdraw_settled

# How many unread rows are checked for settled ones before the panel gives up looking.
LOOK_AHEAD = 20


def alerts_panel(request) -> dict | None:
    rows = withdraw_settled(list(Notification.objects.filter(user=request.user, read_at=None)
                                 .order_by("-at")[:LOOK_AHEAD]))
    unread = [n for n in rows if not n.settled][:5]
    if not unread:
        return None
    return {"template": "core/panel_alerts.html", "title": _("Alerts"), "items": unread}

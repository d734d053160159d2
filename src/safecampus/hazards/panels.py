"""Home page panels: the hazards waiting on this person, and for supervisors the open major ones."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability

from .choices import OPEN_STATUSES, Level
from .evidence import work_rows

PANEL_SIZE = 8


def home_panel(request) -> dict | None:
    rows = work_rows(request.user)[: PANEL_SIZE + 1]
    if not rows:
        return None
    return {"template": "hazards/_home_panel.html", "title": _("My hazard work"),
            "hazards": rows[:PANEL_SIZE], "more": len(rows) > PANEL_SIZE, "more_query": ""}


def major_panel(request) -> dict | None:
    """The central school and the authority see every open major hazard below them first (UI.md)."""
    from .models import Hazard

    user = request.user
    supervisor = has_capability(user, "hazards.sign_off") or (
        has_capability(user, "hazards.view") and not has_capability(user, "hazards.report"))
    if not supervisor:
        return None
    rows = list(Hazard.objects.visible_to(user, "hazards.view")
                .filter(level=Level.MAJOR, status__in=OPEN_STATUSES)
                .select_related("org_unit").order_by("due_at", "reported_at")[: PANEL_SIZE + 1])
    if not rows:
        return None
    return {"template": "hazards/_home_panel.html", "title": _("Open major hazards"), "icon": "exclamation-octagon",
            "hazards": rows[:PANEL_SIZE], "more": len(rows) > PANEL_SIZE, "more_query": "?level=major"}

"""Home panels: the escort's trips today; the head teacher's pupils expected on a bus and not boarded."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability


def trips_panel(request) -> dict | None:
    if not has_capability(request.user, "transport.trip"):
        return None
    from .selectors import trips_today

    trips = trips_today(request.user, limit=6)
    if not trips:
        return None
    return {"template": "transport/_trips_panel.html", "title": _("Bus trips today"), "trips": trips}


def not_boarded_panel(request) -> dict | None:
    from .selectors import not_boarded_for_head_teacher

    rows = not_boarded_for_head_teacher(request.user)
    if not rows:
        return None
    return {"template": "transport/_not_boarded_panel.html", "title": _("Expected on the bus, not boarded"),
            "rows": rows}

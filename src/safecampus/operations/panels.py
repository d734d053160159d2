"""Home panels: who is inside (door guard), today's duty and round, the class's pick-up list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability

from .selectors import inside_now

PANEL_SIZE = 8


def inside_panel(request) -> dict | None:
    """The door guard sees who is inside first; the list is empty-safe (no panel when nobody is)."""
    if not has_capability(request.user, "operations.visitors"):
        return None
    rows = inside_now(request.user)
    return {"template": "operations/_inside_panel.html", "title": _("Who is inside"),
            "visitors": rows[:PANEL_SIZE], "more": len(rows) > PANEL_SIZE, "count": len(rows)}

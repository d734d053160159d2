"""Home panels: who is inside (door guard), today's duty and round, the class's pick-up list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability

from .selectors import inside_count, inside_now

PANEL_SIZE = 8


def inside_panel(request) -> dict | None:
    """The door guard sees who is inside first; the list is empty-safe (no panel when nobody is)."""
    if not has_capability(request.user, "operations.visitors"):
        return None
    # The first few and how many: a gate that never signs visitors out must not slow the home page.
    rows = inside_now(request.user, limit=PANEL_SIZE + 1)
    count = len(rows) if len(rows) <= PANEL_SIZE else inside_count(request.user)
    return {"template": "operations/_inside_panel.html", "title": _("Who is inside"),
            "visitors": rows[:PANEL_SIZE], "more": len(rows) > PANEL_SIZE, "count": count}


def pickup_panel(request) -> dict | None:
    """The head teacher's class: who is handed over today and who is not yet."""
    from safecampus.org.models import OrgUnit

    from .people import local_today
    from .services.pickup import class_list

    classes = list(OrgUnit.objects.filter(role_assignments__user=request.user,
                                          role_assignments__role__code="head_teacher", kind="class")
                   .distinct().order_by("path")[:3])
    if not classes:
        return None
    lists = []
    for klass in classes:
        rows = class_list(klass, local_today(klass))
        lists.append({"klass": klass, "rows": rows, "waiting": sum(1 for r in rows if r["status"] != "handed_over"),
                      "can_hand_over": has_capability(request.user, "operations.pickup", klass.path)})
    return {"template": "operations/_pickup_panel.html", "title": _("Pick-up today"), "lists": lists}


def duty_panel(request) -> dict | None:
    """Duty staff: who is on duty today and how far today's patrol rounds are."""
    if not (has_capability(request.user, "operations.duty") or has_capability(request.user, "operations.patrol")):
        return None
    from .selectors import duty_today, patrol_days

    today = duty_today(request.user)
    days = patrol_days(request.user)[:PANEL_SIZE]
    if not today["roster"] and not days:
        return None
    return {"template": "operations/_duty_panel.html", "title": _("Today's duty"), "roster": today["roster"][:6],
            "logs": today["logs"], "days": days}

"""Home panels: the canteen manager's day (samples and what is missing, expiring certificates, the
purchase form); the safety officer's fire equipment due for its check."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability

from . import selectors
from .services.common import today


def canteen_panel(request) -> dict | None:
    user = request.user
    if not has_capability(user, "canteen.sample"):
        return None
    unit, _choices = selectors.pick_school(user, "canteen.sample", None)
    if unit is None:
        return None
    try:
        purchase_url = reverse("canteen:purchase-new") if has_capability(user, "canteen.manage", unit.path) else ""
    except NoReverseMatch:
        purchase_url = ""
    return {"template": "canteen/_home_panel.html", "title": _("Today's meals and samples"), "unit": unit,
            "overview": selectors.day_overview(unit, today(unit)), "expiring": selectors.expiring(user, unit),
            "purchase_url": purchase_url}


def fire_panel(request) -> dict | None:
    """The safety officer's fire equipment still to check in this period, and over-limit repairs."""
    user = request.user
    if not has_capability(user, "canteen.fire_manage"):
        return None
    unit, _choices = selectors.pick_school(user, "canteen.fire_manage", None)
    if unit is None:
        return None
    due = list(selectors.due_equipment(user, unit)[:9])
    over = selectors.buildings_over_limit(unit)
    if not due and not over:
        return None
    return {"template": "canteen/_fire_panel.html", "title": _("Fire equipment due for its check"), "unit": unit,
            "items": due[:8], "more": len(due) > 8, "over_limit": over}

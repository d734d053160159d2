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

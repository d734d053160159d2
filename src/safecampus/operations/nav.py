"""The pages of daily operations: the menu, the start page and the home shortcuts read this one list."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability

# (label, url name, capability, icon, order)
PAGES = [
    (_("Register a visitor"), "operations:visitor-new", "operations.visitors", "person-plus", 1),
    (_("Who is inside"), "operations:inside", "operations.view_visitors", "people", 2),
    (_("Hand over a child"), "operations:pickup", "operations.pickup", "person-walking", 3),
    (_("Today's duty"), "operations:duty", "operations.view", "calendar-check", 4),
    (_("Duty roster"), "operations:roster", "operations.view", "calendar3", 10),
    (_("Duty logs"), "operations:duty-logs", "operations.view", "journal-check", 11),
    (_("Patrol check-in"), "operations:scan", "operations.patrol", "upc-scan", 3),
    (_("Patrol rounds"), "operations:patrols", "operations.view", "signpost-split", 12),
    (_("Patrol routes"), "operations:routes", "operations.view", "map", 13),
    (_("Security defences"), "operations:defences", "operations.view", "shield-check", 30),
    (_("Night bed check"), "operations:bed-check", "operations.dormitory", "moon-stars", 5),
    (_("Dormitory"), "operations:dormitory", "operations.view", "house-door", 31),
    (_("Large activities"), "operations:activities", "operations.view", "people-fill", 32),
    (_("Vaccination certificates"), "operations:vaccination", "operations.view_vaccination", "clipboard2-pulse",
     33),
    (_("Visitor register"), "operations:visitors", "operations.view_visitors", "journal-text", 20),
    (_("Watch list"), "operations:watchlist", "operations.watchlist", "shield-exclamation", 25),
]


def entries_for(user) -> list[dict]:
    found = []
    for label, url_name, capability, icon, _order in sorted(PAGES, key=lambda p: p[4]):
        if not has_capability(user, capability):
            continue
        try:
            found.append({"label": label, "url": reverse(url_name), "icon": icon})
        except NoReverseMatch:
            continue
    return found

"""Navigation grouped by the plan's chapters. Apps add their entries in ready()."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .permissions import has_capability

SECTIONS: list[tuple[str, Promise]] = [
    ("home", _("Home")),
    ("responsibility", _("Responsibility")),
    ("operations", _("Daily operations")),
    ("inspections", _("Inspections & hazards")),
    ("incidents", _("Incidents")),
    ("education", _("Education & drills")),
    ("canteen", _("Canteen & fire")),
    ("assessment", _("Assessment & archives")),
    ("organisation", _("Organisation")),
]


@dataclass(frozen=True)
class NavItem:
    section: str
    label: Promise | str
    url_name: str
    capability: str
    order: int = 100


ITEMS: list[NavItem] = []


def register(section: str, label, url_name: str, capability: str, order: int = 100) -> None:
    ITEMS.append(NavItem(section, label, url_name, capability, order))


def menu_for(user, path: str = "") -> list[dict]:
    """The chapters this user can use, each with its entries; ``current`` marks the chapter
    holding ``path`` (the phone menu opens that one)."""
    groups = []
    for key, title in SECTIONS:
        entries = []
        for item in sorted((i for i in ITEMS if i.section == key), key=lambda i: i.order):
            if not has_capability(user, item.capability):
                continue
            try:
                entries.append({"label": item.label, "url": reverse(item.url_name), "name": item.url_name})
            except NoReverseMatch:
                continue
        if entries:
            current = any(path == e["url"] or (e["url"] != "/" and path.startswith(e["url"])) for e in entries)
            groups.append({"key": key, "title": title, "items": entries, "current": current})
    return groups

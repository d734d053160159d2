"""Navigation grouped by the plan's chapters. Apps add their entries in ready()."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .markup import esc
from .permissions import Grant, grants_of

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
    for key, title, entries in _chapters(tuple(grants_of(user)), get_language() or "", get_script_prefix(),
                                         get_urlconf(), id(SECTIONS), id(ITEMS), len(ITEMS)):
        items = [dict(e) for e in entries]
        current = any(path == e["url"] or (e["url"] != "/" and path.startswith(e["url"])) for e in items)
        groups.append({"key": key, "title": title, "items": items, "current": current})
    return groups


@lru_cache(maxsize=1024)
def _chapters(grants: tuple[Grant, ...], language: str, prefix: str, urlconf, *registry) -> tuple:
    """The menu of whoever holds ``grants``, in ``language``: it changes only with them, so it is
    kept per process (the key is the grants themselves: a role given or taken, or a role's
    capabilities changed, is another key). ``registry`` stands for the lists of entries, so an
    entry registered later (or a test's own lists) is another key too."""
    chapters = []
    for key, title in SECTIONS:
        entries = []
        for item in sorted((i for i in ITEMS if i.section == key), key=lambda i: i.order):
            # has_capability(user, capability) without a unit: some grant allows it.
            if not any(g.allows(item.capability) for g in grants):
                continue
            try:
                entries.append({"label": str(item.label), "url": reverse(item.url_name), "name": item.url_name})
            except NoReverseMatch:
                continue
        if entries:
            chapters.append((key, str(title), tuple(entries)))
    return tuple(chapters)


def _link(css: str, path: str, item: dict) -> str:
    active = " active" if path == item["url"] else ""
    return f'<a class="{css}{active}" href="{esc(item["url"])}">{esc(item["label"])}</a>'


def side_menu(groups: list[dict], path: str) -> SafeString:
    """The desktop side bar's chapters and entries (``base.html``): the markup a template loop
    wrote, some 80 tags and lookups on every page."""
    out = []
    for group in groups:
        title = f'<div class="nav-group">{esc(group["title"])}</div>' if group["key"] != "home" else ""
        links = "".join(_link("nav-link", path, item) for item in group["items"])
        out.append(f"\n      {title}\n      {links}\n    ")
    return mark_safe("".join(out))  # every text is escaped above


def phone_menu(groups: list[dict], path: str) -> SafeString:
    """The phone's menu (``base.html``): one fold per chapter, the current one open."""
    out = []
    for group in groups:
        if group["key"] == "home":
            out.extend(f'<a class="menu-link" href="{esc(i["url"])}">{esc(i["label"])}</a>'
                       for i in group["items"])
            continue
        links = "".join(_link("menu-link", path, item) for item in group["items"])
        out.append(f'\n    <details class="menu-group"{" open" if group["current"] else ""}><summary>'
                   f'{esc(group["title"])} <span class="badge text-bg-light">{len(group["items"])}</span>'
                   f"</summary>\n      {links}\n    </details>")
    return mark_safe("".join(out))  # every text is escaped above

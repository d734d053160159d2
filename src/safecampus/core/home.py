"""Home panels: apps contribute what each person must see first (tasks, alerts, shortcuts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from .permissions import has_capability


@dataclass(frozen=True)
class Shortcut:
    label: Promise | str
    url_name: str
    capability: str
    icon: str = "plus"
    order: int = 100
    # Shown only when this says there is something to do (``when(user) -> bool``), e.g. a letter to sign.
    when: Callable | None = None


SHORTCUTS: list[Shortcut] = []
# A panel provider takes the request and returns a dict for templates/core/panel.html, or None.
PANELS: list[tuple[int, Callable]] = []


def register_shortcut(label, url_name: str, capability: str, icon: str = "plus", order: int = 100,
                      when: Callable | None = None) -> None:
    SHORTCUTS.append(Shortcut(label, url_name, capability, icon, order, when))


def register_panel(provider: Callable, order: int = 100) -> None:
    PANELS.append((order, provider))


def home_panels(request) -> dict:
    from django.urls import NoReverseMatch, reverse

    shortcuts = []
    for s in sorted(SHORTCUTS, key=lambda s: s.order):
        if has_capability(request.user, s.capability) and (s.when is None or s.when(request.user)):
            try:
                shortcuts.append({"label": s.label, "url": reverse(s.url_name), "icon": s.icon})
            except NoReverseMatch:
                continue
    panels = []
    for _order, provider in sorted(PANELS, key=lambda p: p[0]):
        panel = provider(request)
        if panel:
            panels.append(panel)
    return {"shortcuts": shortcuts[:6], "panels": panels}

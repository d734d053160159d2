"""Sections other apps add to a unit's page (the safety team, letters signed, ...)."""

from __future__ import annotations

from collections.abc import Callable

# provider(request, unit) -> {"template": ..., ...} or None
UNIT_PANELS: list[tuple[int, Callable]] = []


def register_unit_panel(provider: Callable, order: int = 100) -> None:
    UNIT_PANELS.append((order, provider))


def unit_panels(request, unit) -> list[dict]:
    panels = []
    for _order, provider in sorted(UNIT_PANELS, key=lambda p: p[0]):
        panel = provider(request, unit)
        if panel:
            panels.append(panel)
    return panels

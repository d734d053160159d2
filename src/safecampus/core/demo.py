"""Demo data registry: each app's ``demo.load(ctx)`` adds its part through its own services."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings

DEMO_PASSWORD = "SafeCampus-demo-1"


@dataclass
class DemoContext:
    """What the org demo built, by name, for the apps that load after it."""

    units: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    now: Any = None


def loaders() -> list:
    mods = []
    for app in settings.INSTALLED_APPS:
        if app.startswith("safecampus.") and find_spec(f"{app}.demo"):
            module = import_module(f"{app}.demo")
            if hasattr(module, "load"):
                mods.append(module)
    return mods


def load_all(now=None) -> DemoContext:
    from django.utils import timezone

    ctx = DemoContext(now=now or timezone.now())
    for module in loaders():
        module.load(ctx)
    return ctx

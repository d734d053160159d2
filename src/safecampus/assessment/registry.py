"""The indicator registry: what each installed app offers the assessment (ASM-6).

An app offers indicators in its own ``indicators.py`` as plain data, without importing this app:

* ``INDICATORS``: ``[{"code", "chapter", "weight", "title", "title_zh", "compute", "evidence"}]``;
  ``compute(ctx)`` runs once over every school of ``ctx.roots`` (set-based) and returns
  ``{record unit path: (done, total)}``; ``evidence(unit_id, start, end)`` is the URL of the list page
  holding the records behind the number.
* ``VETOES``: the same keys with ``effect`` ("zero" or "cap") and ``cap`` instead of a weight;
  ``compute(ctx)`` returns ``{record unit path: count}``.
* ``REWARDS``: ``rewards(roots, start, end) -> [{"id", "unit_id", "person", "measure", "decided_on", "url"}]``.

The modules are found with Django's ``autodiscover_modules`` (any subset of apps may be installed: an
indicator whose app is absent is simply not offered). Tests replace the registry with ``use(...)``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Provider:
    code: str
    app: str
    chapter: str
    title: str
    title_zh: str
    compute: Callable[[Any], dict]
    evidence: Callable[..., str]
    weight: int = 0
    veto: bool = False
    effect: str = ""
    cap: int = 0


_loaded: dict[str, Provider] | None = None
_rewards: list[Callable] | None = None


def _provider(app: str, spec: dict, veto: bool) -> Provider:
    return Provider(code=spec["code"], app=app, chapter=spec.get("chapter", "incidents" if veto else "other"),
                    title=spec["title"], title_zh=spec.get("title_zh", ""), compute=spec["compute"],
                    evidence=spec["evidence"], weight=int(spec.get("weight", 0)), veto=veto,
                    effect=spec.get("effect", ""), cap=int(spec.get("cap", 0)))


def _discover() -> tuple[dict[str, Provider], list[Callable]]:
    autodiscover_modules("indicators")
    found: dict[str, Provider] = {}
    rewards: list[Callable] = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.indicators")
        if module is None:
            continue
        for spec in getattr(module, "INDICATORS", []):
            found[spec["code"]] = _provider(config.label, spec, veto=False)
        for spec in getattr(module, "VETOES", []):
            found[spec["code"]] = _provider(config.label, spec, veto=True)
        if getattr(module, "REWARDS", None):
            rewards.append(module.REWARDS)
    return found, rewards


def providers() -> dict[str, Provider]:
    global _loaded, _rewards
    if _loaded is None:
        _loaded, _rewards = _discover()
    return _loaded


def get(code: str) -> Provider | None:
    return providers().get(code)


def reward_sources() -> list[Callable]:
    providers()
    return list(_rewards or [])


@contextmanager
def use(*, only_apps: set[str] | None = None, extra: list[Provider] | None = None):
    """Tests: the registry as if only ``only_apps`` were installed (and ``extra`` offered)."""
    global _loaded, _rewards
    saved = (_loaded, _rewards)
    full, rewards = _discover()
    kept = {c: p for c, p in full.items() if only_apps is None or p.app in only_apps}
    for p in extra or []:
        kept[p.code] = p
    _loaded = kept
    _rewards = [r for r in rewards if only_apps is None or r.__module__.split(".")[1] in only_apps]
    try:
        yield
    finally:
        _loaded, _rewards = saved

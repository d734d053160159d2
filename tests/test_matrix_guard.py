"""Every URL of the project has a row in some app's authorization matrix."""

from __future__ import annotations

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

# Framework pages with no scope of their own: checked by tests/core/test_platform.py instead.
EXEMPT = {"login", "logout", "set_language", "two-step", "api-token", "api-schema", "api-docs", "home",
          "switch-unit", "notifications", "notification-open", "api-revoke", "api-me"}
EXEMPT_NAMESPACES = {"admin"}


def _names(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in EXEMPT_NAMESPACES:
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def _covered() -> set[str]:
    names: set[str] = set()
    root = Path(__file__).parent
    for path in root.rglob("test_matrix*.py"):
        if path.name == "test_matrix_guard.py":
            continue
        module_name = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        module = importlib.import_module(module_name)
        for case in getattr(module, "CASES", []):
            names.add(case.url_name)
    return names


def test_every_url_has_an_authorization_case():
    covered = _covered()
    missing = sorted(
        n for n in set(_names(get_resolver()))
        if n not in EXEMPT and n not in covered and not n.endswith("-detail.format") and "format" not in n
    )
    assert not missing, f"URLs without a row in the authorization matrix: {missing}"

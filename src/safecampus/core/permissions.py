"""Capabilities and roles.

A capability is "<app>.<verb>" (``hazards.verify``). A role is a named set of them, held by a
user at a unit and valid for that unit's subtree. Each app grants its capabilities to roles in
its own ``AppConfig.ready`` through :func:`grant`, so no app edits another's list.
Patterns ``hazards.*`` and ``*.view`` are allowed in grants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.utils.functional import LazyObject, empty

from .errors import Forbidden

ROLE_GRANTS: dict[str, set[str]] = defaultdict(set)


def grant(role: str, capabilities: Iterable[str]) -> None:
    ROLE_GRANTS[role].update(capabilities)


def capability_matches(pattern: str, capability: str) -> bool:
    if pattern == capability or pattern == "*":
        return True
    p_app, _, p_verb = pattern.partition(".")
    c_app, _, c_verb = capability.partition(".")
    return (p_app in ("*", c_app)) and (p_verb in ("*", c_verb))


@dataclass(frozen=True)
class Grant:
    """One role held at one unit: the unit's materialised path and what the role allows."""

    unit_id: int
    path: str
    role: str
    capabilities: frozenset[str]
    # The unit as the layout names it (the unit switcher), read with the grant rather than again.
    unit_name: str = ""
    unit_name_zh: str = ""
    unit_kind: str = ""

    def allows(self, capability: str) -> bool:
        # A role names most capabilities outright: one set lookup, then only the patterns that can
        # match something other than themselves (capability_matches decides, as before).
        return capability in self.capabilities or any(capability_matches(p, capability) for p in self._patterns)

    @cached_property
    def _patterns(self) -> tuple[str, ...]:
        # "a.b" (no "*", a verb after the dot) matches exactly "a.b": the set lookup has answered for it.
        return tuple(p for p in self.capabilities if "*" in p or "." not in p or p.endswith("."))


GrantSource = Callable[[object], list[Grant]]
_grant_source: GrantSource | None = None


def set_grant_source(source: GrantSource) -> None:
    """The org app tells core where role assignments live (core imports no app)."""
    global _grant_source
    _grant_source = source


def unwrapped(user):
    """``request.user`` is a lazy proxy: every attribute read through it costs a few calls, and a
    page asks about the same user for each of its rows. The two-step sign-in wraps the session's
    proxy in one of its own, so a proxy may hold another."""
    while isinstance(user, LazyObject):
        wrapped = user._wrapped
        if wrapped is empty:
            return user
        user = wrapped
    return user


_unwrapped = unwrapped


def grants_of(user) -> list[Grant]:
    user = _unwrapped(user)
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_safecampus_grants", None)
    if cached is None:
        cached = _grant_source(user) if _grant_source else []
        user._safecampus_grants = cached
    return cached


def forget_grants(user) -> None:
    user = _unwrapped(user)
    if hasattr(user, "_safecampus_grants"):
        del user._safecampus_grants
    if hasattr(user, "_safecampus_scopes"):
        del user._safecampus_scopes


def scope_paths(user, capability: str) -> list[str]:
    """The subtree roots where ``user`` may exercise ``capability``, without nested duplicates.

    Kept beside the user's grants for as long as they are (a page asks the same question for
    every row); :func:`forget_grants` forgets both.
    """
    user = _unwrapped(user)
    grants = grants_of(user)
    memo = getattr(user, "_safecampus_scopes", None) if grants else None
    if memo is not None and memo[0] is grants:
        found = memo[1].get(capability)
        if found is not None:
            return list(found)
    paths = sorted({g.path for g in grants if g.allows(capability)})
    roots: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    if grants:
        if memo is None or memo[0] is not grants:
            memo = (grants, {})
            user._safecampus_scopes = memo
        memo[1][capability] = tuple(roots)
    return roots


def has_capability(user, capability: str, path: str | None = None) -> bool:
    """Whether ``user`` holds ``capability`` anywhere, or at/above the unit with ``path``."""
    roots = scope_paths(user, capability)
    if path is None:
        return bool(roots)
    return any(path.startswith(root) for root in roots)


def require(actor, capability: str, unit=None) -> None:
    """Raise ``Forbidden`` unless ``actor`` holds ``capability`` at ``unit`` (anywhere when None).

    ``actor`` None is the system itself (demo loading, sweeps, imports run by an operator).
    """
    if actor is None:
        return
    if not has_capability(actor, capability, getattr(unit, "path", None) if unit is not None else None):
        raise Forbidden()

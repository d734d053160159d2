"""Declarative state machines.

A workflow is a table of transitions: (sources, action) -> target, the capability the actor
needs, and guards (e.g. "the verifier is not the rectifier"). UI buttons, API actions and the
docs all read the same table; services move records only through :meth:`Workflow.check`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise

from .errors import Conflict, Forbidden
from .permissions import has_capability, unwrapped

# A guard returns None when the actor may act, or the reason they may not.
Guard = Callable[[object, object], "str | Promise | None"]


def unit_path(obj) -> str | None:
    """The path of the record's unit. A list reads it with its rows (annotated as ``unit_path``) so
    that deciding a page's actions builds no unit; a record read alone has its unit."""
    path = obj.__dict__.get("unit_path")
    if path is not None:
        return path
    return getattr(getattr(obj, "org_unit", None), "path", None)


def allowed_by_key(rows, user, allowed: Callable[[object, object], list[str]],
                   key: Callable[[object], object]) -> dict[object, list[str]]:
    """``allowed(row, user)`` for a page, asked once per distinct ``key(row)`` (by primary key).
    ``key`` names everything ``allowed`` reads of a row: rows alike in it are allowed alike."""
    user = unwrapped(user)
    memo: dict[object, list[str]] = {}
    out = {}
    for row in rows:
        k = key(row)
        if k not in memo:
            memo[k] = allowed(row, user)
        out[row.pk] = list(memo[k])
    return out


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    capability: str
    label: str | Promise = ""
    guards: tuple[Guard, ...] = field(default_factory=tuple)
    style: str = "primary"
    # The person a record belongs to (the one who filed it) may take the step without the
    # capability: owner(obj, user) -> bool. Scope is the owner function's to check.
    owner: Callable[[object, object], bool] | None = None

    def permits(self, obj, user, path: str | None) -> bool:
        return has_capability(user, self.capability, path) or bool(self.owner and self.owner(obj, user))


class Workflow:
    def __init__(self, name: str, transitions: Iterable[Transition], state_field: str = "status"):
        self.name = name
        self.state_field = state_field
        self.transitions = list(transitions)
        self._by_action = {t.action: t for t in self.transitions}

    def actions(self) -> list[str]:
        return list(self._by_action)

    def get(self, action: str) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise Conflict(f"Unknown action: {action}") from None

    def _path(self, obj) -> str | None:
        return unit_path(obj)

    def check(self, obj, action: str, user) -> Transition:
        """The transition to take, or Conflict (wrong state) / Forbidden (wrong actor)."""
        t = self.get(action)
        state = getattr(obj, self.state_field)
        if state not in t.sources:
            raise Conflict(f"Cannot {action} while {state}.")
        if not t.permits(obj, user, self._path(obj)):
            raise Forbidden()
        for guard in t.guards:
            reason = guard(obj, user)
            if reason:
                raise Forbidden(str(reason))
        return t

    def allowed_actions(self, obj, user) -> list[str]:
        allowed = []
        for t in self.transitions:
            if getattr(obj, self.state_field) not in t.sources:
                continue
            if not t.permits(obj, user, self._path(obj)):
                continue
            if any(guard(obj, user) for guard in t.guards):
                continue
            allowed.append(t.action)
        return allowed

    def table(self) -> list[dict[str, object]]:
        """For docs and the API description."""
        return [
            {"action": t.action, "from": list(t.sources), "to": t.target, "capability": t.capability}
            for t in self.transitions
        ]

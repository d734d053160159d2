"""Stand-in for ``compliance.policies`` until the shared policy registry is merged: defaults only.

Removed once ``safecampus.compliance.policies`` is on main."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SPECS: dict[str, Any] = {}


@dataclass(frozen=True)
class Number:
    name: str
    label: Any
    default: int = 0
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class PolicySpec:
    code: str
    title: Any
    source: str
    fields: list = field(default_factory=list)


def register_policy(spec: PolicySpec) -> None:
    SPECS[spec.code] = spec


def policy_for(unit, code: str) -> dict:
    return {f.name: f.default for f in SPECS[code].fields}

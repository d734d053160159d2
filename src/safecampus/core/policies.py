"""The policy registry: every number a rule uses, declared once with its defaults and source.

The declarations live here, on the ground floor, so any app (org's pupil-data retention included)
registers and reads a policy without reaching up. Where a district's own numbers are kept (the
``Policy`` rows, nearest unit wins) is compliance's business: it tells core how to read them with
``set_reader`` (as org tells core where role assignments live). ``compliance.policies`` re-exports
these names and adds the rows, ``PolicyBook`` and the services that change them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from . import inputs
from .errors import NotFound


@dataclass(frozen=True)
class Number:
    """A whole number a rule uses, with the bounds a person may set it to."""

    name: str
    label: Promise | str
    default: int
    minimum: int | None = 0
    maximum: int | None = None
    unit: Promise | str = ""    # "g", "h", "days": shown beside the value
    help: Promise | str = ""

    def clean(self, value: Any) -> int:
        return int(inputs.number(value, self.name, minimum=self.minimum, maximum=self.maximum))


@dataclass(frozen=True)
class PolicySpec:
    code: str                       # "<app>.<what>", e.g. "canteen.samples"
    title: Promise | str
    # Where the defaults come from (RULE-DEFAULTS.md and the regulation), translatable: a reader
    # of either language sees it in theirs.
    source: Promise | str
    fields: list[Number] = field(default_factory=list)
    description: Promise | str = ""

    def defaults(self) -> dict[str, int]:
        return {f.name: f.default for f in self.fields}

    def number(self, name: str) -> Number:
        return next(f for f in self.fields if f.name == name)


POLICIES: dict[str, PolicySpec] = {}


def register_policy(spec: PolicySpec) -> PolicySpec:
    POLICIES[spec.code] = spec
    return spec


def spec_of(code: str) -> PolicySpec:
    try:
        return POLICIES[code]
    except KeyError:
        raise NotFound() from None


Reader = Callable[[Any, str], dict[str, int]]
_reader: Reader | None = None


def set_reader(reader: Reader) -> None:
    """The compliance app tells core how to read the numbers in force at a unit (core imports no app)."""
    global _reader
    _reader = reader


def policy_for(unit, code: str) -> dict[str, int]:
    """The numbers of policy ``code`` in force at ``unit`` (``{"years_after_leaving": 3, ...}``); the
    registered defaults when no app keeps units' own numbers."""
    return _reader(unit, code) if _reader is not None else spec_of(code).defaults()

"""Which rectification policy governs a hazard: the nearest unit at or above its school that has one.

Policies are rows (``HazardPolicy``), not constants: the central school or the authority sets its own
numbers for its subtree, and the built-in row (no unit, seeded from ``data/policy_defaults.json``)
answers where nobody has. Reading them costs one query for one unit, and one query for a whole sweep.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from safecampus.core.permissions import scope_paths
from safecampus.core.scoping import path_q

from .models import HazardPolicy

DEFAULTS_FILE = Path(__file__).resolve().parent / "data" / "policy_defaults.json"
NUMBERS = ("general_days", "major_days", "general_remind_days", "major_remind_days")


@cache
def defaults() -> dict[str, Any]:
    data = json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return {k: data[k] for k in (*NUMBERS, "source")}


def unit_ids(path: str) -> list[int]:
    """"/1/4/9/" -> [1, 4, 9]: the unit and its ancestors, top first, without a query."""
    return [int(p) for p in (path or "").split("/") if p]


def ensure_builtin() -> HazardPolicy:
    """The built-in row. The migration seeds it; this puts it back if a test flush or an operator removed it."""
    row = HazardPolicy.objects.filter(org_unit__isnull=True).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return HazardPolicy.objects.create(org_unit=None, **defaults())
    except IntegrityError:  # created by a concurrent caller meanwhile
        return HazardPolicy.objects.get(org_unit__isnull=True)


def _candidates(ids: Iterable[int]):
    return HazardPolicy.objects.filter(Q(org_unit_id__in=set(ids)) | Q(org_unit__isnull=True)).order_by()


def _nearest(path: str, by_unit: dict[int | None, HazardPolicy]) -> HazardPolicy | None:
    for pk in reversed(unit_ids(path)):
        if pk in by_unit:
            return by_unit[pk]
    return by_unit.get(None)


def policy_for(unit) -> HazardPolicy:
    """The policy in force at ``unit`` (one query)."""
    by_unit = {p.org_unit_id: p for p in _candidates(unit_ids(unit.path))}
    return _nearest(unit.path, by_unit) or ensure_builtin()


class PolicyBook:
    """The policies of many units read at once, for a sweep or a page over many schools."""

    def __init__(self, paths: Iterable[str] = (), *, rows: Iterable[HazardPolicy] | None = None):
        """``rows``: policies already read that include every unit above ``paths`` (no query then)."""
        if rows is None:
            ids = {pk for path in paths for pk in unit_ids(path)}
            rows = _candidates(ids)
        self.by_unit = {p.org_unit_id: p for p in rows}

    def for_path(self, path: str) -> HazardPolicy:
        found = _nearest(path, self.by_unit)
        if found is None:
            found = self.by_unit[None] = ensure_builtin()
        return found


def readable_policies(user, capability: str):
    """The policies that bear on what ``user`` sees: those in scope, those above it (they govern it),
    and the built-in default. One query."""
    roots = scope_paths(user, capability)
    if not roots:
        return HazardPolicy.objects.none()
    above = {pk for root in roots for pk in unit_ids(root)}
    return HazardPolicy.objects.filter(path_q("org_unit__path", roots) | Q(org_unit_id__in=above)
                                       | Q(org_unit__isnull=True))


def longest_reminder_days() -> int:
    """How far ahead the sweep must look: the longest reminder of any policy (one query)."""
    row = HazardPolicy.objects.aggregate(g=Max("general_remind_days"), m=Max("major_remind_days"))
    return max(row["g"] or 0, row["m"] or 0, max(defaults()["general_remind_days"], defaults()["major_remind_days"]))

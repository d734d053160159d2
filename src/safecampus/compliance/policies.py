"""Every number a rule or a check uses, as data a district can change: policies.

A domain app declares each of its policies once, in its own ``policies.py``, with the defaults of
RULE-DEFAULTS.md and where they come from::

    register_policy(PolicySpec(code="canteen.samples", title=_("Food samples"), source="...",
                               fields=[Number("min_weight_g", _("Least weight (g)"), default=125, minimum=1)]))

An authority, a central school or a school may hold its own numbers for a policy (a ``Policy``
row); for any unit the nearest row at or above it wins, field by field over the defaults, so a
county that asks for 200 g changes only that number. Reading one unit's policy is one query;
``PolicyBook`` reads many units' at once. Changing one goes through ``set_policy`` / ``clear_policy``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs, memo
from safecampus.core import policies as registry
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import require, scope_paths
from safecampus.core.scoping import ensure_in_scope, path_q

from .models import Policy

# The registry is core's (an app below compliance registers its policies too); its names stay here.
Number, PolicySpec, POLICIES = registry.Number, registry.PolicySpec, registry.POLICIES
register_policy, spec_of = registry.register_policy, registry.spec_of

CAPABILITY = "compliance.manage_policy"
UNIT_KINDS = ("authority", "central_school", "school")


def unit_ids(path: str) -> list[int]:
    """"/1/4/9/" -> [1, 4, 9]: the unit and the units above it, top first, without a query."""
    return [int(p) for p in (path or "").split("/") if p]


@dataclass(frozen=True)
class InForce:
    """The numbers in force at one unit and who set them (``row`` None: the registered defaults)."""

    spec: PolicySpec
    values: dict[str, int]
    row: Policy | None

    @property
    def source(self) -> str:
        return self.row.source if self.row is not None and self.row.source else str(self.spec.source)

    def __getitem__(self, name: str) -> int:
        return self.values[name]


def _merge(spec: PolicySpec, row: Policy | None) -> dict[str, int]:
    values = spec.defaults()
    if row is not None:
        values.update({k: v for k, v in (row.values or {}).items() if k in values})
    return values


def _nearest(path: str, by_unit: dict[int, Policy]) -> Policy | None:
    for pk in reversed(unit_ids(path)):
        if pk in by_unit:
            return by_unit[pk]
    return None


def in_force(unit, code: str) -> InForce:
    """The policy ``code`` in force at ``unit`` (a unit, or anything with a ``path``): one query."""
    spec = spec_of(code)

    def read() -> Policy | None:
        rows = Policy.objects.filter(code=code, org_unit_id__in=unit_ids(unit.path)).order_by()
        return _nearest(unit.path, {r.org_unit_id: r for r in rows})

    row = memo.once(("compliance.policy", code, unit.path), read)
    return InForce(spec, _merge(spec, row), row)


def policy_for(unit, code: str) -> dict[str, int]:
    """The numbers of policy ``code`` in force at ``unit``: ``{"min_weight_g": 125, ...}``."""
    return in_force(unit, code).values


registry.set_reader(policy_for)


class PolicyBook:
    """The policies of many units read at once (a sweep, a page over many schools): one query."""

    def __init__(self, paths: Iterable[str], codes: Iterable[str] | None = None):
        ids = {pk for path in paths for pk in unit_ids(path)}
        rows = Policy.objects.filter(org_unit_id__in=ids).order_by()
        if codes is not None:
            rows = rows.filter(code__in=list(codes))
        self.rows: dict[str, dict[int, Policy]] = {}
        for row in rows:
            self.rows.setdefault(row.code, {})[row.org_unit_id] = row

    def in_force(self, path: str, code: str) -> InForce:
        spec = spec_of(code)
        row = _nearest(path, self.rows.get(code, {}))
        return InForce(spec, _merge(spec, row), row)

    def values(self, path: str, code: str) -> dict[str, int]:
        return self.in_force(path, code).values


def readable(user, capability: str = "compliance.view"):
    """The policy rows bearing on what ``user`` sees: those in scope and those above it. One query."""
    roots = scope_paths(user, capability)
    if not roots:
        return Policy.objects.none()
    above = {pk for root in roots for pk in unit_ids(root)}
    return Policy.objects.filter(path_q("org_unit__path", roots) | Q(org_unit_id__in=above))


# ------------------------------------------------------------------ services


def _clean_values(spec: PolicySpec, values: Any) -> dict[str, int]:
    if not isinstance(values, dict):
        raise InvalidInput.field("values", _("Give the numbers by name."))
    unknown = sorted(set(values) - {f.name for f in spec.fields})
    if unknown:
        raise InvalidInput.field(unknown[0], _("Not a number of this policy."))
    errors: dict[str, list[str]] = {}
    clean: dict[str, int] = {}
    for number in spec.fields:
        if number.name not in values:
            continue
        try:
            clean[number.name] = number.clean(values[number.name])
        except InvalidInput as exc:
            errors.update(exc.fields)
    if errors:
        first = next(iter(errors))
        raise InvalidInput(f"{first}: {errors[first][0]}", fields=errors)
    if not clean:
        raise InvalidInput.field("values", _("Give at least one number."))
    return clean


@transaction.atomic
def set_policy(org_unit, code: str, values: dict[str, Any], *, actor, source: str = "",
               expected_version: int | None = None) -> Policy:
    """The unit's own numbers for ``code`` (created, or changed when it has them already).

    Numbers not given keep what the unit had, or fall back to the defaults. Records already made
    keep the deadlines and limits they were given; what is done from now on follows the new numbers.
    """
    spec = spec_of(code)
    if org_unit is None:
        raise InvalidInput.field("org_unit", _("This field is required."))
    require(actor, CAPABILITY, org_unit)
    if org_unit.kind not in UNIT_KINDS:
        raise InvalidInput.field("org_unit", _("A policy is set for an authority, a central school or a school."))
    clean = _clean_values(spec, values)
    source = inputs.text(source, "source", required=False, max_length=2000)
    existing = Policy.objects.filter(org_unit=org_unit, code=code).first()
    if existing is None:
        try:
            with transaction.atomic():
                row = Policy.objects.create(org_unit=org_unit, code=code, values=clean, source=source,
                                            changed_by=actor)
        except IntegrityError:  # the same unit's row created a moment ago by someone else
            raise InvalidInput.field("org_unit", _("This unit's policy was just set by someone else; reload.")) \
                from None
        ensure_in_scope(actor, CAPABILITY, row)
        audit.record("compliance.policy_set", actor=actor, obj=row,
                     changes={"policy": [None, str(spec.title)], **{k: [None, v] for k, v in clean.items()}})
        return row
    row = lock(Policy, existing.pk, expected_version)
    after = {**row.values, **clean}
    changes = audit.diff(row.values, after)
    if source and source != row.source:
        changes["source"] = [row.source, source]
        row.source = source
    if not changes:
        return row
    row.values = after
    row.changed_by = actor
    bump(row, "values", "source", "changed_by")
    ensure_in_scope(actor, CAPABILITY, row)
    audit.record("compliance.policy_changed", actor=actor, obj=row, changes=changes)
    return row


@transaction.atomic
def clear_policy(row: Policy, *, actor, expected_version: int | None = None) -> None:
    """Remove a unit's own numbers: the unit follows the policy above it (or the defaults) again."""
    require(actor, CAPABILITY, row.org_unit)
    row = lock(Policy, row.pk, expected_version)
    audit.record("compliance.policy_cleared", actor=actor, obj=row,
                 changes={k: [v, None] for k, v in (row.values or {}).items()})
    row.delete()

"""Units: a row names its parent by id, or by the name of a unit made in an earlier row (so a
school, its grades and its classes fit in one sheet). A unit of the same name under the same
parent is the same unit (its type and facts are updated)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .. import services
from ..choices import CHILD_KINDS, UnitKind
from ..models import OrgUnit
from ..services.units import FACTS, capability_for
from .columns import KIND_WORDS, SCHOOL_TYPE_WORDS
from .plan import Plan, RowChecker, RowPlan
from .reader import as_text


def _parent(raw_parent, check: RowChecker, visible: dict, existing_named: dict, made_here: dict,
            unique_names: dict) -> tuple[Any, str | None]:
    """The row's parent and its kind: a unit by id, by the name of an earlier row (a unit already
    there, or one this file makes: its name), or by a name unique in the reader's units."""
    if isinstance(raw_parent, int) or as_text(raw_parent).isdigit():
        parent = visible.get(int(as_text(raw_parent)))
        if parent is None:
            check.problem("parent_id", _("Unknown unit (%(id)s).") % {"id": as_text(raw_parent)})
        return parent, parent.kind if parent else None
    name = as_text(raw_parent)
    if name in existing_named:
        return existing_named[name], existing_named[name].kind  # named by an earlier row, already there
    if name in made_here:
        return name, made_here[name][1]  # made by an earlier row
    if name in unique_names:
        return unique_names[name], unique_names[name].kind
    check.problem("parent_id", _("Unknown unit (%(id)s).") % {"id": name or "-"})
    return None, None


def plan(actor, sheet) -> Plan:
    from safecampus.core.permissions import has_capability

    result = Plan("units", apply_row=apply_row)
    visible = {u.pk: u for u in OrgUnit.objects.visible_to(actor, "org.manage").filter(is_active=True)}
    children = {(u.parent_id, u.name): u for u in visible.values()}
    made_here: dict[str, tuple[int, str]] = {}   # name -> (row, kind) of units this file makes
    existing_named: dict[str, OrgUnit] = {}       # names of earlier rows that matched a unit
    counts: dict[str, int] = {}
    for unit in visible.values():
        counts[unit.name] = counts.get(unit.name, 0) + 1
    unique_names = {u.name: u for u in visible.values() if counts[u.name] == 1}
    for number, values in sheet.rows():
        row = RowPlan(number, as_text(values.get("name"))[:80])
        check = RowChecker(row, sheet.labels)
        kind = check.word(values, "kind", KIND_WORDS)
        if not as_text(values.get("kind")):
            check.problem("kind", _("Missing."))
        name = check.text(values, "name", required=True, max_length=200)
        parent, parent_kind = _parent(values.get("parent_id"), check, visible, existing_named, made_here,
                                      unique_names)
        if kind and parent_kind and kind not in CHILD_KINDS[UnitKind(parent_kind)]:
            check.problem("kind", _("A %(kind)s cannot be placed under a %(parent)s.")
                          % {"kind": UnitKind(kind).label, "parent": UnitKind(parent_kind).label})
        if kind and isinstance(parent, OrgUnit) and not has_capability(actor, capability_for(kind), parent.path):
            check.problem("parent_id", _("You may not add this kind of unit here."))
        school_type = check.word(values, "school_type", SCHOOL_TYPE_WORDS)
        if kind == UnitKind.SCHOOL and not school_type:
            check.problem("school_type", _("A school needs a school type."))
        facts = {key: check.flag(values, key, default=False) for key in FACTS}
        floors = check.number(values, "floors")
        data = {"kind": kind, "name": name, "name_zh": check.text(values, "name_zh", max_length=200),
                "school_type": school_type if kind == UnitKind.SCHOOL else "", "floors": floors,
                "facts": facts if kind == UnitKind.SCHOOL else {}}
        existing = children.get((parent.pk, name)) if isinstance(parent, OrgUnit) else None
        if name in made_here:
            check.problem("name", _("Duplicate name (also in row %(row)d).") % {"row": made_here[name][0]})
        if existing is None:
            row.data = {**data, "parent": parent}
            if name and kind:
                made_here[name] = (number, kind)
        else:
            row.target = existing
            existing_named[name] = existing
            changes = {}
            for key in ("name_zh", "school_type", "floors"):
                if data[key] not in (None, "") and data[key] != getattr(existing, key):
                    changes[key] = data[key]
            for key, value in data["facts"].items():
                if value != getattr(existing, FACTS[key]):
                    changes.setdefault("facts", {})[key] = value
            row.data, row.changed = changes, sorted(changes)
            row.action = "update" if changes else "unchanged"
        result.rows.append(row)
    return result


def apply_row(actor, row: RowPlan, made: dict) -> OrgUnit:
    if row.action == "create":
        data = dict(row.data)
        parent = data.pop("parent")
        if isinstance(parent, str):
            parent = made[parent]
        facts = data.pop("facts")
        floors = data.pop("floors")
        unit = services.create_unit(actor=actor, org_unit=parent, facts=facts,
                                    **({"floors": floors} if floors is not None else {}), **data)
        made[unit.name] = unit
        return unit
    return services.change_unit(row.target, actor=actor, **row.data)

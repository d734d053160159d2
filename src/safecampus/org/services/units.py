"""The tree: add, rename, move and close units; the facts obligations depend on; head teachers."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.errors import Conflict, InvalidInput
from safecampus.core.permissions import forget_grants, require
from safecampus.core.scoping import ensure_in_scope

from ..choices import CHILD_KINDS, SchoolType, UnitKind
from ..models import OrgUnit, Role, RoleAssignment

# API / import names of the facts -> model fields.
FACTS = {"canteen": "has_canteen", "dormitory": "has_dormitory", "transport": "has_transport",
         "boarding": "is_boarding"}
# Schools and everything above them are the district's shape: the authority and the central
# school decide it. Grades and classes are a school's own business too.
SHAPE_KINDS = (UnitKind.AUTHORITY, UnitKind.CENTRAL_SCHOOL, UnitKind.SCHOOL)


def capability_for(kind: str) -> str:
    return "org.manage_units" if kind in SHAPE_KINDS else "org.manage"


def _facts(data: dict[str, Any], facts: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (facts or {}).items():
        if key not in FACTS:
            raise InvalidInput.field(f"facts.{key}", _("Unknown fact."))
        out[FACTS[key]] = inputs.flag(value, f"facts.{key}")
    for field in FACTS.values():
        if field in data:
            out[field] = inputs.flag(data.pop(field), field)
    return out


def _placement(kind: str, parent: OrgUnit | None, field: str = "kind") -> None:
    if parent is None and kind != UnitKind.AUTHORITY:
        raise InvalidInput.field("parent", _("Only an education authority can be at the top."))
    if parent is not None and kind not in CHILD_KINDS[UnitKind(parent.kind)]:
        raise InvalidInput.field(field, _("A %(kind)s cannot be placed under a %(parent)s.")
                                 % {"kind": UnitKind(kind).label, "parent": UnitKind(parent.kind).label})
    if parent is not None and not parent.is_active:
        raise InvalidInput.field("parent", _("This unit is closed."))


@transaction.atomic
def create_unit(*, actor, org_unit: OrgUnit | None, kind: str,
                name: str, name_zh: str = "", school_type: str = "", facts: dict[str, Any] | None = None,
                head_teacher=None, **data: Any) -> OrgUnit:
    """A unit below ``org_unit`` (its parent; ``None`` for the authority at the top)."""
    parent = org_unit
    kind = inputs.choice(kind, "kind", UnitKind)
    name = inputs.text(name, "name", max_length=200)
    name_zh = inputs.text(name_zh, "name_zh", required=False, max_length=200)
    _placement(kind, parent)
    if kind == UnitKind.SCHOOL:
        school_type = inputs.choice(school_type, "school_type", SchoolType)
    elif school_type:
        raise InvalidInput.field("school_type", _("Only a school has a school type."))
    fields = _facts(data, facts)
    if "floors" in data:
        fields["floors"] = inputs.number(data.pop("floors"), "floors", minimum=0, maximum=200, required=False)
    for key in ("code", "address", "phone", "timezone"):
        if key in data:
            fields[key] = inputs.text(data.pop(key), key, required=False, max_length=64 if key != "address" else 255)
    if data:
        raise InvalidInput.field(sorted(data)[0], _("Unknown field."))
    require(actor, capability_for(kind), parent)
    if parent is not None and OrgUnit.objects.filter(parent=parent, name=name, is_active=True).exists():
        raise InvalidInput.field("name", _("A unit of this name already exists here."))
    unit = OrgUnit.objects.create(kind=kind, name=name, name_zh=name_zh, parent=parent, school_type=school_type,
                                  path=f"new-{uuid.uuid4().hex}", **fields)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    ensure_in_scope(actor, capability_for(kind), unit)
    audit.record("org.unit_created", actor=actor, obj=unit, org_unit=unit,
                 changes={"kind": kind, "name": name, "name_zh": name_zh, "parent": parent.pk if parent else None,
                          "school_type": school_type, **fields})
    if head_teacher is not None:
        set_head_teacher(unit, actor=actor, user=head_teacher)
    return unit


def _move(unit: OrgUnit, new_parent: OrgUnit) -> None:
    """Re-root the whole subtree under ``new_parent``: one UPDATE of the paths and depths."""
    if new_parent.path.startswith(unit.path):
        raise InvalidInput.field("parent", _("A unit cannot be moved below itself."))
    old_path, new_path = unit.path, f"{new_parent.path}{unit.pk}/"
    shift = new_parent.depth + 1 - unit.depth
    OrgUnit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)), depth=F("depth") + shift)
    unit.path, unit.depth, unit.parent = new_path, unit.depth + shift, new_parent
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent)


@transaction.atomic
def change_unit(unit: OrgUnit, *, actor, expected_version: int | None = None, **data: Any) -> OrgUnit:
    """Rename, move (``parent``), or change a unit's type and facts. Each change is audited."""
    unit = lock(OrgUnit, unit.pk, expected_version)
    capability = capability_for(unit.kind)
    require(actor, capability, unit.parent or unit)
    if not unit.is_active:
        raise Conflict(_("This unit is closed."))
    before = {"name": unit.name, "name_zh": unit.name_zh, "parent": unit.parent_id,
              "school_type": unit.school_type, "floors": unit.floors,
              "address": unit.address, "phone": unit.phone, **{f: getattr(unit, f) for f in FACTS.values()}}
    if "name" in data:
        unit.name = inputs.text(data.pop("name"), "name", max_length=200)
    if "name_zh" in data:
        unit.name_zh = inputs.text(data.pop("name_zh"), "name_zh", required=False, max_length=200)
    if "school_type" in data:
        value = data.pop("school_type")
        if unit.kind == UnitKind.SCHOOL:
            unit.school_type = inputs.choice(value, "school_type", SchoolType)
        elif value:
            raise InvalidInput.field("school_type", _("Only a school has a school type."))
    if "floors" in data:
        unit.floors = inputs.number(data.pop("floors"), "floors", minimum=0, maximum=200, required=False)
    for key in ("address", "phone"):
        if key in data:
            limit = 255 if key == "address" else 32
            setattr(unit, key, inputs.text(data.pop(key), key, required=False, max_length=limit))
    for field, value in _facts(data, data.pop("facts", None)).items():
        setattr(unit, field, value)
    new_parent = data.pop("parent", None)
    if data:
        raise InvalidInput.field(sorted(data)[0], _("Unknown field."))
    unit.save()
    if new_parent is not None and new_parent.pk != unit.parent_id:
        _placement(unit.kind, new_parent, "parent")
        require(actor, capability, new_parent)
        _move(unit, new_parent)
    after = {"name": unit.name, "name_zh": unit.name_zh, "parent": unit.parent_id,
             "school_type": unit.school_type, "floors": unit.floors,
             "address": unit.address, "phone": unit.phone, **{f: getattr(unit, f) for f in FACTS.values()}}
    changes = audit.diff(before, after)
    if changes:
        OrgUnit.objects.filter(pk=unit.pk).update(version=F("version") + 1)
        unit.version += 1
        ensure_in_scope(actor, capability, unit)
        audit.record("org.unit_moved" if "parent" in changes else "org.unit_changed", actor=actor, obj=unit,
                     org_unit=unit, changes=changes)
    return unit


@transaction.atomic
def close_unit(unit: OrgUnit, *, actor, expected_version: int | None = None, closed_on: date | None = None,
               reason: str = "") -> OrgUnit:
    """Close a unit and everything below it. Nothing is deleted: its records stay readable."""
    unit = lock(OrgUnit, unit.pk, expected_version)
    require(actor, capability_for(unit.kind), unit.parent or unit)
    if not unit.is_active:
        raise Conflict(_("This unit is already closed."))
    if unit.parent is None:
        raise InvalidInput.field("parent", _("The authority at the top cannot be closed."))
    reason = inputs.text(reason, "reason", required=False, max_length=200)
    closed_on = closed_on or timezone.localdate()
    closed = OrgUnit.objects.filter(path__startswith=unit.path, is_active=True).update(
        is_active=False, closed_on=closed_on, version=F("version") + 1)
    unit.refresh_from_db()
    audit.record("org.unit_closed", actor=actor, obj=unit, org_unit=unit, reason=reason,
                 changes={"closed_on": closed_on, "units": closed})
    return unit


@transaction.atomic
def set_head_teacher(klass: OrgUnit, *, actor, user) -> RoleAssignment | None:
    """The class's head teacher (the ``head_teacher`` role held at the class); None clears it."""
    if klass.kind != UnitKind.CLASS:
        raise InvalidInput.field("head_teacher", _("Only a class has a head teacher."))
    require(actor, "org.manage", klass)
    role = Role.objects.get(code="head_teacher")
    current = list(RoleAssignment.objects.filter(role=role, org_unit=klass).select_related("user"))
    if user is not None and [a.user_id for a in current] == [user.pk]:
        return current[0]
    for assignment in current:
        assignment.delete()
        forget_grants(assignment.user)
    made = None
    if user is not None:
        if not user.role_assignments.filter(org_unit__path__startswith=klass.school.path).exists():
            raise InvalidInput.field("head_teacher", _("The head teacher must work at this school."))
        made = RoleAssignment.objects.create(user=user, role=role, org_unit=klass)
        forget_grants(user)
    audit.record("org.head_teacher_set", actor=actor, obj=klass, org_unit=klass,
                 changes={"head_teacher": [current[0].user.username if current else None,
                                           user.username if user is not None else None]})
    return made

"""Every change to the tree, its people and its roles: one transaction, one audit event."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.concurrency import lock
from safecampus.core.crypto import blind_index
from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.models import AuditEvent
from safecampus.core.permissions import ROLE_GRANTS, forget_grants, has_capability, require
from safecampus.core.scoping import ensure_in_scope

from .choices import CHILD_KINDS, UnitKind
from .models import (
    Guardian,
    GuardianLink,
    Holiday,
    OrgUnit,
    Post,
    Role,
    RoleAssignment,
    SchoolYear,
    Semester,
    Staff,
    Student,
)
from .roles import ROLES

User = get_user_model()


def sync_roles() -> None:
    """Make the role rows match the grants the apps declared (idempotent)."""
    for code, (en, zh) in ROLES.items():
        caps = sorted(ROLE_GRANTS.get(code, ()))
        role, created = Role.objects.get_or_create(code=code, defaults={"name": en, "name_zh": zh,
                                                                        "capabilities": caps})
        if not created and (role.capabilities != caps or role.name != en or role.name_zh != zh):
            Role.objects.filter(pk=role.pk).update(capabilities=caps, name=en, name_zh=zh)


@transaction.atomic
def create_unit(*, actor, kind: str, name: str, parent: OrgUnit | None = None, name_zh: str = "",
                **fields: Any) -> OrgUnit:
    if kind not in UnitKind.values:
        raise InvalidInput.field("kind", _("Unknown kind."))
    if parent is None and kind != UnitKind.AUTHORITY:
        raise InvalidInput.field("parent", _("Only an education authority can be at the top."))
    if parent is not None and kind not in CHILD_KINDS[UnitKind(parent.kind)]:
        raise InvalidInput.field("kind", _("A %(kind)s cannot be placed under a %(parent)s.")
                                 % {"kind": kind, "parent": parent.kind})
    if kind == UnitKind.SCHOOL and not fields.get("school_type"):
        raise InvalidInput.field("school_type", _("A school needs a school type."))
    require(actor, "org.manage", parent)
    unit = OrgUnit.objects.create(kind=kind, name=name, name_zh=name_zh, parent=parent,
                                  path=f"new-{uuid.uuid4().hex}", **fields)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    ensure_in_scope(actor, "org.manage", unit)
    audit.record("org.unit_created", actor=actor, obj=unit, org_unit=unit,
                 changes={"kind": kind, "name": name, "parent": parent.pk if parent else None})
    return unit


@transaction.atomic
def assign_role(*, actor, user, role_code: str, unit: OrgUnit) -> RoleAssignment:
    require(actor, "org.manage", unit)
    role = Role.objects.filter(code=role_code).first()
    if role is None:
        raise InvalidInput.field("role", _("Unknown role."))
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, org_unit=unit)
    if created:
        ensure_in_scope(actor, "org.manage", assignment)
        audit.record("org.role_assigned", actor=actor, obj=assignment, org_unit=unit,
                     changes={"user": user.pk, "role": role_code})
    forget_grants(user)
    return assignment


def _identity(obj, id_number: str | None) -> None:
    if id_number is None:
        return
    id_number = "".join(str(id_number).split())
    if id_number and not (len(id_number) == 18 and id_number[:17].isdigit()
                          and (id_number[17].isdigit() or id_number[17] in "Xx")):
        raise InvalidInput.field("id_number", _("An identity number has 18 characters."))
    obj.id_number = id_number
    obj.id_number_hash = blind_index(id_number) if id_number else ""


@transaction.atomic
def create_staff(*, actor, unit: OrgUnit, name: str, username: str | None = None, password: str | None = None,
                 email: str = "", posts: list[str] | None = None, roles: list[str] | None = None,
                 id_number: str | None = None, **fields: Any) -> Staff:
    require(actor, "org.manage", unit)
    user = None
    if username:
        if User.objects.filter(username=username).exists():
            raise InvalidInput.field("username", _("This username is taken."))
        user = User.objects.create_user(username=username, password=password, email=email,
                                        first_name=name[:150])
    staff = Staff(org_unit=unit, user=user, name=name, **fields)
    _identity(staff, id_number)
    staff.save()
    ensure_in_scope(actor, "org.manage", staff)
    if posts:
        staff.posts.set(Post.objects.filter(code__in=posts))
    for role_code in roles or []:
        assign_role(actor=actor, user=user, role_code=role_code, unit=unit)
    audit.record("org.staff_created", actor=actor, obj=staff,
                 changes={"name": name, "username": username or "", "posts": posts or []})
    return staff


@transaction.atomic
def create_student(*, actor, klass: OrgUnit, name: str, id_number: str | None = None,
                   health_notes: str = "", **fields: Any) -> Student:
    if klass.kind != UnitKind.CLASS:
        raise InvalidInput.field("org_unit", _("A student belongs to a class."))
    require(actor, "org.manage", klass)
    student = Student(org_unit=klass, name=name, health_notes=health_notes, **fields)
    _identity(student, id_number)
    student.save()
    # The identity number never enters the trail, only the fact that one was recorded.
    ensure_in_scope(actor, "org.manage", student)
    audit.record("org.student_created", actor=actor, obj=student,
                 changes={"name": name, "id_number_set": bool(id_number)})
    return student


@transaction.atomic
def add_guardian(student: Student, *, actor, name: str, phone: str = "", relation: str = "",
                 id_number: str | None = None, may_pick_up: bool = True) -> Guardian:
    require(actor, "org.manage", student.org_unit)
    guardian = Guardian(org_unit=student.org_unit, name=name, phone=phone)
    _identity(guardian, id_number)
    guardian.save()
    GuardianLink.objects.create(guardian=guardian, student=student, relation=relation, may_pick_up=may_pick_up)
    ensure_in_scope(actor, "org.manage", guardian)
    audit.record("org.guardian_added", actor=actor, obj=guardian,
                 changes={"student": student.pk, "relation": relation, "may_pick_up": may_pick_up})
    return guardian


def find_by_identity(queryset, id_number: str):
    """Exact search by identity number without decrypting rows."""
    return queryset.filter(id_number_hash=blind_index(id_number))


@transaction.atomic
def reveal_identity(obj, *, actor, field: str = "id_number") -> str:
    """The plain value, for a reader who holds the reveal capability; every reveal is audited."""
    if not has_capability(actor, "org.reveal_identity", obj.org_unit.path):
        raise Forbidden()
    value = getattr(obj, field)
    audit.record("org.identity_revealed", actor=actor, obj=obj, changes={"field": field})
    return value.reveal() if hasattr(value, "reveal") else str(value or "")


def pupil_erasable_from(student: Student):
    """The first day the pupil's data may be erased: the retention period after leaving (the last
    change to the record, which is when it was made inactive); None while the pupil is enrolled."""
    from safecampus.compliance.policies import policy_for

    from .pupil_data import RETENTION_POLICY

    if student.is_active:
        return None
    years = policy_for(student.org_unit, RETENTION_POLICY)["years_after_leaving"]
    left = student.updated_at.date()
    try:
        return left.replace(year=left.year + years)
    except ValueError:  # 29 February
        return left.replace(year=left.year + years, day=28)


def pupil_erased(student: Student) -> bool:
    return AuditEvent.objects.filter(object_type="org.student", object_id=str(student.pk),
                                     action="org.pupil_data_erased").exists()


@transaction.atomic
def export_pupil_data(student: Student, *, actor) -> bytes:
    """Everything every app holds about one pupil as a ZIP (records, files, the audit of reads), audited."""
    from .pupil_export import build_zip

    require(actor, "org.pupil_data", student.org_unit)
    data, counts = build_zip(student, actor=actor)
    audit.record("org.pupil_data_exported", actor=actor, obj=student, changes={"sections": counts})
    return data


@transaction.atomic
def erase_pupil_data(student: Student, *, actor, expected_version: int | None = None) -> Student:
    """Erase what every app may erase once the retention period is over; the rest is kept, naming why."""
    from django.utils import timezone

    from .pupil_data import sections

    require(actor, "org.pupil_data", student.org_unit)
    student = lock(Student, student.pk, expected_version)
    if pupil_erased(student):
        return student  # a repeated request erases nothing twice and records nothing twice
    erasable_from = pupil_erasable_from(student)
    if erasable_from is None:
        raise InvalidInput.field("retention", _("The pupil is still enrolled: the data is needed."))
    if timezone.localdate() < erasable_from:
        raise InvalidInput.field("retention", _("The retention period ends on %(date)s.") % {
            "date": erasable_from.isoformat()})
    erased, kept = {}, []
    for section in sections():
        if section.erase is None:
            kept.append(section.code)
        else:
            erased[section.code] = section.erase(student)
    audit.record("org.pupil_data_erased", actor=actor, obj=student, changes={"erased": erased, "kept": kept})
    student.refresh_from_db()
    ensure_in_scope(actor, "org.view_students", student)
    return student


@transaction.atomic
def create_school_year(*, actor, owner: OrgUnit, name: str, start, end,
                       semesters: list[dict[str, Any]], holidays: list[dict[str, Any]] = ()) -> SchoolYear:
    """A school year with its semesters and holidays, kept by a central school (or authority)."""
    if owner.kind not in (UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY):
        raise InvalidInput.field("org_unit", _("The calendar is kept by a central school or an authority."))
    require(actor, "org.manage_calendar", owner)
    if end <= start:
        raise InvalidInput.field("end", _("The end must come after the start."))
    if SchoolYear.objects.filter(org_unit=owner, name=name).exists():
        raise InvalidInput.field("name", _("This school year already exists."))
    year = SchoolYear.objects.create(org_unit=owner, name=name, start=start, end=end)
    made: dict[str, Semester] = {}
    for sem in semesters:
        if not (start <= sem["start"] < sem["end"] <= end):
            raise InvalidInput.field("semesters", _("Each semester lies inside the school year."))
        made[sem["kind"]] = Semester.objects.create(org_unit=owner, school_year=year, **sem)
    for hol in holidays:
        semester = made.get(hol.pop("semester", None))
        Holiday.objects.create(org_unit=owner, semester=semester, **hol)
    ensure_in_scope(actor, "org.manage_calendar", year)
    audit.record("org.calendar_set", actor=actor, obj=year, changes={
        "name": name, "start": start, "end": end,
        "semesters": [[s["kind"], s["start"], s["end"]] for s in semesters],
        "holidays": [[h["name"], h["start"], h["end"]] for h in holidays]})
    return year

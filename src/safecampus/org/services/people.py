"""Staff with their accounts and roles, pupils with their guardians, and pupils' moves."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.crypto import blind_index
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import forget_grants, require
from safecampus.core.scoping import ensure_in_scope

from ..choices import Gender, UnitKind
from ..models import Guardian, GuardianLink, OrgUnit, PendingPassword, Post, Role, RoleAssignment, Staff, Student
from ..models_onboarding import StudentMove
from .identity import set_identity

User = get_user_model()
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-@+")


def first_password() -> str:
    """Handed over once (shown to whoever created the account), changed at first sign-in."""
    return "Sc-" + secrets.token_urlsafe(9)


def _roles(actor, roles: list[Any] | None, default_unit: OrgUnit) -> list[tuple[Role, OrgUnit]]:
    """``["teacher", ...]`` at the staff member's unit, or ``[{"role", "org_unit"}, ...]``."""
    out: list[tuple[Role, OrgUnit]] = []
    known = {r.code: r for r in Role.objects.all()}
    for i, item in enumerate(roles or []):
        code, unit = (item.get("role"), item.get("org_unit") or default_unit) if isinstance(item, dict) \
            else (item, default_unit)
        if code not in known:
            raise InvalidInput.field(f"roles[{i}].role", _("Unknown role."))
        if not unit.is_within(default_unit) and not default_unit.is_within(unit):
            raise InvalidInput.field(f"roles[{i}].org_unit", _("A role is held at the person's unit or below it."))
        require(actor, "org.manage", unit)
        out.append((known[code], unit))
    return out


@transaction.atomic
def create_staff(*, actor, org_unit: OrgUnit | None, name: str,
                 username: str | None = None, password: str | None = None, email: str = "",
                 posts: list[str] | None = None, roles: list[Any] | None = None, id_number: str | None = None,
                 phone: str = "", gender: str = "") -> Staff:
    """A staff member at ``org_unit``, with an account when a ``username`` is given. Without
    ``password`` the account gets a first password, returned once as ``staff.first_password``,
    that must be changed at first sign-in."""
    if org_unit is None:
        raise InvalidInput.field("org_unit", _("This field is required."))
    name = inputs.text(name, "name", max_length=100)
    phone = inputs.text(phone, "phone", required=False, max_length=32)
    gender = inputs.choice(gender, "gender", Gender, required=False)
    username = inputs.text(username, "username", required=False, max_length=150)
    if username and not set(username) <= USERNAME_CHARS:
        raise InvalidInput.field("username", _("Letters, digits and . _ - @ + only."))
    require(actor, "org.manage", org_unit)
    held = _roles(actor, roles, org_unit)
    if held and not username:
        raise InvalidInput.field("username", _("Roles belong to an account: give a username."))
    user, handed_over = None, ""
    if username:
        if User.objects.filter(username__iexact=username).exists():
            raise InvalidInput.field("username", _("This username is taken."))
        handed_over = password or first_password()
        user = User.objects.create_user(username=username, password=handed_over, email=email,
                                        first_name=name[:150])
        if password is None:
            PendingPassword.objects.create(user=user)
    staff = Staff(org_unit=org_unit, user=user, name=name, phone=phone, gender=gender)
    set_identity(staff, id_number)
    staff.save()
    ensure_in_scope(actor, "org.manage", staff)
    if posts:
        staff.posts.set(Post.objects.filter(code__in=posts))
    for role, at in held:
        RoleAssignment.objects.get_or_create(user=user, role=role, org_unit=at)
    audit.record("org.staff_created", actor=actor, obj=staff,
                 changes={"name": name, "username": username or "", "posts": posts or [],
                          "roles": [[r.code, u.pk] for r, u in held],
                          "first_password": password is None and bool(user)})
    staff.first_password = handed_over if password is None else ""
    return staff


@transaction.atomic
def change_staff(staff: Staff, *, actor, expected_version: int | None = None, **data: Any) -> Staff:
    """Name, phone, posts, unit and roles (``roles`` replaces the roles the person holds)."""
    staff = lock(Staff, staff.pk, expected_version)
    require(actor, "org.manage", staff.org_unit)
    before = {"name": staff.name, "phone": staff.phone, "org_unit": staff.org_unit_id,
              "posts": sorted(staff.posts.values_list("code", flat=True))}
    if "name" in data:
        staff.name = inputs.text(data.pop("name"), "name", max_length=100)
    if "phone" in data:
        staff.phone = inputs.text(data.pop("phone"), "phone", required=False, max_length=32)
    if "gender" in data:
        staff.gender = inputs.choice(data.pop("gender"), "gender", Gender, required=False)
    new_unit = data.pop("org_unit", None)
    if new_unit is not None and new_unit.pk != staff.org_unit_id:
        require(actor, "org.manage", new_unit)
        staff.org_unit = new_unit
    set_identity(staff, data.pop("id_number", None))
    posts = data.pop("posts", None)
    roles = data.pop("roles", None)
    if data:
        raise InvalidInput.field(sorted(data)[0], _("Unknown field."))
    staff.version += 1
    staff.save()
    if posts is not None:
        staff.posts.set(Post.objects.filter(code__in=posts))
    after = {"name": staff.name, "phone": staff.phone, "org_unit": staff.org_unit_id,
             "posts": sorted(staff.posts.values_list("code", flat=True))}
    changes = audit.diff(before, after)
    if roles is not None and staff.user is not None:
        held = _roles(actor, roles, staff.org_unit)
        current = {(a.role_id, a.org_unit_id): a for a in RoleAssignment.objects.filter(user=staff.user)
                   .select_related("org_unit")}
        wanted = {(r.pk, u.pk): (r, u) for r, u in held}
        for key, assignment in current.items():
            if key not in wanted:
                require(actor, "org.manage", assignment.org_unit)
                assignment.delete()
        for key, (role, unit) in wanted.items():
            if key not in current:
                RoleAssignment.objects.create(user=staff.user, role=role, org_unit=unit)
        if set(current) != set(wanted):
            changes["roles"] = [sorted(current), sorted(wanted)]
        forget_grants(staff.user)
    ensure_in_scope(actor, "org.manage", staff)
    if changes:
        audit.record("org.staff_changed", actor=actor, obj=staff, changes=changes)
    return staff


@transaction.atomic
def set_own_password(user, *, actor, password: str) -> None:
    """The account holder sets a password of their own (this clears the first-password flag)."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput.field("new_password1", " ".join(exc.messages)) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    had_first = PendingPassword.objects.filter(user=user).delete()[0] > 0
    staff = Staff.objects.filter(user=user).select_related("org_unit").first()
    audit.record("org.password_changed", actor=actor, object_type="auth.user", object_id=user.pk,
                 org_unit=staff.org_unit if staff else None, changes={"first_password": had_first})


def _school_of(klass: OrgUnit) -> OrgUnit:
    return klass.school or klass


def _pupil_fields(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "name" in data:
        out["name"] = inputs.text(data.pop("name"), "name", max_length=100)
    if "gender" in data:
        out["gender"] = inputs.choice(data.pop("gender"), "gender", Gender, required=False)
    if "birth_date" in data:
        born = inputs.date(data.pop("birth_date"), "birth_date", required=False)
        if born and (born > timezone.localdate() or born.year < 1990):
            raise InvalidInput.field("birth_date", _("This date of birth is not possible."))
        out["birth_date"] = born
    if "student_no" in data:
        out["student_no"] = inputs.text(data.pop("student_no"), "student_no", required=False, max_length=32)
    if "enrolled_on" in data:
        out["enrolled_on"] = inputs.date(data.pop("enrolled_on"), "enrolled_on", required=False)
    return out


def _unique(student: Student, school: OrgUnit) -> None:
    others = Student.objects.filter(org_unit__path__startswith=school.path).exclude(pk=student.pk)
    if student.student_no and others.filter(student_no=student.student_no).exists():
        raise InvalidInput.field("student_no", _("Another pupil of this school has this number."))
    if student.id_number_hash:
        district = school.path.split("/")[:3]  # authority and central school: the district's pupils
        if Student.objects.filter(org_unit__path__startswith="/".join(district) + "/",
                                  id_number_hash=student.id_number_hash).exclude(pk=student.pk).exists():
            raise InvalidInput.field("id_number", _("A pupil with this identity number is already recorded."))


def guardian_rows(guardians: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Clean guardian entries: name, relation, phone, may_pick_up (and an optional id_number)."""
    out = []
    for i, g in enumerate(guardians or []):
        if not isinstance(g, dict):
            raise InvalidInput.field(f"guardians[{i}]", _("A guardian has a name, relation and phone."))
        unknown = set(g) - {"name", "relation", "phone", "may_pick_up", "id_number"}
        if unknown:
            raise InvalidInput.field(f"guardians[{i}].{sorted(unknown)[0]}", _("Unknown field."))
        out.append({"name": inputs.text(g.get("name"), f"guardians[{i}].name", max_length=100),
                    "relation": inputs.text(g.get("relation"), f"guardians[{i}].relation", required=False,
                                            max_length=32),
                    "phone": inputs.text(g.get("phone"), f"guardians[{i}].phone", required=False, max_length=32),
                    "may_pick_up": inputs.flag(g.get("may_pick_up", True), f"guardians[{i}].may_pick_up"),
                    "id_number": g.get("id_number")})
    return out


def _guardians_now(student: Student) -> list[list[Any]]:
    return [[link.guardian.name, link.relation, link.guardian.phone, link.may_pick_up]
            for link in student.guardianlink_set.select_related("guardian").order_by("pk")]


def _set_guardians(student: Student, rows: list[dict[str, Any]]) -> bool:
    """Make the pupil's guardians these rows (matched by name); True when anything changed."""
    links = {link.guardian.name: link for link in student.guardianlink_set.select_related("guardian")}
    changed = False
    for row in rows:
        link = links.pop(row["name"], None)
        if link is None:
            guardian = Guardian(org_unit=student.org_unit, name=row["name"], phone=row["phone"])
            set_identity(guardian, row.get("id_number"), "guardians.id_number")
            guardian.save()
            GuardianLink.objects.create(guardian=guardian, student=student, relation=row["relation"],
                                        may_pick_up=row["may_pick_up"])
            changed = True
            continue
        guardian = link.guardian
        if guardian.phone != row["phone"] or set_identity(guardian, row.get("id_number"), "guardians.id_number"):
            guardian.phone = row["phone"]
            guardian.version += 1
            guardian.save()
            changed = True
        if (link.relation, link.may_pick_up) != (row["relation"], row["may_pick_up"]):
            GuardianLink.objects.filter(pk=link.pk).update(relation=row["relation"], may_pick_up=row["may_pick_up"])
            changed = True
    if links:
        GuardianLink.objects.filter(pk__in=[link.pk for link in links.values()]).delete()
        changed = True
    return changed


@transaction.atomic
def create_student(*, actor, org_unit: OrgUnit | None, name: str,
                   id_number: str | None = None, health_notes: str = "",
                   guardians: list[dict[str, Any]] | None = None, **data: Any) -> Student:
    """A pupil in the class ``org_unit``, with their guardians."""
    klass = org_unit
    if klass is None or klass.kind != UnitKind.CLASS:
        raise InvalidInput.field("org_unit", _("A pupil belongs to a class."))
    if not klass.is_active:
        raise InvalidInput.field("org_unit", _("This unit is closed."))
    data = {"name": name, **data}
    fields = _pupil_fields(data)
    if data:
        raise InvalidInput.field(sorted(data)[0], _("Unknown field."))
    rows = guardian_rows(guardians)
    require(actor, "org.manage", klass)
    student = Student(org_unit=klass, health_notes=health_notes, **fields)
    set_identity(student, id_number)
    _unique(student, _school_of(klass))
    student.save()
    _set_guardians(student, rows)
    ensure_in_scope(actor, "org.manage", student)
    # The identity number never enters the trail, only the fact that one was recorded.
    audit.record("org.student_created", actor=actor, obj=student,
                 changes={"name": student.name, "student_no": student.student_no,
                          "id_number_set": bool(student.id_number_hash),
                          "guardians": [[g["name"], g["relation"], g["phone"], g["may_pick_up"]] for g in rows]})
    return student


@transaction.atomic
def change_student(student: Student, *, actor, expected_version: int | None = None, **data: Any) -> Student:
    """Change a pupil's details and guardians; a new class (``org_unit``) is a move, kept as history."""
    student = lock(Student, student.pk, expected_version)
    require(actor, "org.manage", student.org_unit)
    new_class = data.pop("org_unit", None)
    guardians = data.pop("guardians", None)
    id_number = data.pop("id_number", None)
    fields = _pupil_fields(data)
    if data:
        raise InvalidInput.field(sorted(data)[0], _("Unknown field."))
    before = {k: getattr(student, k) for k in fields}
    before_guardians = _guardians_now(student) if guardians is not None else None
    for key, value in fields.items():
        setattr(student, key, value)
    id_changed = set_identity(student, id_number)
    _unique(student, _school_of(student.org_unit))
    changes = audit.diff(before, fields)
    if id_changed:
        changes["id_number"] = "changed"
    if changes:
        student.version += 1
        student.save()
    if guardians is not None and _set_guardians(student, guardian_rows(guardians)):
        changes["guardians"] = [before_guardians, _guardians_now(student)]
    if changes:
        audit.record("org.student_changed", actor=actor, obj=student, changes=changes)
    if new_class is not None and new_class.pk != student.org_unit_id:
        student = move_student(student, actor=actor, org_unit=new_class)
    ensure_in_scope(actor, "org.manage", student)
    return student


@transaction.atomic
def move_student(student: Student, *, actor, expected_version: int | None = None, org_unit: OrgUnit,
                 moved_on: date | None = None, reason: str = "") -> Student:
    """Another class or school. Every record stays with the pupil; the move is kept."""
    student = lock(Student, student.pk, expected_version)
    if org_unit.kind != UnitKind.CLASS:
        raise InvalidInput.field("org_unit", _("A pupil belongs to a class."))
    if not org_unit.is_active:
        raise InvalidInput.field("org_unit", _("This unit is closed."))
    if org_unit.pk == student.org_unit_id:
        raise InvalidInput.field("org_unit", _("The pupil is already in this class."))
    require(actor, "org.manage", student.org_unit)
    require(actor, "org.manage", org_unit)
    reason = inputs.text(reason, "reason", required=False, max_length=200)
    old = student.org_unit
    moved_on = moved_on or timezone.localdate()
    StudentMove.objects.create(org_unit=org_unit, student=student, from_unit=old, moved_on=moved_on,
                               moved_by=actor if getattr(actor, "pk", None) else None, reason=reason)
    student.org_unit = org_unit
    _unique(student, _school_of(org_unit))
    student.version += 1
    student.save(update_fields=["org_unit", "version", "updated_at"])
    # Guardians of this pupil alone follow the pupil (a sibling's guardian stays where they are).
    alone = (Guardian.objects.filter(guardianlink__student=student, org_unit=old)
             .exclude(guardianlink__student__org_unit=old))
    Guardian.objects.filter(pk__in=list(alone.values_list("pk", flat=True))).update(
        org_unit=org_unit, version=F("version") + 1)
    ensure_in_scope(actor, "org.manage", student)
    audit.record("org.student_moved", actor=actor, obj=student, reason=reason,
                 changes={"org_unit": [old.pk, org_unit.pk], "from": str(old), "to": str(org_unit),
                          "moved_on": moved_on})
    return student


@transaction.atomic
def set_guardians(student: Student, *, actor, guardians: list[dict[str, Any]],
                  expected_version: int | None = None) -> Student:
    return change_student(student, actor=actor, expected_version=expected_version, guardians=guardians)


def find_student(queryset, *, student_no: str = "", id_number: str = "") -> Student | None:
    """The pupil a row means: by pupil number, else by identity number's keyed hash."""
    if student_no:
        found = queryset.filter(student_no=student_no).first()
        if found is not None:
            return found
    if id_number:
        return queryset.filter(id_number_hash=blind_index(id_number)).first()
    return None


@transaction.atomic
def create_students(*, actor, rows: list[dict[str, Any]]) -> list[Student]:
    """Many pupils at once (an import): the checks of :func:`create_student` (the caller's plan
    has checked each row, its numbers against the school and the file), written with one INSERT
    per table and batch, and one audit event per pupil."""
    classes = {row["org_unit"].pk: row["org_unit"] for row in rows}
    for klass in classes.values():
        if klass.kind != UnitKind.CLASS or not klass.is_active:
            raise InvalidInput.field("org_unit", _("A pupil belongs to a class."))
        require(actor, "org.manage", klass)
    pupils = []
    for row in rows:
        pupil = Student(org_unit=row["org_unit"], name=row["name"], gender=row.get("gender") or "",
                        birth_date=row.get("birth_date"), student_no=row.get("student_no") or "",
                        enrolled_on=row.get("enrolled_on"))
        set_identity(pupil, row.get("id_number"))
        pupils.append(pupil)
    Student.objects.bulk_create(pupils, batch_size=500)
    guardians, links = [], []
    for pupil, row in zip(pupils, rows, strict=True):
        for g in row.get("guardians") or []:
            guardian = Guardian(org_unit=pupil.org_unit, name=g["name"], phone=g["phone"])
            guardians.append(guardian)
            links.append((guardian, pupil, g))
    Guardian.objects.bulk_create(guardians, batch_size=500)
    GuardianLink.objects.bulk_create([GuardianLink(guardian=g, student=p, relation=row["relation"],
                                                   may_pick_up=row["may_pick_up"]) for g, p, row in links],
                                     batch_size=500)
    for klass in classes.values():
        first = next(p for p in pupils if p.org_unit_id == klass.pk)
        ensure_in_scope(actor, "org.manage", first)
    audit.record_many("org.student_created", [
        (pupil, {"name": pupil.name, "student_no": pupil.student_no, "id_number_set": bool(pupil.id_number_hash),
                 "guardians": [[g["name"], g["relation"], g["phone"], g["may_pick_up"]]
                               for g in row.get("guardians") or []]})
        for pupil, row in zip(pupils, rows, strict=True)], actor=actor)
    return pupils

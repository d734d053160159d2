"""Every change to the tree, its people and its roles: one transaction, one audit event."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.crypto import blind_index
from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.permissions import ROLE_GRANTS, forget_grants, has_capability, require
from safecampus.core.scoping import ensure_in_scope

from ..models import (
    Guardian,
    GuardianLink,
    OrgUnit,
    Role,
    RoleAssignment,
    Student,
)
from ..roles import ROLES
from .identity import set_identity

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
def assign_role(*, actor, user, role_code: str, org_unit: OrgUnit) -> RoleAssignment:
    require(actor, "org.manage", org_unit)
    role = Role.objects.filter(code=role_code).first()
    if role is None:
        raise InvalidInput.field("role", _("Unknown role."))
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, org_unit=org_unit)
    if created:
        ensure_in_scope(actor, "org.manage", assignment)
        audit.record("org.role_assigned", actor=actor, obj=assignment, org_unit=org_unit,
                     changes={"user": user.pk, "role": role_code})
    forget_grants(user)
    return assignment


@transaction.atomic
def add_guardian(student: Student, *, actor, name: str, phone: str = "", relation: str = "",
                 id_number: str | None = None, may_pick_up: bool = True) -> Guardian:
    require(actor, "org.manage", student.org_unit)
    guardian = Guardian(org_unit=student.org_unit, name=name, phone=phone)
    set_identity(guardian, id_number)
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


# The onboarding services live beside this module, one file per sub-domain; these names are
# what the demo, the seed, the API, the pages and the import call.
from .calendar import (  # noqa: E402
    add_holiday,
    change_holiday,
    change_school_year,
    create_school_year,
    remove_holiday,
)
from .imports import confirm_import, preview_import  # noqa: E402
from .people import (  # noqa: E402
    change_staff,
    change_student,
    create_staff,
    create_student,
    create_students,
    move_student,
    set_guardians,
    set_own_password,
)
from .pupil_data import erase_pupil_data, export_pupil_data, pupil_erasable_from, pupil_erased  # noqa: E402
from .units import change_unit, close_unit, create_unit, set_head_teacher  # noqa: E402

__all__ = [
    "add_guardian", "add_holiday", "confirm_import", "erase_pupil_data", "export_pupil_data", "preview_import",
    "pupil_erasable_from", "pupil_erased",
    "assign_role", "change_holiday", "change_school_year", "change_staff",
    "change_student", "change_unit", "close_unit", "create_school_year", "create_staff", "create_student",
    "create_students",
    "create_unit", "find_by_identity", "move_student", "remove_holiday", "reveal_identity", "set_guardians",
    "set_head_teacher", "set_identity", "set_own_password", "sync_roles",
]

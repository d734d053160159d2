"""Safety teams and their members (ORG-2), and the safety duties of posts (ORG-3)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.inputs import text
from safecampus.core.permissions import has_capability, require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import OrgUnit, Post, Staff

from ..choices import TeamKind, TeamRole
from ..models import (
    PostDuty,
    SafetyTeam,
    TeamMember,
)
from .common import display_name, duty_lines, home_unit


@transaction.atomic
def ensure_team(*, actor, org_unit: OrgUnit, kind: str, name: str = "", duties: str = "") -> SafetyTeam:
    if kind not in TeamKind.values:
        raise InvalidInput.field("kind", _("Unknown kind."))
    if org_unit.kind not in ("school", "central_school"):
        raise InvalidInput.field("org_unit", _("Teams belong to a school or the central school."))
    require(actor, "responsibility.manage_team", org_unit)
    team, created = SafetyTeam.objects.get_or_create(
        org_unit=org_unit, kind=kind, defaults={"name": text(name, "name", required=False, max_length=200),
                                            "duties": duties or ""})
    if created:
        ensure_in_scope(actor, "responsibility.manage_team", team)
        audit.record("responsibility.team_created", actor=actor, obj=team, changes={"kind": kind, "name": name})
    return team


@transaction.atomic
def add_member(team: SafetyTeam, *, actor, team_role: str, user=None, name: str = "", position: str = "",
               contact: str = "", expected_version: int | None = None) -> TeamMember:
    team = lock(SafetyTeam, team.pk, expected_version)
    require(actor, "responsibility.manage_team", team.org_unit)
    if team_role not in TeamRole.values:
        raise InvalidInput.field("team_role", _("Unknown role."))
    if user is not None:
        if TeamMember.objects.filter(team=team, user=user).exists():
            raise InvalidInput.field("user", _("Already a member of this team."))
        staff = Staff.objects.filter(user=user).first()
        name = name or display_name(user)
        contact = contact or (staff.phone if staff else "")
        position = position or (", ".join(p.display_name for p in staff.posts.all()) if staff else "")
    name = text(name, "name", max_length=100)
    member = TeamMember.objects.create(
        org_unit=team.org_unit, team=team, user=user, name=name, team_role=team_role,
        position=text(position, "position", required=False, max_length=100),
        contact=text(contact, "contact", required=False, max_length=64),
        sort={"leader": 10, "deputy": 20, "secretary": 30}.get(team_role, 100))
    bump(team)
    ensure_in_scope(actor, "responsibility.manage_team", team)
    audit.record("responsibility.member_added", actor=actor, obj=team,
                 changes={"member": name, "user": getattr(user, "pk", None), "team_role": team_role})
    return member


@transaction.atomic
def remove_member(member: TeamMember, *, actor, expected_version: int | None = None) -> None:
    """``expected_version``: the team's, as read (every change of its members raises it)."""
    team = lock(SafetyTeam, member.team_id, expected_version)
    require(actor, "responsibility.manage_team", team.org_unit)
    ensure_in_scope(actor, "responsibility.manage_team", team)
    audit.record("responsibility.member_removed", actor=actor, obj=team,
                 changes={"member": member.name, "team_role": member.team_role})
    member.delete()
    bump(team)


# ---------------------------------------------------------------- post duties (ORG-3)

@transaction.atomic
def set_post_duties(post: Post, *, actor, duties_en: Any, duties_zh: Any) -> list[PostDuty]:
    """Replace a post's duties; line n of the English list pairs with line n of the Chinese one."""
    if actor is not None and not has_capability(actor, "responsibility.edit_duties"):
        raise Forbidden()
    en, zh = duty_lines(duties_en), duty_lines(duties_zh)
    if not en:
        raise InvalidInput.field("duties_en", _("At least one duty."))
    if zh and len(zh) != len(en):
        raise InvalidInput.field("duties_zh", _("One Chinese line for each English line."))
    Post.objects.select_for_update().filter(pk=post.pk).first()
    before = list(post.safety_duties.values_list("text", flat=True))
    post.safety_duties.all().delete()
    rows = PostDuty.objects.bulk_create([
        PostDuty(post=post, text=t, text_zh=zh[i] if zh else "", sort=i * 10) for i, t in enumerate(en)])
    unit = home_unit(actor) if actor is not None else None
    audit.record("responsibility.duties_changed", actor=actor, org_unit=unit, object_type="org.post",
                 object_id=post.pk, changes={"duties": [before, en]})
    return rows


def duties_text(posts, zh: bool) -> str:
    lines = []
    for post in posts:
        for duty in post.safety_duties.all():
            lines.append(duty.text_zh if zh and duty.text_zh else duty.text)
    return "\n".join(lines)

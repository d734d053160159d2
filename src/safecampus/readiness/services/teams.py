"""Emergency teams and the contact tree (EMG-2): who is in which team, their phone, whom they call."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from ..choices import MemberRole, TeamKind
from ..models import EmergencyTeam, TeamMember
from .common import school_unit

MANAGE = "readiness.manage"


@transaction.atomic
def create_team(*, actor, org_unit, kind: str, name: str, duties: str = "") -> EmergencyTeam:
    unit = school_unit(org_unit)
    require(actor, MANAGE, unit)
    kind = inputs.choice(kind, "kind", TeamKind)
    name = inputs.text(name, "name", max_length=100)
    try:
        with transaction.atomic():
            team = EmergencyTeam.objects.create(org_unit=unit, kind=kind, name=name,
                                                duties=inputs.text(duties, "duties", required=False))
    except IntegrityError:
        raise InvalidInput.field("name", _("This school has a team of this name already.")) from None
    ensure_in_scope(actor, MANAGE, team)
    audit.record("readiness.team_created", actor=actor, obj=team, changes={"kind": [None, kind], "name": [None, name]})
    return team


@transaction.atomic
def add_member(team: EmergencyTeam, *, actor, name: str, phone: str, role: str = MemberRole.MEMBER, user=None,
               calls: TeamMember | None = None, expected_version: int | None = None) -> TeamMember:
    """``calls``: the member who calls this one in an emergency (the contact tree's parent)."""
    team = lock(EmergencyTeam, team.pk, expected_version)
    require(actor, MANAGE, team.org_unit)
    name = inputs.text(name, "name", max_length=100)
    phone = inputs.text(phone, "phone", max_length=32)
    role = inputs.choice(role, "role", MemberRole)
    if calls is not None and calls.org_unit_id != team.org_unit_id:
        raise InvalidInput.field("calls", _("Choose a member of this school's teams."))
    position = team.members.count()
    member = TeamMember.objects.create(org_unit_id=team.org_unit_id, team=team, name=name, phone=phone, role=role,
                                       user=user, calls=calls, position=position)
    ensure_in_scope(actor, MANAGE, member)
    audit.record("readiness.member_added", actor=actor, obj=member,
                 changes={"team": [None, team.name], "name": [None, name], "role": [None, role]})
    return member


@transaction.atomic
def remove_member(member: TeamMember, *, actor, expected_version: int | None = None) -> None:
    member = lock(TeamMember, member.pk, expected_version)
    require(actor, MANAGE, member.org_unit)
    audit.record("readiness.member_removed", actor=actor, obj=member,
                 changes={"name": [member.name, None], "team": [member.team.name, None]})
    member.delete()

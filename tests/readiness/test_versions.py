"""Emergency team members: the API's ``version`` is the team's as read; a stale one is a 409."""

from __future__ import annotations

import pytest

from safecampus.core.errors import StaleVersion
from safecampus.readiness import services
from safecampus.readiness.models import EmergencyTeam, TeamMember

pytestmark = pytest.mark.django_db


def test_members_are_added_and_removed_against_the_version_read(world):
    team = EmergencyTeam.objects.filter(org_unit=world.school_a).first()
    api = world.api("officer_a")
    read = api.get(f"/api/v1/emergency-teams/{team.pk}").json()["version"]
    url = f"/api/v1/emergency-teams/{team.pk}/members"
    stale = api.post(url, {"name": "李四", "phone": "13900000001", "version": read + 3}, format="json")
    assert stale.status_code == 409 and not TeamMember.objects.filter(team=team, name="李四").exists()
    made = api.post(url, {"name": "李四", "phone": "13900000001", "version": read}, format="json")
    assert made.status_code == 201, made.content
    member = TeamMember.objects.get(team=team, name="李四")
    with pytest.raises(StaleVersion):
        services.remove_member(member, actor=world.user("officer_a"), expected_version=member.version + 1)
    services.remove_member(member, actor=world.user("officer_a"), expected_version=member.version)
    assert not TeamMember.objects.filter(pk=member.pk).exists()

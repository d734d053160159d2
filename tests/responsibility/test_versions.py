"""Meeting actions, rule acknowledgements and team members take the version the caller read."""

from __future__ import annotations

import pytest

from safecampus.core.errors import StaleVersion
from safecampus.responsibility import services
from safecampus.responsibility.models import MeetingAction, RuleAcknowledgement, SafetyTeam, SchoolRule, TeamMember

pytestmark = pytest.mark.django_db


def test_a_rule_changed_since_it_was_read_is_not_acknowledged(world):
    api = world.api("teacher_a")
    door = next(r for r in api.get("/api/v1/rules?page_size=200").json()["results"] if r["code"] == "door_guard")
    rule = SchoolRule.objects.get(pk=door["id"])
    services.revise_rule(rule, actor=world.user("principal_a"), title="Door guard rule",
                         title_zh="门卫管理制度（修订）", body="1. Revised.", body_zh="第1条 修订。", note="修订")
    stale = api.post(f"/api/v1/rules/{door['id']}/acknowledge", {"version": door["version"]}, format="json")
    assert stale.status_code == 409
    assert not RuleAcknowledgement.objects.filter(user=world.user("teacher_a"), rule_version__rule=rule).exists()
    fresh = next(r for r in api.get("/api/v1/rules?page_size=200").json()["results"] if r["id"] == door["id"])
    ack = api.post(f"/api/v1/rules/{door['id']}/acknowledge", {"version": fresh["version"]}, format="json")
    assert ack.status_code == 200 and ack.json()["version_number"] == 2
    assert api.post(f"/api/v1/rules/{door['id']}/acknowledge", {"colour": 1}, format="json").status_code == 400


def test_meeting_actions_and_team_members_refuse_a_stale_version(world):
    action = MeetingAction.objects.filter(org_unit=world.school_a, status="open").first()
    with pytest.raises(StaleVersion):
        services.complete_action(action, actor=None, expected_version=action.version + 1)
    done = services.complete_action(action, actor=None, expected_version=action.version)
    assert done.status == "done"
    team = SafetyTeam.objects.get(org_unit=world.school_a, kind="leading_group")
    officer = world.user("officer_a")
    with pytest.raises(StaleVersion):
        services.add_member(team, actor=officer, name="家长代表", team_role="member", expected_version=team.version + 1)
    member = services.add_member(team, actor=officer, name="家长代表", team_role="member",
                                 expected_version=team.version)
    with pytest.raises(StaleVersion):
        services.remove_member(member, actor=officer, expected_version=team.version)  # adding raised it
    services.remove_member(member, actor=officer, expected_version=team.version + 1)
    assert not TeamMember.objects.filter(pk=member.pk).exists()

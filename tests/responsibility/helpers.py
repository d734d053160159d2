"""Lookups of the demo's responsibility records, for the tests of this app."""

from __future__ import annotations

from safecampus.core.testing.personas import World
from safecampus.responsibility.models import (
    LetterTemplate,
    Meeting,
    MeetingAction,
    ResponsibilityLetter,
    SafetyTeam,
    SchoolRule,
    TeamMember,
)


def letter_of(world: World, username: str) -> ResponsibilityLetter:
    return ResponsibilityLetter.objects.filter(recipient=world.user(username)).order_by("-year", "id").first()


def letter_kw(username: str):
    return lambda w: {"kwargs": {"pk": letter_of(w, username).pk}}


def team_kw(unit_key: str):
    return lambda w: {"kwargs": {"pk": SafetyTeam.objects.filter(org_unit=w.unit(unit_key)).first().pk}}


def temp_member(w: World):
    team = SafetyTeam.objects.filter(org_unit=w.school_a).first()
    member = TeamMember.objects.create(org_unit=team.org_unit, team=team, name="临时成员", team_role="member")
    return {"kwargs": {"pk": member.pk}}


def meeting_kw(w: World):
    return {"kwargs": {"pk": Meeting.objects.filter(org_unit=w.school_a).first().pk}}


def open_action_of(username: str):
    def setup(w: World):
        action = MeetingAction.objects.filter(owner=w.user(username), status="open").first()
        return {"kwargs": {"pk": action.pk}}
    return setup


def rule_kw(code: str = "door_guard", unit_key: str = "school_a"):
    return lambda w: {"kwargs": {"pk": SchoolRule.objects.get(org_unit=w.unit(unit_key), code=code).pk}}


def unacknowledged_rule_kw(w: World):
    # teacher_a has acknowledged none of School A's rules in the demo.
    return {"kwargs": {"pk": SchoolRule.objects.filter(org_unit=w.school_a, code="dormitory").first().pk}}


def template_kw(w: World):
    return {"kwargs": {"pk": LetterTemplate.objects.filter(org_unit=w.central).first().pk}}


def post_kw(w: World):
    from safecampus.org.models import Post

    return {"kwargs": {"pk": Post.objects.get(code="principal").pk}}

"""Meetings (actions become tasks), rules (adopt, revise, acknowledge), teams, duties, evidence."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safecampus.compliance import registry
from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.responsibility import services
from safecampus.responsibility.models import Meeting, MeetingAction, PostDuty, SchoolRule, TeamMember

pytestmark = pytest.mark.django_db


def _meeting(world, **over):
    data = {"org_unit": world.school_a.pk, "kind": "special", "held_at": "2026-10-10T09:00:00+08:00",
            "title": "防溺水专题会议", "minutes": "部署防溺水教育", "attendees": [world.user("teacher_a").pk],
            "actions": [{"title": "家访告知防溺水", "owner": world.user("teacher_a").pk, "due": "2026-10-20"}]}
    data.update(over)
    return data


def test_meeting_actions_become_tasks_of_their_owner(world):
    response = world.api("officer_a").post("/api/v1/meetings", _meeting(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["actions"][0]["owner"] == world.user("teacher_a").pk
    tasks = list(registry.TASK_SOURCES["responsibility"].collect(world.user("teacher_a")))
    assert "家访告知防溺水" in [t.title for t in tasks]
    assert any(t.kind == "responsibility.sign" for t in tasks)  # and the demo letter to sign
    action = MeetingAction.objects.get(pk=body["actions"][0]["id"])
    services.complete_action(action, actor=world.user("teacher_a"))
    tasks = list(registry.TASK_SOURCES["responsibility"].collect(world.user("teacher_a")))
    assert "家访告知防溺水" not in [t.title for t in tasks]
    with pytest.raises(Conflict):
        services.complete_action(action, actor=world.user("teacher_a"))


@pytest.mark.parametrize(("over", "field"), [
    ({"kind": "party"}, "kind"),
    ({"held_at": "yesterday"}, "held_at"),
    ({"title": ""}, "title"),
    ({"actions": [{"title": "x", "owner": 1, "due": "2026-10-01"}]}, "actions.0.due"),
    ({"actions": [{"title": "x", "due": "2026-10-20"}]}, "actions.0.owner"),
    ({"actions": [{"title": "", "owner": None, "due": "2026-10-20"}]}, "actions.0.title"),
])
def test_meeting_bad_input_is_400_and_writes_nothing(world, over, field):
    if over.get("actions") and over["actions"][0].get("owner") == 1:
        over["actions"][0]["owner"] = world.user("teacher_a").pk
    before = (Meeting.objects.count(), MeetingAction.objects.count())
    response = world.api("officer_a").post("/api/v1/meetings", _meeting(world, **over), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"], response.json()
    assert (Meeting.objects.count(), MeetingAction.objects.count()) == before


def test_action_owner_must_work_at_the_unit(world):
    data = _meeting(world, actions=[{"title": "x", "owner": world.user("central").pk, "due": "2026-10-20"}])
    response = world.api("central").post("/api/v1/meetings", data, format="json")
    assert response.status_code == 400 and "actions.0.owner" in response.json()["fields"]


def test_rules_adopt_revise_and_acknowledge(world):
    api = world.api("teacher_a")
    rules = api.get("/api/v1/rules?page_size=200").json()["results"]
    door = next(r for r in rules if r["code"] == "door_guard")
    assert door["acknowledged"] is False and door["version_number"] == 1
    ack = api.post(f"/api/v1/rules/{door['id']}/acknowledge", format="json")
    assert ack.status_code == 200 and ack.json()["version_number"] == 1
    again = api.post(f"/api/v1/rules/{door['id']}/acknowledge", format="json")
    assert again.json()["acknowledged_at"] == ack.json()["acknowledged_at"]
    assert next(r for r in api.get("/api/v1/rules?page_size=200").json()["results"]
                if r["id"] == door["id"])["acknowledged"] is True
    rule = SchoolRule.objects.get(pk=door["id"])
    services.revise_rule(rule, actor=world.user("principal_a"), title="Door guard rule",
                         title_zh="门卫管理制度（修订）", body="1. Revised.", body_zh="第1条 修订。", note="修订")
    refreshed = next(r for r in api.get("/api/v1/rules?page_size=200").json()["results"] if r["id"] == door["id"])
    assert refreshed["version_number"] == 2 and refreshed["acknowledged"] is False
    with pytest.raises(Forbidden):
        services.revise_rule(rule, actor=world.user("officer_a"), title="x", title_zh="", body="y",
                             body_zh="", note="n")
    with pytest.raises(Conflict):
        services.adopt_rule(actor=world.user("principal_a"), org_unit=world.school_a, code="door_guard")
    with pytest.raises(InvalidInput):
        services.adopt_rule(actor=world.user("principal_a"), org_unit=world.school_a, code="no_such_rule")


def test_model_rules_are_complete_in_both_languages():
    from safecampus.responsibility.texts import MODEL_RULES

    assert len(MODEL_RULES) >= 13
    for rule in MODEL_RULES:
        n = rule["body"].count("\n") + 1
        assert 3 <= n <= 6 and rule["body_zh"].count("\n") + 1 == n and rule["title_zh"]


def test_rule_coverage_page(world):
    response = world.web("central").get(reverse("responsibility:rule-coverage"))
    assert response.status_code == 200
    assert b"15 / 15" in response.content  # School A adopted every model rule


def test_posts_api_lists_duties_in_the_reader_language(world):
    from django.utils import translation

    data = world.api("teacher_a").get("/api/v1/posts").json()
    rows = data["results"] if isinstance(data, dict) else data
    head = next(r for r in rows if r["code"] == "head_teacher")
    assert head["name"] and head["duties"] and set(head) >= {"id", "name", "duties"}
    with translation.override("zh-hans"):
        zh = world.api("teacher_a").get("/api/v1/posts", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    rows = zh["results"] if isinstance(zh, dict) else zh
    assert any("班主任" in r["name"] for r in rows)


def test_central_edits_post_duties_others_cannot(world):
    from safecampus.org.models import Post

    post = Post.objects.get(code="door_guard")
    url = reverse("responsibility:post-edit", args=[post.pk])
    assert world.web("principal_a").post(url, {"duties_en": "x"}).status_code == 403
    bad = world.web("central").post(url, {"duties_en": "a\nb", "duties_zh": "甲"})
    assert bad.status_code == 400
    ok = world.web("central").post(url, {"duties_en": "Guard the gate\nRegister visitors",
                                         "duties_zh": "守好校门\n来访登记"})
    assert ok.status_code == 302
    assert list(PostDuty.objects.filter(post=post).values_list("text_zh", flat=True)) == ["守好校门", "来访登记"]


def test_teams_members_and_my_duties(world):
    team = world.web("teacher_a").get(reverse("responsibility:team-list"))
    assert "孙校长" in team.content.decode()
    page = world.web("teacher_a").get(reverse("responsibility:my-duties"))
    assert page.status_code == 200 and "class" in page.content.decode()
    from safecampus.responsibility.models import SafetyTeam

    group = SafetyTeam.objects.get(org_unit=world.school_a, kind="leading_group")
    with pytest.raises(InvalidInput):
        services.add_member(group, actor=world.user("officer_a"), user=world.user("teacher_a"),
                            team_role="member")
    with pytest.raises(InvalidInput):
        services.add_member(group, actor=world.user("officer_a"), name="", team_role="member")
    member = services.add_member(group, actor=world.user("officer_a"), name="家长代表", team_role="member",
                                 contact="13900000000")
    assert TeamMember.objects.filter(pk=member.pk).exists()


def test_evidence_kinds_are_registered_with_real_fields(world):
    from django.apps import apps

    for code in ("responsibility.letter_signed", "responsibility.meeting", "responsibility.rule_ack"):
        kind = registry.EVIDENCE[code]
        model = apps.get_model(kind.model)
        qs = model.objects.filter(**kind.base_filter).exclude(**{f"{kind.date_field}__isnull": True})
        for lookup in kind.params.values():
            qs.values(lookup).first()
        assert qs.exists(), code


def test_home_panel_shows_letters_to_sign(world):
    response = world.web("teacher_a").get("/")
    assert response.status_code == 200
    assert "responsibility-panel" in response.content.decode()


def test_dashboard_metrics_are_scoped(world):
    metrics = registry.METRICS
    central = metrics["responsibility.letters_by_status"].compute(world.user("central"), None)
    officer_b = metrics["responsibility.letters_by_status"].compute(world.user("officer_b"), None)
    assert sum(central.values()) > sum(officer_b.values()) > 0
    assert metrics["responsibility.letters_by_status"].compute(world.user("teacher_a"), None) == {}
    assert sum(metrics["responsibility.meeting_actions_by_status"].compute(world.user("officer_a"), None).values())


def test_teams_api_lists_members_in_scope(world):
    rows = world.api("officer_a").get("/api/v1/safety-teams?page_size=50").json()["results"]
    assert {r["org_unit"] for r in rows} == {world.school_a.pk}
    group = next(r for r in rows if r["kind"] == "leading_group")
    assert group["members"][0]["team_role"] == "leader" and group["members"][0]["name"] == "孙校长"

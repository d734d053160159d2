"""Demo data: teams, post duties, letters signed and unsigned, a meeting with actions, adopted rules.

Idempotent: every step looks for what an earlier run made before making it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from safecampus.core.demo import DemoContext
from safecampus.org.models import Post

from . import services, texts
from .choices import BatchKind, LetterStatus, MeetingKind, TeamKind, TeamRole
from .models import Meeting, PostDuty, ResponsibilityLetter, SafetyTeam, SchoolRule


def _duties() -> None:
    for code, pairs in texts.POST_DUTIES.items():
        post = Post.objects.filter(code=code).first()
        if post is None or PostDuty.objects.filter(post=post).exists():
            continue
        services.set_post_duties(post, actor=None, duties_en=[e for e, _z in pairs],
                                 duties_zh=[z for _e, z in pairs])


def _teams(ctx: DemoContext) -> None:
    u = ctx.users
    plan = {
        "school_a": [("principal_a", TeamRole.LEADER), ("officer_a", TeamRole.SECRETARY),
                     ("teacher_a", TeamRole.MEMBER), ("guard_a", TeamRole.MEMBER), ("canteen_a", TeamRole.MEMBER)],
        "school_b": [("principal_b", TeamRole.LEADER), ("officer_b", TeamRole.SECRETARY),
                     ("teacher_b", TeamRole.MEMBER)],
        "kinder_c": [("principal_c", TeamRole.LEADER), ("officer_c", TeamRole.SECRETARY)],
    }
    for key, members in plan.items():
        unit = ctx.units[key]
        if SafetyTeam.objects.filter(org_unit=unit).exists():
            continue
        group = services.ensure_team(actor=None, org_unit=unit, kind=TeamKind.LEADING_GROUP,
                                     name=f"{unit.name_zh}安全工作领导小组",
                                     duties="统筹本校安全工作，研究部署安全责任制落实、隐患排查和应急处置。")
        for username, role in members:
            services.add_member(group, actor=None, user=u[username], team_role=role)
        team = services.ensure_team(actor=None, org_unit=unit, kind=TeamKind.WORKING_TEAM,
                                    name=f"{unit.name_zh}安全工作队伍",
                                    duties="负责门卫、值班巡查、食堂、校车等日常安全工作。")
        for username, role in members[1:]:
            services.add_member(team, actor=None, user=u[username],
                                team_role=TeamRole.LEADER if role == TeamRole.SECRETARY else role)
    central = ctx.units["central"]
    if not SafetyTeam.objects.filter(org_unit=central).exists():
        group = services.ensure_team(actor=None, org_unit=central, kind=TeamKind.LEADING_GROUP,
                                     name="中心学校安全工作领导小组")
        services.add_member(group, actor=None, user=u["central"], team_role=TeamRole.LEADER)
        for key in ("principal_a", "principal_b", "principal_c"):
            services.add_member(group, actor=None, user=u[key], team_role=TeamRole.MEMBER)


def _letters(ctx: DemoContext, year: int) -> None:
    services.ensure_templates(actor=None, org_unit=ctx.units["central"])
    services.issue_batch(actor=None, org_unit=ctx.units["central"], kind=BatchKind.PRINCIPALS, year=year)
    for key in ("school_a", "school_b"):
        services.issue_batch(actor=None, org_unit=ctx.units[key], kind=BatchKind.STAFF, year=year)
    # Signed: principals of A and B, the safety officers and the canteen manager; teacher_a, guard_a
    # and the kindergarten's principal still have theirs to sign.
    for username in ("principal_a", "principal_b", "officer_a", "officer_b", "canteen_a", "teacher_b"):
        for letter in ResponsibilityLetter.objects.filter(recipient=ctx.users[username], year=year,
                                                          status=LetterStatus.ISSUED):
            services.sign_letter(letter, actor=ctx.users[username])


def _meetings(ctx: DemoContext, year: int) -> None:
    u, now = ctx.users, ctx.now
    central = ctx.units["central"]
    if not Meeting.objects.filter(org_unit=central, kind=MeetingKind.START_OF_YEAR).exists():
        held = timezone.make_aware(datetime.combine(now.date() - timedelta(days=20), time(9, 0)))
        services.record_meeting(
            actor=None, org_unit=central, kind=MeetingKind.START_OF_YEAR, held_at=held,
            title=f"{year}-{year + 1}学年秋季开学安全工作会议", location="中心学校会议室",
            agenda="1. 传达县教育局安全工作会议精神\n2. 部署本学期安全工作\n3. 签订安全责任书",
            higher_documents="县教育局《关于做好秋季开学安全工作的通知》",
            minutes="会议传达了上级会议精神，部署了开学安全检查、隐患排查和安全教育工作，"
                    "中心学校与各校校长签订了安全目标责任书。",
            attendees=[u["central"], u["principal_a"], u["principal_b"], u["principal_c"]],
            actions=[{"title": "完成开学安全大检查并上报", "owner": u["principal_a"],
                      "due": now.date() + timedelta(days=7)},
                     {"title": "组织本学期第一次应急疏散演练", "owner": u["principal_b"],
                      "due": now.date() + timedelta(days=20)}])
    school_a = ctx.units["school_a"]
    if not Meeting.objects.filter(org_unit=school_a).exists():
        held = timezone.make_aware(datetime.combine(now.date() - timedelta(days=3), time(16, 30)))
        meeting = services.record_meeting(
            actor=None, org_unit=school_a, kind=MeetingKind.SPECIAL, held_at=held, title="消防安全专题会议",
            location="A小学会议室", agenda="1. 消防器材检查情况\n2. 疏散通道整改",
            minutes="会议通报了消防器材检查情况，要求一周内完成灭火器更换，保持疏散通道畅通。",
            attendees=[u["principal_a"], u["officer_a"], u["teacher_a"], u["guard_a"]],
            actions=[{"title": "更换过期灭火器", "owner": u["officer_a"], "due": now.date() + timedelta(days=5)},
                     {"title": "给本班上一节消防安全课", "owner": u["teacher_a"],
                      "due": now.date() + timedelta(days=10)},
                     {"title": "清理东侧楼梯杂物", "owner": u["guard_a"], "due": now.date() - timedelta(days=1)}])
        services.complete_action(meeting.actions.get(owner=u["guard_a"]), actor=None)


def _rules(ctx: DemoContext) -> None:
    for key, codes in (("school_a", texts.MODEL_RULE_CODES), ("school_b", texts.MODEL_RULE_CODES[:8]),
                       ("kinder_c", ["door_guard", "pick_up", "vaccination", "food_safety"])):
        unit = ctx.units[key]
        have = set(SchoolRule.objects.filter(org_unit=unit).values_list("code", flat=True))
        for code in codes:
            if code not in have:
                services.adopt_rule(actor=None, org_unit=unit, code=code)
    rules_a = SchoolRule.objects.filter(org_unit=ctx.units["school_a"])
    for username, codes in (("officer_a", texts.MODEL_RULE_CODES), ("guard_a", ["door_guard", "duty_patrol"]),
                            ("principal_a", texts.MODEL_RULE_CODES[:5]), ("canteen_a", ["food_safety"])):
        for rule in rules_a.filter(code__in=codes):
            services.acknowledge_rule(rule, actor=ctx.users[username])
    for rule in SchoolRule.objects.filter(org_unit=ctx.units["school_b"], code__in=["door_guard", "dormitory"]):
        services.acknowledge_rule(rule, actor=ctx.users["officer_b"])


def load(ctx: DemoContext) -> None:
    year = services.school_year_of(timezone.localdate(ctx.now))
    _duties()
    _teams(ctx)
    _letters(ctx, year)
    _meetings(ctx, year)
    _rules(ctx)

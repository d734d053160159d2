"""Demo readiness through the services: School A's six approved plans (one due for its yearly review),
teams and a contact tree, a drill this semester over target whose two problems became hazards,
School B's drill within target, Kindergarten C's drill still owed, and a school year of safety funds.

Idempotent: what exists already is left as it is.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from safecampus.core.demo import DemoContext

from . import services
from .choices import PlanKind
from .models import Drill, EmergencyPlan, EmergencyTeam, FundLine, PlanReview

PLANS = {
    PlanKind.PUBLIC_SECURITY: ("校园安全防范应急预案", [
        "一、组织机构：校长任组长，安全专干任副组长。",
        "二、预警与报告：门卫发现可疑人员立即报告值班领导，必要时拨打110。",
        "三、处置：护校队员持防暴器械到场，组织学生撤入教室锁门。",
        "四、善后：清点人数，通知家长，报告中心校。"]),
    PlanKind.FIRE: ("火灾事故应急预案", [
        "一、发现火情立即呼喊并按下报警按钮，拨打119。",
        "二、疏散组按疏散路线组织学生低姿撤离至操场集合点。",
        "三、灭火组使用就近灭火器扑救初起火灾。",
        "四、班主任清点人数，报告值班领导。"]),
    PlanKind.FOOD_POISONING: ("食物中毒应急预案", [
        "一、停止供餐，封存留样和剩余食品。",
        "二、将出现症状的学生送医，通知家长。",
        "三、2小时内报告中心校、教育局和市场监管部门。",
        "四、配合调查，做好善后。"]),
    PlanKind.CROWDING: ("拥挤踩踏事故应急预案", [
        "一、上下楼梯分时分段，楼梯口安排教师值守。",
        "二、发生拥挤时值守教师立即喊停、疏导。",
        "三、有人受伤立即送医并报告。"]),
    PlanKind.PUBLIC_HEALTH: ("突发公共卫生事件应急预案", [
        "一、晨午检发现发热等症状学生及时隔离、通知家长。",
        "二、出现聚集性病例立即报告卫生部门。",
        "三、按要求消毒、停课。"]),
    PlanKind.NATURAL_DISASTER: ("自然灾害应急预案", [
        "一、接到暴雨、台风、地震预警后启动预案。",
        "二、地震时就近躲避，震后按路线疏散至操场。",
        "三、检查校舍安全，排查隐患后复课。"]),
}

TEAMS = [
    ("leading_group", "应急领导小组", [("principal_a", "王校长", "leader", "13800000001"),
                                    ("officer_a", "李专干", "deputy", "13800000002")]),
    ("evacuation", "疏散引导组", [(None, "赵老师", "leader", "13800000011"),
                                  (None, "钱老师", "member", "13800000012")]),
    ("first_aid", "医疗救护组", [(None, "孙校医", "leader", "13800000021")]),
    ("communication", "通讯联络组", [("teacher_a", "周老师", "leader", "13800000031")]),
]


def _plans(ctx: DemoContext, school, principal, officer) -> None:
    if EmergencyPlan.objects.filter(org_unit=school).exists():
        return
    for kind, (title, body) in PLANS.items():
        plan = services.create_plan(actor=officer, org_unit=school, kind=kind, title=title, body="\n".join(body))
        services.approve_plan(plan, actor=principal)
    # The public-security plan was approved last year and not reviewed since: it is due.
    old = EmergencyPlan.objects.get(org_unit=school, kind=PlanKind.PUBLIC_SECURITY)
    when = timezone.now() - timedelta(days=400)
    EmergencyPlan.objects.filter(pk=old.pk).update(approved_at=when)
    PlanReview.objects.filter(plan=old).update(reviewed_at=when)


def _teams(ctx: DemoContext, school, officer) -> None:
    if EmergencyTeam.objects.filter(org_unit=school).exists():
        return
    first = None
    for kind, name, members in TEAMS:
        team = services.create_team(actor=officer, org_unit=school, kind=kind, name=name)
        for username, person, role, phone in members:
            user = ctx.users.get(username) if username else None
            display = getattr(getattr(user, "staff", None), "name", "") or person
            member = services.add_member(team, actor=officer, name=display, phone=phone, role=role, user=user,
                                         calls=first if first is not None and role == "leader" else None)
            if first is None:
                first = member


def _drills(ctx: DemoContext, officer) -> None:
    u = ctx.units
    now = ctx.now or timezone.now()
    if not Drill.objects.filter(org_unit=u["school_a"]).exists():
        fire = EmergencyPlan.objects.filter(org_unit=u["school_a"], kind=PlanKind.FIRE).first()
        services.record_drill(actor=officer, org_unit=u["school_a"], kind="fire", plan=fire,
                              held_at=now - timedelta(days=10), participants=25, floors=4, buildings="教学楼",
                              evacuation_seconds=150,
                              summary="全校师生参加，三楼西侧楼梯口拥堵，集合点清点较慢。",
                              problems=["三楼西侧疏散楼梯口堆放杂物，影响通行", "二楼应急照明灯不亮"])
        services.plan_drill(actor=officer, org_unit=u["school_a"], kind="earthquake",
                            planned_for=(now + timedelta(days=20)).date())
    officer_b = ctx.users.get("officer_b")
    if officer_b is not None and not Drill.objects.filter(org_unit=u["school_b"]).exists():
        services.record_drill(actor=officer_b, org_unit=u["school_b"], kind="evacuation", participants=18,
                              held_at=now - timedelta(days=5), floors=3, evacuation_seconds=95, buildings="教学楼")


def _funds(ctx: DemoContext, officer) -> None:
    school = ctx.units["school_a"]
    today = timezone.localdate()
    year = today.year if today.month >= 9 else today.year - 1
    if FundLine.objects.filter(org_unit=school, year=year).exists():
        return
    for line, budget, spent in (("消防器材更新", 12000, 8650), ("安全教育培训", 5000, 1800), ("监控设备维护", 8000, 0)):
        services.create_fund_line(actor=officer, org_unit=school, year=year, line=line, budget=budget, spent=spent)


def load(ctx: DemoContext) -> None:
    u, p = ctx.units, ctx.users
    if not {"school_a", "school_b"} <= set(u) or not {"officer_a", "principal_a"} <= set(p):
        return
    _plans(ctx, u["school_a"], p["principal_a"], p["officer_a"])
    _teams(ctx, u["school_a"], p["officer_a"])
    _drills(ctx, p["officer_a"])
    _funds(ctx, p["officer_a"])

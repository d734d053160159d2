"""Demo incidents (idempotent): one late, one amended, one closed after its investigation, monthly
information reports with zero reports and one missing, and a circular of criticism."""

from __future__ import annotations

from datetime import timedelta

from safecampus.core.demo import DemoContext
from safecampus.core.errors import InvalidInput

from . import services
from .choices import Status
from .models import AccountabilityRecord, Amendment, FollowUp, InfoReport, Investigation, Notice
from .services.info import local_today, previous_month


def load(ctx: DemoContext) -> None:
    now = ctx.now
    units, users = ctx.units, ctx.users
    services.ensure_default_rules(actor=None, org_unit=units["central"])

    # Reported five hours after the fall: two hours is the rule, so the system marks it late.
    late, _ = services.file_incident(
        actor=users["officer_a"], org_unit=units["school_a"], kind="casualty_accident", severity="general",
        occurred_at=now - timedelta(hours=5), location="操场东侧单杠区",
        summary="课间一名二年级学生从单杠上摔下，左臂疼痛。", first_actions="校医现场处置，通知家长，送镇卫生院拍片。",
        injured=1, injured_names="王子涵", request_id="demo-late")

    amended, _ = services.file_incident(
        actor=users["officer_b"], org_unit=units["school_b"], kind="food_poisoning", severity="general",
        occurred_at=now - timedelta(minutes=50), location="学生食堂",
        summary="午餐后三名住校生出现腹痛、呕吐。", first_actions="停止供应当餐剩余饭菜，封存留样，送医观察。",
        injured=3, injured_names="李欣怡、张浩宇、刘雨桐", request_id="demo-amended")
    if not Amendment.objects.filter(incident=amended).exists():
        services.amend(amended, actor=users["officer_b"], reason="卫生院复诊后又确认两名学生症状相同。",
                       changes={"injured": 5, "injured_names": "李欣怡、张浩宇、刘雨桐、陈梓轩、杨佳怡",
                                "summary": "午餐后五名住校生出现腹痛、呕吐，均已送医观察。"})
    if not FollowUp.objects.filter(incident=amended).exists():
        services.add_followup(amended, actor=users["officer_b"],
                              summary="五名学生留院观察，症状减轻；食堂留样已送疾控中心检测。")

    closed, _ = services.file_incident(
        actor=users["officer_c"], org_unit=units["kinder_c"], kind="fire", severity="serious",
        occurred_at=now - timedelta(minutes=40), location="厨房排烟道",
        summary="厨房排烟道起火，教职工用灭火器扑灭，幼儿按预案疏散，无人受伤。",
        first_actions="切断燃气，疏散全园幼儿，拨打119。", request_id="demo-closed")
    if not FollowUp.objects.filter(incident=closed).exists():
        services.add_followup(closed, actor=users["officer_c"],
                              summary="起火原因为排烟道油垢积聚，疏散用时1分50秒。")
    if not Investigation.objects.filter(incident=closed).exists():
        services.record_investigation(
            closed, actor=users["central"], findings="排烟道三个月未清洗，违反厨房消防管理制度。",
            responsible="后勤主任（直接责任）、园长（领导责任）",
            measures="每月清洗排烟道并登记；全园消防安全再培训。", hazards_opened="厨房排烟道油垢（已整改）")
    closed.refresh_from_db()
    if closed.state.status != Status.CLOSED:
        services.close(closed, actor=users["central"], note="调查完毕，整改到位。")

    _monthly_reports(units, users, now)

    title = "关于A小学事故迟报的通报批评"
    notice = Notice.objects.filter(title=title).first()
    if notice is None:
        notice = services.publish_notice(
            actor=users["central"], org_unit=units["central"], kind="criticism", title=title,
            body="A小学发生学生受伤事故后未在2小时内报告中心校，构成迟报。现予通报批评，各校引以为戒。",
            targets=[units["school_a"], units["school_b"], units["kinder_c"]], incident=late)
    if not AccountabilityRecord.objects.filter(notice=notice).exists():
        services.record_accountability(
            actor=users["central"], org_unit=units["school_a"], kind="punishment", person="李专干",
            measure="通报批评", reason="事故迟报三小时。", decided_on=now.date(), incident=late, notice=notice,
            staff=getattr(users["officer_a"], "staff", None))


def _monthly_reports(units, users, now) -> None:
    """Last month's and the month before's info reports (zero reports too)."""
    month = previous_month(local_today(units["school_a"], now))
    if not InfoReport.objects.filter(org_unit=units["school_a"], month=month).exists():
        try:
            services.submit_info_report(actor=users["officer_a"], org_unit=units["school_a"], month=month, zero=True)
        except InvalidInput:  # the demo ran on the 1st and the late fall landed in last month
            services.submit_info_report(actor=users["officer_a"], org_unit=units["school_a"], month=month,
                                        summary="本月发生一起学生受伤事故，已按规定报告。")
    if not InfoReport.objects.filter(org_unit=units["school_b"], month=month).exists():
        services.submit_info_report(actor=users["officer_b"], org_unit=units["school_b"], month=month,
                                    hazards_found=2, summary="本月排查隐患两处（宿舍通道堆放杂物、围墙裂缝），已整改。")
    earlier = previous_month(month)
    for key, officer in (("school_a", "officer_a"), ("school_b", "officer_b"), ("kinder_c", "officer_c")):
        if not InfoReport.objects.filter(org_unit=units[key], month=earlier).exists():
            services.submit_info_report(actor=users[officer], org_unit=units[key], month=earlier, zero=True)
    # Kindergarten C's report for last month is left missing: the central school sees it flagged.

"""Demo: lessons across School A's classes (Class 2-1 still owes its before-holiday lesson), a holiday
notice with two thirds of the families acknowledged, two training sessions, one campaign.

Made through the services (real audit trail); idempotent: each part is skipped when it exists.
"""

from __future__ import annotations

from datetime import timedelta

from safecampus.core.demo import DemoContext

from . import services
from .choices import CampaignKind, LessonKind, NoticeKind, StoryKind
from .models import Campaign, Lesson, NoticeReceipt, ParentNotice, Topic, TrainingSession
from .services.common import local_today
from .services.coverage import holiday_window, next_holiday
from .topics import ensure_library

NOTICE_TITLE = "寒假安全告家长书"
NOTICE_BODY = ("各位家长：寒假即将来临，请您督促孩子做到：不到河塘、水库游泳（防溺水）；遵守交通规则，"
               "不乘坐无牌无证车辆；安全燃放烟花爆竹，注意用火用电安全；合理使用网络，谨防诈骗。"
               "请您认真阅读后点击“我已阅读”。")


def load(ctx: DemoContext) -> None:
    if not Topic.objects.filter(owner=None).exists():
        ensure_library()
    u = ctx.units
    if not {"school_a", "school_a:Class 1-1", "school_a:Class 1-2", "school_a:Class 2-1"} <= set(u):
        return
    school = u["school_a"]
    today = local_today(school)
    _lessons(ctx, school, today)
    _notice(ctx, school)
    _training(ctx, today)
    _campaign(ctx, today)


def _lessons(ctx: DemoContext, school, today) -> None:
    u, p = ctx.units, ctx.users
    if Lesson.objects.filter(org_unit__path__startswith=school.path).exists():
        return
    holiday = next_holiday(school, today)
    start = holiday_window(school, holiday)[0] if holiday else today - timedelta(days=30)

    def day(back: int):
        return max(start, today - timedelta(days=back))

    teacher = p["teacher_a"]
    officer = p["officer_a"]
    for key, topic, back in (("school_a:Class 1-1", "traffic", 20), ("school_a:Class 1-2", "fire", 15),
                             ("school_a:Class 2-1", "online", 10), ("school_a:Class 1-1", "bullying", 6)):
        services.record_lesson(actor=officer if key != "school_a:Class 1-1" else teacher, org_unit=u[key],
                               topic=topic, kind=LessonKind.REGULAR, held_on=day(back))
    # Before the coming holiday: two classes done, Class 2-1 not yet.
    services.record_lesson(actor=teacher, org_unit=u["school_a:Class 1-1"], topic="drowning",
                           kind=LessonKind.BEFORE_HOLIDAY, held_on=day(2))
    services.record_lesson(actor=officer, org_unit=u["school_a:Class 1-2"], topic="drowning",
                           kind=LessonKind.BEFORE_HOLIDAY, held_on=day(1))
    services.record_lesson(actor=officer, org_unit=u["school_a:Class 2-1"], topic="fire",
                           kind=LessonKind.SEMESTER_START, held_on=day(60))


def _notice(ctx: DemoContext, school) -> None:
    if ParentNotice.objects.filter(org_unit=school, title=NOTICE_TITLE).exists():
        return
    notice = services.send_notice(actor=ctx.users["officer_a"], org_unit=school, title=NOTICE_TITLE,
                                  body=NOTICE_BODY, kind=NoticeKind.HOLIDAY)
    receipts = list(NoticeReceipt.objects.filter(notice=notice).order_by("org_unit__path", "id"))
    # Two thirds of the families have pressed "I have read it"; a few more only opened the link.
    for i, receipt in enumerate(receipts):
        if i % 3 != 2:
            services.acknowledge(receipt)
        elif i % 2:
            services.mark_opened(receipt)


def _training(ctx: DemoContext, today) -> None:
    u, p = ctx.units, ctx.users
    if TrainingSession.objects.filter(org_unit__in=[u["central"], u["school_a"]]).exists():
        return
    programme = services.create_programme(actor=p["central"], org_unit=u["central"], year=today.year,
                                          title="教职工安全培训计划", description="每人每学年不少于8学时。")
    services.record_training(actor=p["central"], org_unit=u["central"], programme=programme,
                             title="校园消防安全与应急疏散培训", held_on=today - timedelta(days=40), hours=4,
                             trainer="县消防救援大队", attendees=[p[n] for n in ("principal_a", "officer_a",
                                                                           "teacher_a", "officer_b")])
    services.record_training(actor=p["officer_a"], org_unit=u["school_a"], programme=programme,
                             title="防溺水与学生安全管理培训", held_on=today - timedelta(days=12), hours=4,
                             trainer="李专干", attendees=[p[n] for n in ("officer_a", "teacher_a", "guard_a")])


def _campaign(ctx: DemoContext, today) -> None:
    u, p = ctx.units, ctx.users
    if Campaign.objects.filter(org_unit=u["central"]).exists():
        return
    campaign = services.create_campaign(actor=p["central"], org_unit=u["central"], kind=CampaignKind.SAFETY_MONTH,
                                        title="安全教育月", starts_on=today - timedelta(days=20),
                                        ends_on=today + timedelta(days=10),
                                        description="全学区开展“珍爱生命、安全第一”主题教育活动。")
    services.publish_story(campaign, actor=p["officer_a"], org_unit=u["school_a"], kind=StoryKind.NEWS,
                           title="A小学开展消防疏散演练", body="全校师生三分钟内有序撤离到操场。")
    services.publish_story(campaign, actor=p["central"], org_unit=u["central"], kind=StoryKind.MODEL_CASE,
                           title="防溺水“六不”宣传进家庭", body="B小学组织家长签订防溺水承诺书，做到家校共育。")

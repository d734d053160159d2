"""Demo hazards in every state at several schools, made through the services (real audit trail).

Idempotent: a hazard whose title already exists at its school is left as it is.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from safecampus.core.demo import DemoContext

from . import services
from .models import Hazard, HazardPolicy
from .policies import ensure_builtin


def _png(colour: str, name: str) -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (320, 240), colour)
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 40, 280, 200), outline="white", width=6)
    draw.line((60, 180, 260, 60), fill="white", width=6)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def _backdate(hazard: Hazard, days: int) -> None:
    """Demo history only: spread report dates over past months so the trend chart has a shape.

    Done before a hazard is closed: the database refuses any change to a closed hazard."""
    when = timezone.now() - timedelta(days=days)
    Hazard.objects.filter(pk=hazard.pk).update(reported_at=when)


def _policies(ctx: DemoContext) -> None:
    """The central school adopts the defaults under its own rule; the kindergarten is held to shorter periods."""
    u, p = ctx.units, ctx.users
    if not {"central", "kinder_c"} <= set(u) or "central" not in p:
        return
    if not HazardPolicy.objects.filter(org_unit=u["central"]).exists():
        services.create_policy(actor=p["central"], org_unit=u["central"], general_days=7, general_remind_days=1,
                               major_days=30, major_remind_days=3,
                               source="《演示中心学校安全隐患排查治理制度》第十二条：一般隐患7日内整改，"
                                      "重大隐患挂牌督办、30日内整改。")
    if not HazardPolicy.objects.filter(org_unit=u["kinder_c"]).exists():
        services.create_policy(actor=p["central"], org_unit=u["kinder_c"], general_days=3, general_remind_days=1,
                               major_days=15, major_remind_days=3,
                               source="中心校对幼儿园从严：幼儿自我保护能力弱，一般隐患3日、重大隐患15日内整改。")


def load(ctx: DemoContext) -> None:
    # The built-in policy is seeded by the migration; a test run's flush removes it, the demo puts it back.
    ensure_builtin()
    _policies(ctx)
    u, p = ctx.units, ctx.users
    if not {"school_a", "school_b", "kinder_c"} <= set(u) or "officer_a" not in p:
        return

    def report(key: str, who: str, title: str, **kw) -> Hazard | None:
        if Hazard.objects.filter(org_unit=u[key], title=title).exists():
            return None
        return services.report_hazard(actor=p[who], org_unit=u[key], title=title, **kw)

    _school_a(report, p)
    _school_b(report, p)
    _kinder_c(report, p)


def _school_a(report, p) -> None:
    """One of each state, a surroundings hazard, one overdue."""
    report("school_a", "teacher_a", "教学楼二楼走廊灭火器压力不足", category="fire", level="general",
           location="教学楼二楼东侧走廊", description="压力表指针在红区。",
           photos=[_png("#b02a37", "extinguisher.png")])

    h = report("school_a", "guard_a", "校门口护栏松动", category="building", level="general", location="南校门")
    if h:
        services.assign(h, actor=p["officer_a"], assignee=p["guard_a"])

    h = report("school_a", "officer_a", "食堂排烟管道油污堆积", category="canteen", level="general",
               location="食堂后厨")
    if h:
        _backdate(h, 40)
        services.assign(h, actor=p["officer_a"], assignee=p["canteen_a"])
        services.rectify(h, actor=p["canteen_a"], note="已请专业公司清洗排烟管道。",
                         photos=[_png("#198754", "duct-clean.png")])

    h = report("school_a", "teacher_a", "一(1)班教室插座面板破损", category="electrical", level="general",
               location="一(1)班教室")
    if h:
        _backdate(h, 12)
        services.assign(h, actor=p["officer_a"], assignee=p["guard_a"])
        services.rectify(h, actor=p["guard_a"], note="已更换插座面板并测试通电正常。",
                         photos=[_png("#198754", "socket-fixed.png")])
        services.verify(h, actor=p["officer_a"], note="现场复查合格。")

    h = report("school_a", "officer_a", "操场篮球架底座锈蚀", category="equipment", level="general",
               location="操场北侧")
    if h:
        _backdate(h, 20)
        services.assign(h, actor=p["officer_a"], assignee=p["guard_a"])
        # Demo history: the deadline already passed, so the ledger shows an overdue hazard.
        past = timezone.localdate() - timedelta(days=3)
        Hazard.objects.filter(pk=h.pk).update(
            deadline=past, due_at=timezone.now() - timedelta(days=3))

    h = report("school_a", "guard_a", "校门口流动摊贩占道，放学时段交通拥堵", category="surroundings", level="general",
               location="南校门外", outside_department="县交警大队、镇市场监管所")
    if h:
        services.assign(h, actor=p["officer_a"], assignee=p["officer_a"])
        services.add_contact(h, actor=p["officer_a"], department="县交警大队", contact_person="王警官",
                             method="phone", summary="交警大队同意放学时段派警力疏导，并在校门口设置减速带。")


def _school_b(report, p) -> None:
    """A major hazard escalated to the authority, with its five commitments."""
    h = report("school_b", "officer_b", "宿舍楼外墙瓷砖空鼓脱落", category="dormitory", level="major",
               location="学生宿舍楼北面外墙", description="有瓷砖坠落，下方为学生通道。",
               photos=[_png("#b76e00", "wall.png")])
    if h:
        services.assign(h, actor=p["officer_b"], assignee=p["principal_b"])
        services.record_commitments(h, actor=p["officer_b"],
                                    measures="设置隔离区，拆除空鼓瓷砖并重新铺贴。",
                                    person="冯校长", funds="2.5万元（公用经费）",
                                    deadline=timezone.localdate() + timedelta(days=25),
                                    contingency="隔离期间学生改走南侧通道，安排专人值守。")
        if "central" in p:
            services.supervise(h, actor=p["central"],
                               note="中心校挂牌督办：请每周五前报送整改进度，隔离区须24小时有人值守。",
                               deadline=timezone.localdate() + timedelta(days=20))
    h = report("school_b", "teacher_b", "实验室化学药品未双人双锁", category="security", level="general",
               location="科学实验室")
    if h:
        _backdate(h, 100)


def _kinder_c(report, p) -> None:
    """Closed with evidence, and one awaiting assignment."""
    h = report("kinder_c", "officer_c", "滑梯边缘有毛刺", category="equipment", level="general",
               location="户外活动场")
    if h:
        _backdate(h, 9)
        services.assign(h, actor=p["officer_c"], assignee=p["principal_c"])
        services.rectify(h, actor=p["principal_c"], note="已打磨并加装防护条。",
                         photos=[_png("#198754", "slide-fixed.png")])
        services.verify(h, actor=p["officer_c"], note="复查合格。")
    report("kinder_c", "officer_c", "午睡室窗户未装限位器", category="building", level="general", location="午睡室")

"""Demo assessment (idempotent): the central school's scheme for the current school year, scores of the
three schools from their records (School A's late incident report is the one-vote veto), inspectors'
marks with notes, a self-assessment and commendations."""

from __future__ import annotations

from django.apps import apps as django_apps

from safecampus.core.demo import DemoContext

from . import selectors, services
from .choices import CommendationKind, MarkKind
from .defaults import seed as seed_default_scheme
from .models import Commendation, Mark, Scheme

MARKS = [
    ("school_a", "marked.site_inspection", "86", "现场检查：消防通道畅通，监控覆盖主要出入口；"
     "器材室灭火器一具压力不足。"),
    ("school_b", "marked.site_inspection", "92", "现场检查：宿舍查寝记录完整，食堂留样规范。"),
    ("kinder_c", "marked.site_inspection", "88", "现场检查：厨房排烟道已清洗并登记，疏散标识清楚。"),
    ("school_b", "marked.safety_culture", "90", "安全文化墙、主题班会记录齐全。"),
    ("kinder_c", "readiness.drills_within_target", "95", "复核演练录像：计时起点记录有误，实际疏散用时达标。"),
]


def load(ctx: DemoContext) -> None:
    units, users = ctx.units, ctx.users
    # The migration seeds the default scheme; a database emptied since (a flush) gets it back here.
    seed_default_scheme(django_apps)
    central = units["central"]
    period = selectors.pick_period(central, today=ctx.now.date())
    year = period.school_year
    if not Scheme.objects.filter(org_unit=central, school_year=year).exists():
        services.start_scheme(actor=users["central"], org_unit=central, school_year=year)
    for key, code, score, note in MARKS:
        if not Mark.objects.filter(kind=MarkKind.INSPECTOR, org_unit=units[key], school_year=year,
                                   semester__isnull=True, indicator=code).exists():
            services.set_mark(actor=users["central"], org_unit=units[key], school_year=year, indicator=code,
                              score=score, note=note)
    if not Mark.objects.filter(kind=MarkKind.SELF, org_unit=units["school_a"], school_year=year).exists():
        services.set_mark(actor=users["officer_a"], org_unit=units["school_a"], school_year=year,
                          indicator="marked.site_inspection", score="95", kind=MarkKind.SELF,
                          note="自查：灭火器已补充更换，每周巡查记录完整。")
    if not Commendation.objects.filter(school_year=year, request_id="demo-model-school").exists():
        services.commend(actor=users["central"], org_unit=units["school_b"], school_year=year,
                         kind=CommendationKind.SCHOOL,
                         reason="全年无迟报瞒报，隐患按期整改，演练达标，评为平安校园示范校。",
                         request_id="demo-model-school")
    if not Commendation.objects.filter(school_year=year, request_id="demo-model-person").exists():
        reward = next(iter(selectors.rewards(units["kinder_c"], year)), None)
        services.commend(actor=users["central"], org_unit=units["kinder_c"], school_year=year,
                         kind=CommendationKind.PERSON, person="赵园长",
                         reason="厨房排烟道起火时组织全园幼儿1分50秒安全疏散，无人受伤。",
                         reward_record=reward["id"] if reward else None, request_id="demo-model-person")

"""Education at scale (`safecampus seed`): a guardian for every pupil, a school year so far of lessons
in every class, the school's notices to every guardian with their receipts (most acknowledged), two
training sessions per school, and the coverage rows the engine counts.

Plain INSERTs (core.scale.insert_rows), no services: a benchmark fixture, not a way to enter data.
"""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta

from django.db.models import Max

from safecampus.core.scale import SHANGHAI, ScaleContext, insert_rows
from safecampus.org.models import Guardian, GuardianLink, Holiday, OrgUnit, Staff, Student
from safecampus.org.scale import person_name

from .choices import Duty, LessonKind, NoticeKind
from .models import Attendance, Coverage, Lesson, NoticeReceipt, ParentNotice, Topic, TrainingSession

NOTICES = [("国庆节假期安全告家长书", NoticeKind.HOLIDAY), ("防溺水安全告家长书", NoticeKind.GENERAL),
           ("寒假安全告家长书", NoticeKind.HOLIDAY), ("秋季开学安全告家长书", NoticeKind.GENERAL)]
BODY = "请家长督促孩子注意安全。"


def _made(model, first: int) -> list[int]:
    """The ids of the rows just inserted from ``first`` on, in insertion order (one writer)."""
    return list(model.objects.filter(pk__gte=first).order_by("pk").values_list("pk", flat=True))


def _next_id(model) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _classes(ctx: ScaleContext) -> dict[int, list[int]]:
    """School id -> its class ids (the school is the third segment of a class's path)."""
    out: dict[int, list[int]] = {}
    for pk, path in OrgUnit.objects.filter(path__startswith=ctx.authority.path, kind="class").values_list("pk",
                                                                                                        "path"):
        out.setdefault(int(path.strip("/").split("/")[2]), []).append(pk)
    return out


def _guardians(ctx: ScaleContext) -> dict[int, list[tuple[int, int, int]]]:
    """A guardian for every pupil; returns school id -> [(guardian, pupil, class)]."""
    rng = ctx.rng
    classes = _classes(ctx)
    school_of = {c: s for s, cs in classes.items() for c in cs}
    pupils = list(Student.objects.filter(org_unit_id__in=list(school_of)).order_by("pk")
                  .values_list("pk", "org_unit_id"))
    first = _next_id(Guardian)
    ctx.counts["guardians"] = insert_rows(Guardian, ({"org_unit_id": unit, "name": person_name(rng),
                                                      "phone": f"139{rng.randint(0, 99999999):08d}"}
                                                     for _pk, unit in pupils))
    # One transaction, one writer: the new rows are the ones from ``first`` on, in insertion order
    # (read back: a PostgreSQL sequence may start past the largest id).
    made = _made(Guardian, first)
    insert_rows(GuardianLink, ({"guardian_id": made[i], "student_id": pk, "relation": "母亲", "may_pick_up": True}
                               for i, (pk, _unit) in enumerate(pupils)))
    out: dict[int, list[tuple[int, int, int]]] = {}
    for i, (pk, unit) in enumerate(pupils):
        out.setdefault(school_of[unit], []).append((made[i], pk, unit))
    return out


def _lessons(ctx: ScaleContext, classes: dict[int, list[int]]) -> None:
    rng = ctx.rng
    topics = list(Topic.objects.filter(owner__isnull=True).values_list("pk", flat=True))
    days = max((ctx.today - ctx.year_start).days, 1)

    def rows():
        for s in ctx.schools:
            teacher = ctx.staff_users.get(s["id"], [None])[-1]
            for klass in classes.get(s["id"], []):
                seen = set()
                for _ in range(rng.randint(6, 12)):
                    day = ctx.year_start + timedelta(days=rng.randint(0, days - 1))
                    kind = rng.choice([LessonKind.REGULAR, LessonKind.REGULAR, LessonKind.BEFORE_HOLIDAY,
                                       LessonKind.SEMESTER_START])
                    key = (rng.choice(topics), kind, day)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield {"org_unit_id": klass, "topic_id": key[0], "kind": kind, "held_on": day,
                           "teacher_id": teacher, "recorded_by_id": teacher}

    ctx.counts["lessons"] = insert_rows(Lesson, rows())


def _notices(ctx: ScaleContext, families: dict[int, list[tuple[int, int, int]]]) -> None:
    rng = ctx.rng
    days = max((ctx.today - ctx.year_start).days, 1)
    first = _next_id(ParentNotice)
    plan = []
    for s in ctx.schools:
        for title, kind in NOTICES:
            day = ctx.year_start + timedelta(days=rng.randint(0, days - 1))
            plan.append((s, title, kind, day))
    insert_rows(ParentNotice, ({"org_unit_id": s["id"], "title": title, "body": BODY, "kind": kind,
                                "sent_at": datetime.combine(day, time(9), SHANGHAI), "sent_on": day,
                                "sent_by_id": ctx.officer.get(s["id"]), "expires_on": day + timedelta(days=365),
                                "recipients": len(families.get(s["id"], []))}
                               for s, title, kind, day in plan))
    made = _made(ParentNotice, first)

    def receipts():
        for i, (s, _title, _kind, day) in enumerate(plan):
            sent = datetime.combine(day, time(9), SHANGHAI)
            for guardian, pupil, unit in families.get(s["id"], []):
                acked = rng.random() < 0.7
                at = sent + timedelta(hours=rng.randint(1, 72)) if acked else None
                yield {"notice_id": made[i], "org_unit_id": unit, "guardian_id": guardian, "student_id": pupil,
                       "token": secrets.token_urlsafe(32), "opened_at": at, "acknowledged_at": at}

    ctx.counts["notice receipts"] = insert_rows(NoticeReceipt, receipts())


def _training(ctx: ScaleContext) -> None:
    rng = ctx.rng
    days = max((ctx.today - ctx.year_start).days, 1)
    first = _next_id(TrainingSession)
    plan = []
    for s in ctx.schools:
        for title in ("消防安全培训", "防溺水与学生安全管理培训"):
            plan.append((s, title, ctx.year_start + timedelta(days=rng.randint(0, days - 1))))
    insert_rows(TrainingSession, ({"org_unit_id": s["id"], "title": title, "held_on": day, "hours": 4,
                                   "trainer": "县安全办", "recorded_by_id": ctx.officer.get(s["id"])}
                                  for s, title, day in plan))
    made = _made(TrainingSession, first)
    insert_rows(Attendance, ({"session_id": made[i], "user_id": u, "held_on": day, "hours": 4}
                             for i, (s, _t, day) in enumerate(plan) for u in ctx.staff_users.get(s["id"], [])
                             if rng.random() < 0.9))


def _coverage(ctx: ScaleContext, classes: dict[int, list[int]]) -> None:
    """The coverage rows of the holidays so far (done at the district's rate) and of the school year."""
    holidays = list(Holiday.objects.filter(org_unit=ctx.authority, start__gte=ctx.year_start,
                                           start__lte=ctx.today + timedelta(days=30)).order_by("start"))
    staff = dict(Staff.objects.filter(org_unit__path__startswith=ctx.authority.path)
                 .values("org_unit_id").annotate(n=Max("pk")).values_list("org_unit_id", "n"))

    def rows():
        for s in ctx.schools:
            total = len(classes.get(s["id"], []))
            previous_end = ctx.year_start - timedelta(days=1)
            for h in holidays:
                start, eve = previous_end + timedelta(days=1), h.start - timedelta(days=1)
                previous_end = h.end
                for duty in (Duty.HOLIDAY_LESSON, Duty.HOLIDAY_NOTICE):
                    done = eve < ctx.today and ctx.done()
                    complete = eve - timedelta(days=ctx.rng.randint(1, 10)) if done else None
                    yield {"org_unit_id": s["id"], "duty": duty, "period_start": start, "period_end": eve,
                           "total": total, "covered": total if done else max(total - 1, 0), "complete_on": complete,
                           "counts_on": eve if done else None}
            yield {"org_unit_id": s["id"], "duty": Duty.TRAINING_HOURS, "period_start": ctx.year_start,
                   "period_end": ctx.year_start.replace(year=ctx.year_start.year + 1) - timedelta(days=1),
                   "total": ctx.staff if s["id"] in staff else 0, "covered": 0}

    ctx.counts["education coverage"] = insert_rows(Coverage, rows())


def seed_at_scale(ctx: ScaleContext) -> None:
    classes = _classes(ctx)
    families = _guardians(ctx)
    _lessons(ctx, classes)
    _notices(ctx, families)
    _training(ctx)
    _coverage(ctx, classes)

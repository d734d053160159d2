"""Read-side queries of the education pages and API; each starts from the reader's scope."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from safecampus.core.crypto import mask
from safecampus.core.scoping import path_q
from safecampus.org.calendar import school_year_at
from safecampus.org.choices import UnitKind
from safecampus.org.models import OrgUnit, Staff

from . import policies
from .models import Attendance, Lesson, NoticeReceipt, ParentNotice, Topic
from .services.lessons import semester_bounds


def topic_coverage(klass: OrgUnit, day: date) -> dict:
    """A class's topics this semester: each offered topic with the day it was last taught (or None)."""
    start, end = semester_bounds(klass, day)
    taught = dict(Lesson.objects.filter(org_unit=klass, held_on__gte=start, held_on__lte=end)
                  .values_list("topic_id").annotate(n=Count("pk")).order_by())
    last = {}
    for topic_id, held_on in (Lesson.objects.filter(org_unit=klass, held_on__gte=start, held_on__lte=end)
                              .order_by("held_on").values_list("topic_id", "held_on")):
        last[topic_id] = held_on
    topics = list(Topic.offered_at(klass))
    rows = [{"topic": t, "lessons": taught.get(t.pk, 0), "last": last.get(t.pk)} for t in topics]
    return {"start": start, "end": end, "rows": rows, "covered": sum(1 for r in rows if r["lessons"]),
            "total": len(rows)}


@dataclass
class ClassRate:
    unit: OrgUnit
    recipients: int
    opened: int
    acknowledged: int

    @property
    def rate(self) -> int:
        return round(100 * self.acknowledged / self.recipients) if self.recipients else 0

    @property
    def read_rate(self) -> int:
        return round(100 * self.opened / self.recipients) if self.recipients else 0


def notice_rates(notice: ParentNotice) -> list[ClassRate]:
    """Recipients, opened and acknowledged per class: one grouped query and one for the classes."""
    counts = (NoticeReceipt.objects.filter(notice=notice).order_by().values("org_unit_id")
              .annotate(n=Count("pk"), opened=Count("pk", filter=Q(opened_at__isnull=False)),
                        acked=Count("pk", filter=Q(acknowledged_at__isnull=False))))
    by_unit = {c["org_unit_id"]: c for c in counts}
    units = OrgUnit.objects.filter(pk__in=list(by_unit)).order_by("path")
    return [ClassRate(u, by_unit[u.pk]["n"], by_unit[u.pk]["opened"], by_unit[u.pk]["acked"]) for u in units]


def notice_totals(notice: ParentNotice) -> dict:
    row = NoticeReceipt.objects.filter(notice=notice).aggregate(
        n=Count("pk"), acked=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        opened=Count("pk", filter=Q(opened_at__isnull=False)))
    return {"recipients": row["n"] or 0, "acknowledged": row["acked"] or 0, "opened": row["opened"] or 0}


def to_reach(notice: ParentNotice, klass_id: int | None = None):
    """Receipts not yet acknowledged, with guardian and pupil, class by class."""
    qs = (NoticeReceipt.objects.filter(notice=notice, acknowledged_at__isnull=True)
          .select_related("guardian", "student", "org_unit").order_by("org_unit__path", "student__name", "id"))
    if klass_id:
        qs = qs.filter(org_unit_id=klass_id)
    return qs


def masked_phone(phone: str) -> str:
    return mask(phone or "", 3, 4)


def staff_hours(unit: OrgUnit, year_start: date, year_end: date):
    """Each active member of staff at or below ``unit`` with their training hours in the period."""
    staff = list(Staff.objects.filter(org_unit__path__startswith=unit.path, is_active=True)
                 .select_related("org_unit").prefetch_related("posts").order_by("org_unit__path", "name"))
    users = [s.user_id for s in staff if s.user_id]
    hours = dict(Attendance.objects.filter(user_id__in=users, held_on__gte=year_start, held_on__lte=year_end)
                 .values_list("user_id").annotate(h=Sum("hours")).order_by())
    return [(s, hours.get(s.user_id, Decimal(0)) if s.user_id else Decimal(0)) for s in staff]


def year_bounds(unit: OrgUnit, year: int | None, today: date) -> tuple[date, date, str]:
    """The school year starting in ``year`` (in the unit's calendar; default: the one in force), else the
    calendar year."""
    probe = date(year, 10, 1) if year else today
    found = school_year_at(unit, probe)
    if found is not None:
        return found.start, found.end, found.name
    y = year or today.year
    return date(y, 1, 1), date(y, 12, 31), str(y)


def training_coverage(unit: OrgUnit, start: date, end: date) -> list[dict]:
    """``{"org_unit","staff","trained","hours"}`` for ``unit`` (its subtree), then each unit right below it
    (``"unit"`` carries the unit for pages).

    ``trained``: staff whose hours in the period reach the minimum of the policy at their unit.
    """
    children = list(OrgUnit.objects.filter(parent=unit, is_active=True).order_by("path"))
    staff = list(Staff.objects.filter(org_unit__path__startswith=unit.path, is_active=True)
                 .values_list("user_id", "org_unit_id", "org_unit__path"))
    users = [u for u, _i, _p in staff if u]
    hours = dict(Attendance.objects.filter(user_id__in=users, held_on__gte=start, held_on__lte=end)
                 .values_list("user_id").annotate(h=Sum("hours")).order_by())
    # Every member's minimum is their own unit's policy, all read in one query.
    book = policies.PolicyBook({p for _u, _i, p in staff}, [policies.TRAINING])
    minimums: dict[str, Decimal] = {}

    def minimum(path: str) -> Decimal:
        if path not in minimums:
            minimums[path] = Decimal(str(book.values(path, policies.TRAINING)["min_hours"]))
        return minimums[path]

    totals: dict[str, dict] = defaultdict(lambda: {"staff": 0, "trained": 0, "hours": Decimal(0)})
    keys = [unit.path, *[c.path for c in children]]
    for user_id, _unit_id, path in staff:
        h = hours.get(user_id, Decimal(0)) if user_id else Decimal(0)
        trained = bool(user_id) and h >= minimum(path)
        for key in keys:
            if path.startswith(key):
                row = totals[key]
                row["staff"] += 1
                row["trained"] += int(trained)
                row["hours"] += h
    return [{"org_unit": u.pk, "unit": u, **totals[u.path]} for u in [unit, *children]]


def schools_in(user, capability: str) -> list[OrgUnit]:
    from safecampus.core.permissions import scope_paths

    roots = scope_paths(user, capability)
    if not roots:
        return []
    return list(OrgUnit.objects.filter(path_q("path", roots), kind=UnitKind.SCHOOL).order_by("path"))

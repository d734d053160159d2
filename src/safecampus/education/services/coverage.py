"""Keep the per-school coverage rows (models/coverage.py) true after every change that moves them.

Each refresh locks the school's unit row first: two head teachers recording the last two lessons
at the same moment must not each see the other's class as uncovered and leave the school
incomplete. Under the lock the second one reads the first one's committed lesson.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

from safecampus.org.calendar import holidays_between, school_year_at
from safecampus.org.choices import UnitKind
from safecampus.org.models import Holiday, OrgUnit, Staff

from .. import policies
from ..choices import Duty, LessonKind, NoticeKind
from ..models import Attendance, Coverage, Lesson, ParentNotice

# Without an earlier holiday in the calendar, this far back still counts as "before the holiday".
EARLIEST_WINDOW = timedelta(days=120)


def next_holiday(school: OrgUnit, day: date) -> Holiday | None:
    """The first holiday that begins after ``day`` in the school's calendar."""
    upcoming = [h for h in holidays_between(school, day + timedelta(days=1), day + timedelta(days=400))
                if h.start > day]
    return upcoming[0] if upcoming else None


def holiday_window(school: OrgUnit, holiday: Holiday) -> tuple[date, date]:
    """From the day after the previous holiday to the eve of this one: what counts as "before" it.

    The rule's own window (``period_days`` of the obligation) then decides whether the day the
    school became complete is recent enough.
    """
    earliest = holiday.start - EARLIEST_WINDOW
    before = [h for h in holidays_between(school, earliest, holiday.start - timedelta(days=1))
              if h.end < holiday.start]
    start = max([earliest, *[h.end + timedelta(days=1) for h in before]])
    return start, holiday.start - timedelta(days=1)


def _classes(school: OrgUnit) -> list[tuple[int, str]]:
    return list(OrgUnit.objects.filter(path__startswith=school.path, kind=UnitKind.CLASS, is_active=True)
                .values_list("pk", "path"))


def _store(school: OrgUnit, duty: str, start: date, end: date, total: int, dates: list[date], *,
           counts_from: date | None = None) -> Coverage:
    complete_on = max(dates) if total and len(dates) >= total else None
    counts_on = max(complete_on, counts_from) if complete_on and counts_from else complete_on
    row, _created = Coverage.objects.update_or_create(
        org_unit=school, duty=duty, period_start=start,
        defaults={"period_end": end, "total": total, "covered": len(dates), "complete_on": complete_on,
                  "counts_on": counts_on})
    return row


@transaction.atomic
def refresh_holiday(school: OrgUnit, day: date, duty: str) -> Coverage | None:
    """Recount the before-holiday lessons (or holiday notices) of the holiday after ``day``."""
    holiday = next_holiday(school, day)
    if holiday is None:
        return None
    OrgUnit.objects.select_for_update().filter(pk=school.pk).first()
    start, end = holiday_window(school, holiday)
    classes = _classes(school)
    latest: dict[int, date] = {}
    if duty == Duty.HOLIDAY_LESSON:
        rows = (Lesson.objects.filter(org_unit_id__in=[c[0] for c in classes], kind=LessonKind.BEFORE_HOLIDAY,
                                      held_on__gte=start, held_on__lte=end)
                .values_list("org_unit_id").annotate(last=Max("held_on")).order_by())
        latest = dict(rows)
    else:
        # A notice to the school or a grade reaches every class below it.
        sent = list(ParentNotice.objects.filter(org_unit__path__startswith=school.path, kind=NoticeKind.HOLIDAY,
                                                sent_on__gte=start, sent_on__lte=end)
                    .values_list("org_unit__path", "sent_on"))
        for class_id, class_path in classes:
            days = [d for path, d in sent if class_path.startswith(path)]
            if days:
                latest[class_id] = max(days)
    dates = [latest[c] for c, _path in classes if c in latest]
    return _store(school, duty, start, end, len(classes), dates, counts_from=end)


def _hours_reached(rows: list[tuple[int, date, Decimal]], minimum: Decimal) -> dict[int, date]:
    """{user: the day their hours of the year reached ``minimum``} from (user, day, hours) rows."""
    total: dict[int, Decimal] = defaultdict(Decimal)
    reached: dict[int, date] = {}
    for user_id, day, hours in sorted(rows, key=lambda r: (r[0], r[1])):
        total[user_id] += hours
        if user_id not in reached and total[user_id] >= minimum:
            reached[user_id] = day
    return reached


@transaction.atomic
def refresh_training(school: OrgUnit, day: date) -> Coverage | None:
    """Recount whether every active member of staff has the policy's hours this school year."""
    year = school_year_at(school, day)
    if year is None:
        return None
    OrgUnit.objects.select_for_update().filter(pk=school.pk).first()
    users = list(Staff.objects.filter(org_unit__path__startswith=school.path, is_active=True, user__isnull=False)
                 .values_list("user_id", flat=True))
    minimum = Decimal(str(policies.policy_for(school, policies.TRAINING)["min_hours"]))
    rows = list(Attendance.objects.filter(user_id__in=users, held_on__gte=year.start, held_on__lte=year.end)
                .values_list("user_id", "held_on", "hours"))
    reached = _hours_reached(rows, minimum)
    return _store(school, Duty.TRAINING_HOURS, year.start, year.end, len(users), list(reached.values()))


def schools_of_users(user_ids: list[int]) -> list[OrgUnit]:
    units = OrgUnit.objects.filter(pk__in=Staff.objects.filter(user_id__in=user_ids).values("org_unit_id"))
    schools = {}
    for unit in units:
        school = unit if unit.kind == UnitKind.SCHOOL else unit.school
        if school is not None:
            schools[school.pk] = school
    return list(schools.values())


DAILY_KEY = "education:training-coverage"


def refresh_training_daily(now: datetime | None = None) -> int:
    """Staff join and leave and the minimum may change: once a day every school with a training
    row this year is recounted (schools with none have nobody trained and are incomplete anyway)."""
    from .common import local_today

    if not cache.add(DAILY_KEY, 1, 24 * 3600):
        return 0
    done = 0
    ids = set(Coverage.objects.filter(duty=Duty.TRAINING_HOURS).values_list("org_unit_id", flat=True))
    for school in OrgUnit.objects.filter(pk__in=ids, is_active=True):
        refresh_training(school, local_today(school))
        done += 1
    return done

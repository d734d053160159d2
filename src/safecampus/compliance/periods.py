"""Periods of a rule, computed from the school calendar (school years, semesters, holidays).

The calendar is read once per evaluation (three small queries) and indexed in memory, so
thousands of schools share it without a query each: a school follows the nearest ancestor
unit that keeps a calendar (usually its central school).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .choices import Period


@dataclass
class Calendar:
    years: list[tuple[date, date]] = field(default_factory=list)
    semesters: list[tuple[date, date]] = field(default_factory=list)
    holidays: list[tuple[date, date]] = field(default_factory=list)


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


# Past this many roots the calendars of the whole district are read (one scan beats many ranges).
SCOPED_ROOTS = 50


class CalendarIndex:
    """The calendars (school years, semesters, holidays) by the unit that sets them. ``roots``: only
    those a unit under one of them can follow (set at or above a root, or inside one); None: all."""

    def __init__(self, roots: list[str] | None = None) -> None:
        from django.db.models import Q

        from safecampus.core.scoping import path_q
        from safecampus.org.models import Holiday, SchoolYear, Semester

        where = Q()
        if roots is not None and len(roots) <= SCOPED_ROOTS:
            above = {a for r in roots for a in _ancestors(r)}
            where = Q(org_unit__path__in=above) | path_q("org_unit__path", roots) if roots else Q(pk__in=[])
        self.by_owner: dict[str, Calendar] = {}
        for model, attr in ((SchoolYear, "years"), (Semester, "semesters"), (Holiday, "holidays")):
            for path, start, end in model.objects.filter(where).values_list("org_unit__path", "start", "end"):
                getattr(self.by_owner.setdefault(path, Calendar()), attr).append((start, end))
        for cal in self.by_owner.values():
            cal.years.sort()
            cal.semesters.sort()
            cal.holidays.sort()
        # Deepest owner first, so the nearest ancestor wins.
        self._owners = sorted(self.by_owner, key=len, reverse=True)
        self._cache: dict[str, str | None] = {}

    def owner_for(self, path: str) -> str | None:
        if path not in self._cache:
            self._cache[path] = next((o for o in self._owners if path.startswith(o)), None)
        return self._cache[path]

    def calendar_for(self, path: str) -> Calendar:
        owner = self.owner_for(path)
        return self.by_owner[owner] if owner else Calendar()


def _containing_or_latest(spans: list[tuple[date, date]], day: date) -> tuple[date, date] | None:
    """The span containing ``day``, else the latest one that started before it (its result stands)."""
    latest = None
    for start, end in spans:
        if start <= day <= end:
            return start, end
        if start <= day:
            latest = (start, end)
    return latest


def _month_end(day: date) -> date:
    nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _holiday_window(holiday: tuple[date, date], days: int, cal: Calendar) -> tuple[date, date]:
    start = holiday[0] - timedelta(days=max(days, 1))
    # The window never reaches back into the previous holiday.
    for _h_start, h_end in cal.holidays:
        if h_end < holiday[0] and h_end >= start:
            start = h_end + timedelta(days=1)
    return start, holiday[0] - timedelta(days=1)


def period_span(kind: str, days: int, cal: Calendar, day: date) -> tuple[date, date] | None:
    """The period of ``kind`` that ``day`` falls in (or, between terms, the last one that began)."""
    if kind == Period.DAILY:
        return day, day
    if kind == Period.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if kind == Period.MONTHLY:
        return day.replace(day=1), _month_end(day)
    if kind == Period.QUARTERLY:
        first_month = (day.month - 1) // 3 * 3 + 1
        start = date(day.year, first_month, 1)
        return start, _month_end(date(day.year, first_month + 2, 1))
    if kind == Period.SEMESTER:
        return _containing_or_latest(cal.semesters, day)
    if kind == Period.SCHOOL_YEAR:
        return _containing_or_latest(cal.years, day)
    if kind == Period.SEMESTER_START:
        semester = _containing_or_latest(cal.semesters, day)
        if semester is None:
            return None
        return semester[0], min(semester[1], semester[0] + timedelta(days=max(days, 1) - 1))
    if kind == Period.BEFORE_EACH_HOLIDAY:
        upcoming = next((h for h in cal.holidays if h[1] >= day), None)
        return _holiday_window(upcoming, days, cal) if upcoming else None
    return None


def previous_span(kind: str, days: int, cal: Calendar, current: tuple[date, date]) -> tuple[date, date] | None:
    """The period just before ``current``: the one whose overdue or missed result is still news."""
    if kind == Period.BEFORE_EACH_HOLIDAY:
        before = [h for h in cal.holidays if h[0] <= current[0]]
        return _holiday_window(before[-1], days, cal) if before else None
    if kind in (Period.SEMESTER, Period.SEMESTER_START):
        earlier = [s for s in cal.semesters if s[0] < current[0]]
        return period_span(kind, days, cal, earlier[-1][0]) if earlier else None
    if kind == Period.SCHOOL_YEAR:
        earlier = [y for y in cal.years if y[0] < current[0]]
        return earlier[-1] if earlier else None
    return period_span(kind, days, cal, current[0] - timedelta(days=1))

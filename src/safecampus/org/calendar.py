"""The school calendar seen from a unit: the nearest ancestor that keeps one decides."""

from __future__ import annotations

from datetime import date, timedelta

from safecampus.core.scoping import ancestor_paths

from .models import Holiday, OrgUnit, SchoolYear, Semester


def school_year_at(unit: OrgUnit, day: date) -> SchoolYear | None:
    return (SchoolYear.objects.filter(org_unit__path__in=ancestor_paths(unit.path), start__lte=day, end__gte=day)
            .order_by("-org_unit__depth").first())


def semester_at(unit: OrgUnit, day: date) -> Semester | None:
    return (Semester.objects.filter(org_unit__path__in=ancestor_paths(unit.path), start__lte=day, end__gte=day)
            .order_by("-org_unit__depth").first())


def holidays_between(unit: OrgUnit, start: date, end: date) -> list[Holiday]:
    """The holidays in force: the county's, where a nearer keeper (the central school) has not
    set its own holiday of the same name for the same school year."""
    found = list(Holiday.objects.filter(org_unit__path__in=ancestor_paths(unit.path),
                                        start__lte=end + timedelta(days=366), end__gte=start - timedelta(days=366))
                 .select_related("org_unit").order_by("-org_unit__depth", "start"))
    kept: list[Holiday] = []
    seen: set[tuple[str, int]] = set()
    for holiday in found:
        key = (holiday.name, holiday.start.year if holiday.start.month >= 8 else holiday.start.year - 1)
        if key in seen:
            continue
        seen.add(key)
        if holiday.start <= end and holiday.end >= start:
            kept.append(holiday)
    return sorted(kept, key=lambda h: h.start)

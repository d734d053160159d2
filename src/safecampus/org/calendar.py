"""The school calendar seen from a unit: the nearest ancestor that keeps one decides."""

from __future__ import annotations

from datetime import date

from .models import Holiday, OrgUnit, SchoolYear, Semester


def _ancestor_paths(unit: OrgUnit) -> list[str]:
    parts = [p for p in unit.path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def school_year_at(unit: OrgUnit, day: date) -> SchoolYear | None:
    return (SchoolYear.objects.filter(org_unit__path__in=_ancestor_paths(unit), start__lte=day, end__gte=day)
            .order_by("-org_unit__depth").first())


def semester_at(unit: OrgUnit, day: date) -> Semester | None:
    return (Semester.objects.filter(org_unit__path__in=_ancestor_paths(unit), start__lte=day, end__gte=day)
            .order_by("-org_unit__depth").first())


def holidays_between(unit: OrgUnit, start: date, end: date) -> list[Holiday]:
    return list(Holiday.objects.filter(org_unit__path__in=_ancestor_paths(unit), start__lte=end,
                                       end__gte=start).order_by("start"))

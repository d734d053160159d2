"""The school calendar: school years, their semesters and holidays. The authority keeps one for
the county; a central school may keep its own, which its schools then follow (org.calendar)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import lock
from safecampus.core.errors import InvalidInput
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from ..choices import SemesterKind, UnitKind
from ..models import Holiday, OrgUnit, SchoolYear, Semester

KEEPERS = (UnitKind.CENTRAL_SCHOOL, UnitKind.AUTHORITY)


def _keeper(unit: OrgUnit | None) -> OrgUnit:
    if unit is None or unit.kind not in KEEPERS:
        raise InvalidInput.field("org_unit", _("The calendar is kept by a central school or an authority."))
    return unit


def _semesters(rows: list[dict[str, Any]], start: date, end: date) -> list[dict[str, Any]]:
    out, kinds = [], set()
    for i, sem in enumerate(rows or []):
        kind = inputs.choice(sem.get("kind"), f"semesters[{i}].kind", SemesterKind)
        s_start = inputs.date(sem.get("start"), f"semesters[{i}].start")
        s_end = inputs.date(sem.get("end"), f"semesters[{i}].end")
        if kind in kinds:
            raise InvalidInput.field(f"semesters[{i}].kind", _("Each kind of semester once a year."))
        if not (start <= s_start < s_end <= end):
            raise InvalidInput.field("semesters", _("Each semester lies inside the school year."))
        kinds.add(kind)
        out.append({"kind": kind, "start": s_start, "end": s_end})
    out.sort(key=lambda s: s["start"])
    for a, b in zip(out, out[1:], strict=False):
        if b["start"] <= a["end"]:
            raise InvalidInput.field("semesters", _("Semesters do not overlap."))
    return out


def _dates(start: Any, end: Any) -> tuple[date, date]:
    start, end = inputs.date(start, "start"), inputs.date(end, "end")
    if end < start:
        raise InvalidInput.field("end", _("The end must come after the start."))
    return start, end


@transaction.atomic
def create_school_year(*, actor, org_unit: OrgUnit | None, name: str, start: Any, end: Any,
                       semesters: list[dict[str, Any]] = (), holidays: list[dict[str, Any]] = ()) -> SchoolYear:
    """A school year with its semesters (and holidays), kept by ``org_unit``."""
    owner = _keeper(org_unit)
    require(actor, "org.manage_calendar", owner)
    name = inputs.text(name, "name", max_length=32)
    start, end = _dates(start, end)
    if end <= start:
        raise InvalidInput.field("end", _("The end must come after the start."))
    rows = _semesters(list(semesters), start, end)
    if SchoolYear.objects.filter(org_unit=owner, name=name).exists():
        raise InvalidInput.field("name", _("This school year already exists."))
    if SchoolYear.objects.filter(org_unit=owner, start__lte=end, end__gte=start).exists():
        raise InvalidInput.field("start", _("This school year overlaps another one."))
    year = SchoolYear.objects.create(org_unit=owner, name=name, start=start, end=end)
    made = {sem["kind"]: Semester.objects.create(org_unit=owner, school_year=year, **sem) for sem in rows}
    kept = []
    for hol in holidays:
        hol = dict(hol)
        semester = made.get(hol.pop("semester", None))
        h_start, h_end = _dates(hol.pop("start"), hol.pop("end"))
        made_holiday = Holiday.objects.create(
            org_unit=owner, semester=semester, start=h_start, end=h_end,
            name=inputs.text(hol.pop("name"), "name", max_length=100),
            name_zh=inputs.text(hol.pop("name_zh", ""), "name_zh", required=False, max_length=100))
        kept.append([made_holiday.name, h_start, h_end])
    ensure_in_scope(actor, "org.manage_calendar", year)
    audit.record("org.calendar_set", actor=actor, obj=year, changes={
        "name": name, "start": start, "end": end,
        "semesters": [[s["kind"], s["start"], s["end"]] for s in rows], "holidays": kept})
    return year


@transaction.atomic
def change_school_year(year: SchoolYear, *, actor, expected_version: int | None = None, name: str | None = None,
                       start: Any = None, end: Any = None,
                       semesters: list[dict[str, Any]] | None = None) -> SchoolYear:
    """New dates or name; ``semesters`` replaces the dates of the semesters of the same kind."""
    year = lock(SchoolYear, year.pk, expected_version)
    require(actor, "org.manage_calendar", year.org_unit)
    before = {"name": year.name, "start": year.start, "end": year.end,
              "semesters": [[s.kind, s.start, s.end] for s in year.semesters.all()]}
    if name is not None:
        year.name = inputs.text(name, "name", max_length=32)
        if SchoolYear.objects.filter(org_unit=year.org_unit, name=year.name).exclude(pk=year.pk).exists():
            raise InvalidInput.field("name", _("This school year already exists."))
    year.start, year.end = _dates(start or year.start, end or year.end)
    rows = _semesters(semesters if semesters is not None else
                      [{"kind": s.kind, "start": s.start, "end": s.end} for s in year.semesters.all()],
                      year.start, year.end)
    year.version += 1
    year.save()
    if semesters is not None:
        existing = {s.kind: s for s in year.semesters.all()}
        for row in rows:
            sem = existing.pop(row["kind"], None)
            if sem is None:
                Semester.objects.create(org_unit=year.org_unit, school_year=year, **row)
            elif (sem.start, sem.end) != (row["start"], row["end"]):
                Semester.objects.filter(pk=sem.pk).update(start=row["start"], end=row["end"])
        for sem in existing.values():
            sem.delete()
    after = {"name": year.name, "start": year.start, "end": year.end,
             "semesters": [[s.kind, s.start, s.end] for s in year.semesters.all()]}
    changes = audit.diff(audit.normalise(before), audit.normalise(after))
    if changes:
        audit.record("org.calendar_changed", actor=actor, obj=year, changes=changes)
    return year


def _semester_for(owner: OrgUnit, start: date) -> Semester | None:
    return Semester.objects.filter(org_unit=owner, start__lte=start, end__gte=start).first() or \
        Semester.objects.filter(org_unit=owner, end__lt=start).order_by("-end").first()


@transaction.atomic
def add_holiday(*, actor, org_unit: OrgUnit, name: str, start: Any, end: Any, name_zh: str = "") -> Holiday:
    """A holiday for every school below ``org_unit``; a central school's holiday of the same name
    replaces the authority's for its schools."""
    owner = _keeper(org_unit)
    require(actor, "org.manage_calendar", owner)
    name = inputs.text(name, "name", max_length=100)
    name_zh = inputs.text(name_zh, "name_zh", required=False, max_length=100)
    start, end = _dates(start, end)
    if Holiday.objects.filter(org_unit=owner, name=name, start=start).exists():
        raise InvalidInput.field("name", _("This holiday is already in the calendar."))
    holiday = Holiday.objects.create(org_unit=owner, name=name, name_zh=name_zh, start=start, end=end,
                                     semester=_semester_for(owner, start))
    ensure_in_scope(actor, "org.manage_calendar", holiday)
    audit.record("org.holiday_added", actor=actor, obj=holiday,
                 changes={"name": name, "name_zh": name_zh, "start": start, "end": end})
    return holiday


@transaction.atomic
def change_holiday(holiday: Holiday, *, actor, expected_version: int | None = None, **data: Any) -> Holiday:
    holiday = lock(Holiday, holiday.pk, expected_version)
    require(actor, "org.manage_calendar", holiday.org_unit)
    before = {"name": holiday.name, "name_zh": holiday.name_zh, "start": holiday.start, "end": holiday.end}
    if "name" in data:
        holiday.name = inputs.text(data.pop("name"), "name", max_length=100)
    if "name_zh" in data:
        holiday.name_zh = inputs.text(data.pop("name_zh"), "name_zh", required=False, max_length=100)
    holiday.start, holiday.end = _dates(data.pop("start", holiday.start), data.pop("end", holiday.end))
    if data:
        raise InvalidInput.field(sorted(data)[0], _("Unknown field."))
    holiday.semester = _semester_for(holiday.org_unit, holiday.start)
    holiday.version += 1
    holiday.save()
    after = {"name": holiday.name, "name_zh": holiday.name_zh, "start": holiday.start, "end": holiday.end}
    changes = audit.diff(before, after)
    if changes:
        audit.record("org.holiday_changed", actor=actor, obj=holiday, changes=changes)
    return holiday


@transaction.atomic
def remove_holiday(holiday: Holiday, *, actor, expected_version: int | None = None) -> None:
    holiday = lock(Holiday, holiday.pk, expected_version)
    require(actor, "org.manage_calendar", holiday.org_unit)
    audit.record("org.holiday_removed", actor=actor, obj=holiday,
                 changes={"name": holiday.name, "start": holiday.start, "end": holiday.end})
    holiday.delete()

"""Read side of assessment, shared by pages and the API (and the door other apps read through)."""

from __future__ import annotations

from datetime import datetime

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import inputs
from safecampus.core.errors import Forbidden, InvalidInput, NotFound
from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.scoping import PRESENCE

from . import registry
from .models import Commendation, Scheme
from .scoring import Period, SchoolScore, ancestor_paths, period_of, scheme_for, score_schools

VIEW = "assessment.view"
MARK = "assessment.mark"
SELF = "assessment.self_assess"
SCHEME = "assessment.manage_scheme"
COMMEND = "assessment.commend"


def _org(name: str):
    return apps.get_model("org", name)


def years_for(unit) -> list:
    """The school years in force for ``unit`` (the nearest calendar keeper above it), newest first. A unit
    above every keeper (the authority, when its central schools keep the calendars) reads the first
    keeper's below it: years are matched by name across keepers (see scoring)."""
    SchoolYear = _org("SchoolYear")
    base = SchoolYear.objects.select_related("org_unit").prefetch_related("semesters")
    rows = list(base.filter(org_unit__path__in=ancestor_paths(unit.path)).order_by("-org_unit__depth", "-start"))
    if rows:
        nearest = rows[0].org_unit.depth
        return [y for y in rows if y.org_unit.depth == nearest]
    below = list(base.filter(org_unit__path__startswith=unit.path).order_by("org_unit__path", "-start")[:50])
    return [y for y in below if below and y.org_unit_id == below[0].org_unit_id]


def default_unit(user, capability: str = VIEW):
    roots = scope_paths(user, capability)
    if not roots:
        raise Forbidden()
    return _org("OrgUnit").objects.filter(path=roots[0]).first()


def unit_in_scope(user, raw, capability: str = VIEW, field: str = "org_unit"):
    """The unit a parameter names: unknown or out of sight is a 400 naming the field; seen without the
    capability a 403."""
    if raw in (None, ""):
        return default_unit(user, capability)
    pk = inputs.number(raw, field, minimum=1, maximum=2**63 - 1)
    unit = _org("OrgUnit").objects.visible_to(user, PRESENCE).filter(pk=pk).first()
    if unit is None:
        raise InvalidInput.field(field, _("Unknown unit."))
    if not has_capability(user, capability, unit.path):
        raise Forbidden()
    return unit


def pick_period(unit, school_year=None, semester=None, *, today=None) -> Period:
    """The school year (default: the one in force today) and, optionally, one of its semesters."""
    years = years_for(unit)
    if not years:
        raise InvalidInput.field("school_year", _("No school calendar is kept for this unit."))
    if school_year in (None, ""):
        today = today or timezone.localdate()
        year = next((y for y in years if y.start <= today <= y.end), years[0])
    else:
        pk = inputs.number(school_year, "school_year", minimum=1, maximum=2**63 - 1)
        year = next((y for y in years if y.pk == pk), None)
        if year is None:
            raise InvalidInput.field("school_year", _("Choose a school year of this unit's calendar."))
    chosen = None
    if semester not in (None, ""):
        pk = inputs.number(semester, "semester", minimum=1, maximum=2**63 - 1)
        chosen = next((s for s in year.semesters.all() if s.pk == pk), None)
        if chosen is None:
            raise InvalidInput.field("semester", _("Choose a semester of this school year."))
    return period_of(year, chosen)


def county_of(unit):
    """The nearest education authority above ``unit`` (rankings are within a county)."""
    OrgUnit = _org("OrgUnit")
    found = (OrgUnit.objects.filter(path__in=ancestor_paths(unit.path), kind="authority")
             .order_by("-depth").first())
    return found or OrgUnit.objects.filter(path=ancestor_paths(unit.path)[0]).first()


def scores(user, unit, period: Period, *, now: datetime | None = None) -> list[SchoolScore]:
    """The schools at or under ``unit`` the reader may see, scored and ranked within their central
    school and their county (the whole county is scored, set-based, for the ranks)."""
    if not has_capability(user, VIEW, unit.path):
        raise Forbidden()
    county = county_of(unit)
    roots = [county.path] if county else [unit.path]
    visible = scope_paths(user, VIEW)
    return [s for s in score_schools(roots, period, now=now)
            if s.unit["path"].startswith(unit.path) and any(s.unit["path"].startswith(r) for r in visible)]


def school_score(user, school, period: Period, *, now: datetime | None = None) -> SchoolScore:
    found = [s for s in scores(user, school, period, now=now) if s.unit["id"] == school.pk]
    if not found:
        raise NotFound()
    return found[0]


def scheme_in_force(unit, school_year) -> Scheme | None:
    """The scheme a school (or a central school's schools) is assessed by in ``school_year``."""
    rows = (Scheme.objects.filter(school_year__name=school_year.name).select_related("org_unit")
            | Scheme.objects.filter(org_unit__isnull=True, school_year__isnull=True))
    schemes = {(s.org_unit.path if s.org_unit_id else None): s
               for s in rows.prefetch_related("items") if s.org_unit_id or s.school_year_id is None}
    return scheme_for(unit.path, schemes)


def own_scheme(unit, school_year) -> Scheme | None:
    return Scheme.objects.filter(org_unit=unit, school_year=school_year).prefetch_related("items").first()


def commendations(user, unit, school_year):
    return (Commendation.objects.visible_to(user, VIEW).filter(org_unit__path__startswith=unit.path,
                                                               school_year=school_year)
            .select_related("org_unit", "recorded_by").order_by("-created_at", "-id"))


def rewards(unit, school_year) -> list[dict]:
    """Reward records of the apps that keep them (the incidents app), for linking a commendation."""
    out: list[dict] = []
    for source in registry.reward_sources():
        out.extend(source([unit.path], school_year.start, school_year.end))
    return out

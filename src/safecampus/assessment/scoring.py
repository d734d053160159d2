"""Scores from evidence: every school of a county for a school year (or semester) at once.

Set-based as the compliance engine: each indicator of the registry runs ONE computation over all the
schools (grouped queries per record unit path), paths roll up to their school in memory, marks are one
query, schemes one query. Nothing here issues a query per school.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from safecampus.core import zones
from safecampus.core.scoping import ancestor_paths, path_q

from . import registry
from .choices import Effect, MarkKind, Method
from .models import Mark, Scheme


@dataclass
class IndicatorScore:
    code: str
    title: str
    chapter: str
    weight: int
    method: str
    available: bool
    unit_id: int
    start: date
    end: date
    done: int | None = None
    total: int | None = None
    computed: float | None = None
    mark: dict | None = None
    self_mark: dict | None = None

    @property
    def score(self) -> float | None:
        if self.mark is not None:
            return float(self.mark["score"])
        return self.computed

    @property
    def evidence(self) -> str:
        provider = registry.get(self.code)
        return provider.evidence(self.unit_id, self.start, self.end) if provider else ""


@dataclass
class VetoHit:
    code: str
    title: str
    effect: str
    cap: int
    count: int
    unit_id: int
    start: date
    end: date

    @property
    def evidence(self) -> str:
        provider = registry.get(self.code)
        return provider.evidence(self.unit_id, self.start, self.end) if provider else ""


@dataclass
class SchoolScore:
    unit: dict
    scheme_id: int | None
    indicators: list[IndicatorScore] = field(default_factory=list)
    vetoes: list[VetoHit] = field(default_factory=list)
    raw: float | None = None
    score: float | None = None
    rank: int | None = None
    county_rank: int | None = None
    central_id: int | None = None
    county_id: int | None = None

    @property
    def vetoed(self) -> bool:
        return bool(self.vetoes)


@dataclass
class Period:
    school_year: object
    semester: object | None
    start: date
    end: date
    semesters: list[tuple[date, date]]


def period_of(school_year, semester=None) -> Period:
    if semester is not None:
        return Period(school_year, semester, semester.start, semester.end, [(semester.start, semester.end)])
    spans = [(s.start, s.end) for s in school_year.semesters.all()]
    return Period(school_year, None, school_year.start, school_year.end, spans or [(school_year.start,
                                                                                       school_year.end)])


def _schools(roots: list[str], unit_ids=None) -> list[dict]:
    OrgUnit = apps.get_model("org", "OrgUnit")
    qs = OrgUnit.objects.filter(path_q("path", roots), kind="school", is_active=True)
    if unit_ids is not None:
        qs = qs.filter(pk__in=list(unit_ids))
    return list(qs.order_by("path").values("id", "path", "name", "name_zh", "timezone", "parent_id"))


def _schemes(school_year) -> dict[str | None, Scheme]:
    """Schemes that may apply in ``school_year``, by their unit's path (None: the default)."""
    rows = (Scheme.objects.filter(Q(school_year__name=school_year.name)
                                  | Q(org_unit__isnull=True, school_year__isnull=True))
            .select_related("org_unit").prefetch_related("items"))
    out: dict[str | None, Scheme] = {}
    for scheme in rows:
        key = scheme.org_unit.path if scheme.org_unit_id else None
        if key is None and scheme.school_year_id is not None:
            continue
        out[key] = scheme
    return out


def scheme_for(path: str, schemes: dict[str | None, Scheme]) -> Scheme | None:
    for candidate in reversed(ancestor_paths(path)):
        if candidate in schemes:
            return schemes[candidate]
    return schemes.get(None)


def _roll_up(found: dict, school_paths: set[str], pairs: bool) -> dict[str, list[int] | int]:
    """Values per record path -> per school (the school whose path is a prefix of the record's)."""
    out: dict[str, list[int] | int] = {}
    for path, value in found.items():
        school = path if path in school_paths else next(
            (p for p in reversed(ancestor_paths(path)) if p in school_paths), None)
        if school is None:
            continue
        if pairs:
            pair = out.setdefault(school, [0, 0])
            pair[0] += value[0]
            pair[1] += value[1]
        else:
            out[school] = out.get(school, 0) + value
    return out


def _context(roots, schools, period: Period, now: datetime) -> SimpleNamespace:
    zone = zones.zone(schools[0]["timezone"] if schools else "")
    today = now.astimezone(zone).date()
    day = min(period.end, today)
    return SimpleNamespace(
        roots=roots, schools=schools, start=period.start, end=period.end, day=max(day, period.start), now=now,
        zone=zone, start_at=datetime.combine(period.start, time.min, tzinfo=zone),
        end_at=datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=zone),
        semesters=period.semesters)


def _marks(period: Period, unit_ids: list[int]) -> dict[tuple[str, int, str], dict]:
    # By the year's name and the semester's kind: schools of different calendar keepers share one table.
    qs = Mark.objects.filter(school_year__name=period.school_year.name, org_unit_id__in=unit_ids)
    qs = (qs.filter(semester__kind=period.semester.kind) if period.semester is not None
          else qs.filter(semester__isnull=True))
    return {(m["kind"], m["org_unit_id"], m["indicator"]): m
            for m in qs.order_by().values("kind", "org_unit_id", "indicator", "score", "note", "marked_at")}


def _rank(scores: list[SchoolScore], key: str, attr: str) -> None:
    groups: dict[int | None, list[SchoolScore]] = defaultdict(list)
    for s in scores:
        if s.score is not None:
            groups[getattr(s, key)].append(s)
    for members in groups.values():
        members.sort(key=lambda s: -s.score)
        previous, place = None, 0
        for i, s in enumerate(members, start=1):
            if s.score != previous:
                place, previous = i, s.score
            setattr(s, attr, place)


def _computed(done: int, total: int) -> float | None:
    if not total:
        return None
    return round(100.0 * min(done, total) / total, 1)


def _score_one(unit: dict, scheme: Scheme | None, results: dict, marks: dict, period: Period) -> SchoolScore:
    out = SchoolScore(unit=unit, scheme_id=scheme.pk if scheme else None)
    path, uid = unit["path"], unit["id"]
    num = den = 0.0
    for item in (i for i in (scheme.items.all() if scheme else []) if i.active):
        provider = registry.get(item.code)
        if item.method == Method.VETO:
            count = results.get(item.code, {}).get(path, 0) if provider else 0
            if count:
                out.vetoes.append(VetoHit(item.code, item.display_title, item.effect, item.cap, count, uid,
                                          period.start, period.end))
            continue
        available = item.method == Method.MARKED or provider is not None
        ind = IndicatorScore(item.code, item.display_title, item.chapter, item.weight, item.method, available, uid,
                             period.start, period.end)
        if item.method == Method.COMPUTED and provider is not None:
            done, total = results.get(item.code, {}).get(path, (0, 0))
            ind.done, ind.total, ind.computed = done, total, _computed(done, total)
        ind.mark = marks.get((MarkKind.INSPECTOR, uid, item.code))
        ind.self_mark = marks.get((MarkKind.SELF, uid, item.code))
        if ind.score is not None and item.weight:
            num += item.weight * ind.score
            den += item.weight
        out.indicators.append(ind)
    out.raw = round(num / den, 1) if den else None
    out.score = out.raw
    for hit in out.vetoes:
        if out.score is None:
            break
        out.score = 0.0 if hit.effect == Effect.ZERO else min(out.score, float(hit.cap))
    return out


def score_schools(roots: list[str], period: Period, *, now: datetime | None = None) -> list[SchoolScore]:
    """Every active school under ``roots`` scored for ``period``, ranked in its central school and county."""
    now = now or timezone.now()
    schools = _schools(roots)
    if not schools:
        return []
    schemes = _schemes(period.school_year)
    chosen = {s["id"]: scheme_for(s["path"], schemes) for s in schools}
    codes = {i.code for sc in {id(x): x for x in chosen.values() if x}.values() for i in sc.items.all()
             if i.active and i.method != Method.MARKED}
    ctx = _context(roots, schools, period, now)
    paths = {s["path"] for s in schools}
    results: dict[str, dict] = {}
    for code in sorted(codes):
        provider = registry.get(code)
        if provider is not None:
            results[code] = _roll_up(provider.compute(ctx), paths, pairs=not provider.veto)
    marks = _marks(period, [s["id"] for s in schools])
    counties = _county_ids()
    scores = []
    for unit in schools:
        result = _score_one(unit, chosen[unit["id"]], results, marks, period)
        result.central_id = unit["parent_id"]
        result.county_id = next((int(p) for p in reversed(unit["path"].strip("/").split("/")) if int(p) in counties),
                                None)
        scores.append(result)
    _rank(scores, "central_id", "rank")
    _rank(scores, "county_id", "county_rank")
    return scores


def _county_ids() -> set[int]:
    OrgUnit = apps.get_model("org", "OrgUnit")
    return set(OrgUnit.objects.filter(kind="authority").values_list("id", flat=True))


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))

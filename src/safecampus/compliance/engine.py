"""Evaluation: what each unit owes in a period, how much is done, and its status.

Set-based: for each rule, units are grouped by their period (the same calendar and zone give
the same period), and each group costs ONE grouped query on the evidence table, counting
records per owning unit path; paths then roll up to the owing unit in memory by the
materialised-path prefix. Nothing here issues a query per school.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models import Count, Q
from django.utils import timezone

from safecampus.core.scoping import ancestor_paths, path_q
from safecampus.core.zones import zone

from . import registry
from .choices import Status
from .models import Obligation
from .periods import CalendarIndex, period_span, previous_span

MET, PENDING, DUE_SOON, OVERDUE, MISSED, NA = (Status.MET.value, Status.PENDING.value, Status.DUE_SOON.value,
                                              Status.OVERDUE.value, Status.MISSED.value, Status.NOT_APPLICABLE.value)
UNIT_FIELDS = ("id", "path", "name", "name_zh", "kind", "school_type", "timezone", "has_canteen",
               "has_dormitory", "has_transport", "is_boarding", "parent_id")


@dataclass(slots=True)
class Row:
    unit: dict
    obligation: Obligation
    period_start: date
    period_end: date
    due: date
    status: str
    done: int
    required: int

    @property
    def unit_id(self) -> int:
        return self.unit["id"]


def local_today(now: datetime, tz_name: str) -> date:
    return now.astimezone(zone(tz_name)).date()


def applies(rule: Obligation, unit: dict) -> bool:
    """Whether ``unit`` owes ``rule``: kind, school type and the facts it names."""
    if unit["kind"] != rule.unit_kind or not unit["path"].startswith(rule.org_unit.path):
        return False
    if rule.school_types and unit["school_type"] not in rule.school_types:
        return False
    return not ((rule.needs_canteen and not unit["has_canteen"])
                or (rule.needs_dormitory and not unit["has_dormitory"])
                or (rule.needs_transport and not unit["has_transport"])
                or (rule.needs_boarding and not unit["is_boarding"]))


def owed(rules: list[Obligation], units: list[dict]) -> list[tuple[dict, list[Obligation]]]:
    """Each unit with the rules it owes, in rule order; units owing nothing are left out.

    Thousands of schools share a handful of shapes (kind, type, facts, which rule roots they are
    under), so the rules are matched once per shape, not once per school.
    """
    rule_roots = sorted({r.org_unit.path for r in rules})
    by_shape: dict[tuple, list[Obligation]] = {}
    out = []
    for unit in units:
        shape = (unit["kind"], unit["school_type"], unit["has_canteen"], unit["has_dormitory"],
                 unit["has_transport"], unit["is_boarding"], tuple(unit["path"].startswith(r) for r in rule_roots))
        matched = by_shape.get(shape)
        if matched is None:
            matched = by_shape[shape] = [r for r in rules if applies(r, unit)]
        if matched:
            out.append((unit, matched))
    return out


def due_date(rule: Obligation, start: date, end: date) -> date:
    if rule.due_after_start_days is not None:
        return start + timedelta(days=max(rule.due_after_start_days, 1) - 1)
    return end + timedelta(days=rule.due_offset_days)


def evidence_query(rule: Obligation) -> tuple[models.QuerySet, str, str] | None:
    """The evidence rows a rule counts, before the period and path filters; None if unmeasurable."""
    kind = registry.EVIDENCE.get(rule.evidence_kind)
    if kind is None:
        return None
    try:
        model = apps.get_model(kind.model)
    except (LookupError, ValueError):
        return None
    lookups = dict(kind.base_filter)
    params = dict(rule.evidence_params or {})
    if kind.code == "compliance.attestation":
        # An attestation is keyed by the rule it proves.
        params.setdefault("rule", rule.code)
    for name, value in params.items():
        if name not in kind.params:
            return None
        lookup = kind.params[name]
        lookups[f"{lookup}__in" if isinstance(value, list) else lookup] = value
    try:
        date_field = model._meta.get_field(kind.date_field)
    except FieldDoesNotExist:
        return None
    path_lookup = getattr(model, "scope_path_lookup", "org_unit__path")
    field_kind = "datetime" if isinstance(date_field, models.DateTimeField) else "date"
    return model._default_manager.filter(**lookups), f"{kind.date_field}|{field_kind}", path_lookup


def _bounds(field_kind: str, start: date, end: date, tz_name: str):
    if field_kind == "date":
        return start, end
    tz = zone(tz_name)
    return (datetime.combine(start, time.min, tz), datetime.combine(end + timedelta(days=1), time.min, tz))


def _prefixes(rule_root: str, roots: list[str] | None) -> list[str]:
    """The narrowest path prefixes covering both the rule's reach and the reader's scope."""
    if roots is None:
        return [rule_root]
    out = []
    for root in roots:
        if root.startswith(rule_root):
            out.append(root)
        elif rule_root.startswith(root):
            out.append(rule_root)
    return out


NARROW_UNITS = 200


def count_evidence(rule: Obligation, start: date, end: date, tz_name: str,
                   prefixes: list[str], *, unit_ids: list[int] | None = None) -> dict[str, int] | None:
    """{unit path: evidence count} for one rule and one period: one grouped query.

    ``unit_ids`` (a page of units, one school: every unit under the prefixes): the records are
    found through their unit's index instead of scanning the period's records of every school
    and joining each to its unit, which is what a whole district needs.
    """
    found = evidence_query(rule)
    if found is None:
        return None
    qs, date_spec, path_lookup = found
    field, field_kind = date_spec.split("|")
    lo, hi = _bounds(field_kind, start, end, tz_name)
    rng = Q(**{f"{field}__gte": lo, f"{field}__lte": hi}) if field_kind == "date" else \
        Q(**{f"{field}__gte": lo, f"{field}__lt": hi})
    if unit_ids is not None and path_lookup.endswith("__path"):
        # The ids go in as literals: binding hundreds of parameters through the ORM cost more
        # than the query (a page of 200 rows: ~30 ms), and they are integers read from our table.
        fk = qs.model._meta.get_field(path_lookup.removesuffix("__path"))
        column = f"{connection.ops.quote_name(qs.model._meta.db_table)}.{connection.ops.quote_name(fk.column)}"
        inlined = _inlined(tuple(unit_ids))
        qs = qs.extra(where=[f"{column} IN ({inlined})"])  # noqa: S610
    else:
        qs = qs.filter(path_q(path_lookup, prefixes))
    rows = qs.filter(rng).order_by().values_list(path_lookup).annotate(n=Count("pk"))
    return dict(rows)


@lru_cache(maxsize=32)
def _inlined(unit_ids: tuple[int, ...]) -> str:
    """The ids as an SQL list, made once per evaluation (every rule of a school sends the same ids)."""
    return ",".join(str(int(i)) for i in unit_ids) or "NULL"


def load_units(roots: list[str] | None, kinds: Iterable[str], unit_ids: Iterable[int] | None = None) -> list[dict]:
    OrgUnit = apps.get_model("org", "OrgUnit")
    qs = OrgUnit.objects.filter(kind__in=set(kinds), is_active=True)
    if roots is not None:
        if not roots:
            return []
        qs = qs.filter(path_q("path", roots))
    if unit_ids is not None:
        qs = qs.filter(pk__in=list(unit_ids))
    return list(qs.order_by("path").values(*UNIT_FIELDS))


def rules_in_force(roots: list[str] | None) -> list[Obligation]:
    """Active rules set at or above any root, or inside one (one query)."""
    qs = Obligation.objects.filter(active=True).select_related("org_unit")
    if roots is not None:
        above = {p for r in roots for p in ancestor_paths(r)}
        qs = qs.filter(Q(org_unit__path__in=above) | path_q("org_unit__path", roots)) if roots else qs.none()
    return list(qs.order_by("sort", "code", "pk"))


class Evaluator:
    """Evaluates rules for units at a moment; the calendar and units are read once."""

    def __init__(self, *, now: datetime | None = None, roots: list[str] | None = None,
                 calendar: CalendarIndex | None = None):
        self.now = now or timezone.now()
        self.roots = roots
        # Every unit evaluated is under ``roots``: only their calendars are read, not the district's.
        self.calendar = calendar or CalendarIndex(roots)
        self._today: dict[str, date] = {}
        self._under: dict[tuple, list[int]] = {}
        self._paths: set[str] = set()

    def units_under(self, prefixes: list[str]) -> list[int]:
        """Ids of every unit under ``prefixes`` (classes included): read once per evaluation."""
        key = tuple(prefixes)
        if key not in self._under:
            # One range per prefix, joined by UNION ALL: an OR of ranges makes SQLite scan every unit.
            OrgUnit = apps.get_model("org", "OrgUnit")
            parts = [OrgUnit.objects.filter(path_q("path", [p])).order_by().values_list("pk", flat=True)
                     for p in prefixes]
            found = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
            self._under[key] = sorted(set(found))
        return self._under[key]

    def today(self, tz_name: str) -> date:
        if tz_name not in self._today:
            self._today[tz_name] = local_today(self.now, tz_name)
        return self._today[tz_name]

    def evaluate(self, rules: list[Obligation], units: list[dict], *, day: date | None = None,
                 previous: bool = False) -> list[Row]:
        self._paths = {u["path"] for u in units}
        owing: dict[int, list[dict]] = {r.pk: [] for r in rules}
        for unit, unit_rules in owed(rules, units):
            for rule in unit_rules:
                owing[rule.pk].append(unit)
        out: list[Row] = []
        for rule in rules:
            out.extend(self._rule(rule, owing[rule.pk], day, previous))
        return out

    def _span(self, rule: Obligation, unit: dict, day: date | None, previous: bool, memo: dict):
        today = self.today(unit["timezone"])
        owner = self.calendar.owner_for(unit["path"])
        key = (owner, day or today, previous)
        if key not in memo:
            cal = self.calendar.calendar_for(unit["path"])
            span = period_span(rule.period, rule.period_days, cal, day or today)
            if span and previous:
                span = previous_span(rule.period, rule.period_days, cal, span)
            memo[key] = span
        return memo[key], today

    def _rule(self, rule: Obligation, units: list[dict], day: date | None, previous: bool) -> list[Row]:
        groups: dict[tuple, list[tuple[dict, date]]] = defaultdict(list)
        memo: dict = {}
        rows: list[Row] = []
        for unit in units:
            span, today = self._span(rule, unit, day, previous, memo)
            if span is None:
                rows.append(Row(unit, rule, today, today, today, NA, 0, rule.required))
                continue
            groups[(unit["timezone"], span)].append((unit, today))
        prefixes = _prefixes(rule.org_unit.path, self.roots)
        # Narrow only when the scope is the evaluated units themselves (a page, one school): a rule
        # owed by few units across a whole district must not list the district's every unit.
        narrow = bool(prefixes) and len(prefixes) <= NARROW_UNITS and set(prefixes) <= self._paths
        unit_ids = self.units_under(prefixes) if narrow else None
        required = rule.required
        for (tz_name, (start, end)), members in groups.items():
            counts = count_evidence(rule, start, end, tz_name, prefixes, unit_ids=unit_ids) if prefixes else {}
            due = due_date(rule, start, end)
            # The thresholds once per group; per unit only comparisons (this loop runs 30,000 times).
            missed_after = due + timedelta(days=rule.grace_days)
            soon_from = max(start, due - timedelta(days=rule.remind_days))
            done_by_unit = _roll_up(counts or {}, {m[0]["path"] for m in members})
            for unit, today in members:
                if counts is None:
                    rows.append(Row(unit, rule, start, end, due, NA, 0, required))
                    continue
                done = done_by_unit.get(unit["path"], 0)
                if done >= required:
                    status = MET
                elif today > missed_after:
                    status = MISSED
                elif today > due:
                    status = OVERDUE
                elif today >= soon_from:
                    status = DUE_SOON
                else:
                    status = PENDING
                rows.append(Row(unit, rule, start, end, due, status, done, required))
        return rows


def _roll_up(counts: dict[str, int], unit_paths: set[str]) -> dict[str, int]:
    """Counts per record path -> counts per owing unit (the unit whose path is a prefix)."""
    out: dict[str, int] = defaultdict(int)
    for path, n in counts.items():
        if path in unit_paths:
            # Most records sit on the owing unit itself; the owing units of one rule are all of one
            # kind, so none is an ancestor of another and the direct hit is the answer.
            out[path] += n
            continue
        for candidate in ancestor_paths(path):
            if candidate in unit_paths:
                out[candidate] += n
                break
    return out


def evaluate(*, roots: list[str] | None, day: date | None = None, now: datetime | None = None,
             rules: list[Obligation] | None = None, unit_ids: Iterable[int] | None = None,
             previous: bool = False) -> list[Row]:
    """Rows for every rule in force and every owing unit within ``roots`` (None: everywhere)."""
    rules = rules if rules is not None else rules_in_force(roots)
    if not rules:
        return []
    units = load_units(roots, {r.unit_kind for r in rules}, unit_ids)
    return Evaluator(now=now, roots=roots).evaluate(rules, units, day=day, previous=previous)


GENERATION_KEY = "compliance:generation"


def generation() -> int:
    """Bumped whenever rules or attestations change, so cached summaries never outlive them."""
    from django.core.cache import cache

    return cache.get_or_set(GENERATION_KEY, 1, None)


def bump_generation() -> None:
    from django.core.cache import cache

    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)

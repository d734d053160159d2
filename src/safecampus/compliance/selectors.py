"""Read side shared by pages and the API (same rules, two doors)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import inputs
from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.scoping import PRESENCE

from . import stored
from .choices import SEVERITY, Period
from .engine import Evaluator, Row, ancestor_paths, applies, load_units, owed, rules_in_force
from .models import Obligation
from .periods import CalendarIndex, period_span


def owns_duty(user, obligation: Obligation, unit_path: str) -> bool:
    """``user`` holds one of the rule's owner roles at the unit or inside it (a head teacher at her class)."""
    from safecampus.core.permissions import grants_of

    return any(g.role in (obligation.owner_roles or []) and g.path.startswith(unit_path) for g in grants_of(user))


def may_attest(user, obligation: Obligation, unit_path: str) -> bool:
    """The school's officers attest any duty; the owner of a duty attests that one (until an app's own
    records replace the attestation)."""
    return has_capability(user, "compliance.attest", unit_path) or owns_duty(user, obligation, unit_path)


def attestable(user) -> tuple[list[Obligation], list[int]]:
    """Attested rules ``user`` may sign and the units (schools) she may sign them for."""
    from safecampus.core.permissions import grants_of

    OrgUnit = apps.get_model("org", "OrgUnit")
    roots = scope_paths(user, "compliance.attest")
    grants = grants_of(user)
    paths = sorted({*roots, *(p for g in grants for p in ancestor_paths(g.path))})
    rules = [r for r in rules_in_force(paths) if r.evidence_kind == "compliance.attestation"]
    units = OrgUnit.objects.filter(kind__in=["school", "central_school"]).only("pk", "path", "kind")
    from safecampus.core.scoping import path_q

    candidates = list(units.filter(path_q("path", roots) | Q(path__in=paths))) if paths else []
    rules = [r for r in rules if any(may_attest(user, r, u.path) for u in candidates)]
    unit_ids = [u.pk for u in candidates if any(may_attest(user, r, u.path) for r in rules)]
    return rules, unit_ids


def parse_day(raw: str | None) -> date | None:
    return inputs.date(raw, "date", required=False)


def resolve_unit(user, raw: str | None, capability: str):
    """The unit a filter names: unknown or outside the reader's scope read the same (400, no leak);
    in scope without the capability is 403."""
    if raw in (None, ""):
        return None
    OrgUnit = apps.get_model("org", "OrgUnit")
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise InvalidInput.field("org_unit", _("Unknown unit.")) from None
    unit = OrgUnit.objects.visible_to(user, PRESENCE).filter(pk=pk).first()
    if unit is None:
        raise InvalidInput.field("org_unit", _("Unknown unit."))
    if not has_capability(user, capability, unit.path):
        raise Forbidden()
    return unit


def scope_roots(user, capability: str, unit=None) -> list[str]:
    roots = scope_paths(user, capability)
    if not roots:
        raise Forbidden()
    return [unit.path] if unit is not None else roots


def _owing_roots(user, org_unit: str | None, capability: str) -> list[str]:
    """The subtrees whose duties to show: the asked unit's, the reader's whole scope without one.
    A class owes nothing itself: it shows its school's duties."""
    unit = resolve_unit(user, org_unit, capability)
    roots = scope_roots(user, capability, unit)
    if unit is not None and unit.kind in ("grade", "class"):
        school = unit.school
        roots = [school.path] if school else roots
    return roots


def compliance_rows(user, *, org_unit: str | None = None, day: str | None = None,
                    capability: str = "compliance.view", now: datetime | None = None) -> list[Row]:
    parsed = parse_day(day)
    roots = _owing_roots(user, org_unit, capability)
    rules = rules_in_force(roots)
    units = load_units(roots, {r.unit_kind for r in rules}) if rules else []
    now = now or timezone.now()
    if _today_everywhere(parsed, units, now):
        rows = stored.current_rows(rules, units, now)
    else:
        rows = Evaluator(now=now, roots=roots).evaluate(rules, units, day=parsed)
    return sorted(rows, key=lambda r: (r.unit["path"], r.obligation.sort, r.obligation.code))


def _today_everywhere(day: date | None, units: list[dict], now: datetime) -> bool:
    """No day asked, or the day that is today in every unit's zone: the current period, as stored."""
    from .engine import local_today

    return day is None or all(local_today(now, u["timezone"]) == day for u in units)


def obligations_for(user) -> list[Obligation]:
    """Rules in force anywhere the reader can see (set above them or within their scope)."""
    roots = scope_paths(user, "compliance.view_own")
    if not roots:
        raise Forbidden()
    return rules_in_force(roots)


def worst_first(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (SEVERITY.get(r.status, 9), r.due))


def due_events(user, start: date, end: date) -> list[dict]:
    """Due dates of the duties a person owns between ``start`` and ``end`` (calendar page and feed).

    Computed from the rules and the calendar only (no evidence query per day). Daily duties come
    back once, flagged ``daily``, so a calendar can repeat them instead of listing 365 entries.
    """
    from safecampus.core.permissions import grants_of

    grants = grants_of(user)
    paths = sorted({g.path for g in grants})
    rules = rules_in_force(paths) if paths else []
    if not rules:
        return []
    ids = {int(p.strip("/").split("/")[-1]) for gp in paths for p in ancestor_paths(gp)}
    units = load_units(None, {r.unit_kind for r in rules}, ids)
    calendar = CalendarIndex()
    from .engine import due_date

    events = []
    for rule in rules:
        for unit in units:
            if not applies(rule, unit):
                continue
            if not any(g.role in rule.owner_roles and g.path.startswith(unit["path"]) for g in grants):
                continue
            name = unit["name_zh"] or unit["name"]
            if rule.period == Period.DAILY:
                events.append({"daily": True, "rule": rule, "unit": name, "unit_id": unit["id"], "due": start})
                continue
            cal = calendar.calendar_for(unit["path"])
            seen, day = set(), start - timedelta(days=62)
            while day <= end:
                span = period_span(rule.period, rule.period_days, cal, day)
                if span is None:
                    day += timedelta(days=7)
                    continue
                if span not in seen:
                    seen.add(span)
                    due = due_date(rule, *span)
                    if start <= due <= end:
                        events.append({"daily": False, "rule": rule, "unit": name, "unit_id": unit["id"],
                                       "due": due, "period": span})
                day = max(span[1] + timedelta(days=1), day + timedelta(days=1))
    return sorted(events, key=lambda e: (e["due"], e["rule"].sort))


def today() -> date:
    return timezone.localdate()


class LazyRows:
    """Compliance rows sorted by unit then rule, evaluated only for the slice a page asks for.

    ``len()`` comes from who owes what (unit ids and rules, cached), so a paginator can count
    30,000 rows without evaluating them; a page reads its ~15 units and evaluates them.
    """

    def __init__(self, rules, per_unit, roots, day, now):
        self.day, self.now, self.rules = day, now, rules
        self.per_unit = per_unit            # [(unit id, (rule ids))], in path order
        self.total = sum(len(rs) for _u, rs in self.per_unit)

    def __len__(self) -> int:
        return self.total

    def count(self) -> int:
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop, _step = index.indices(self.total)
        picked, offset, first = [], 0, None
        for unit_id, rules in self.per_unit:
            if offset + len(rules) > start and offset < stop:
                if first is None:
                    first = offset
                picked.append(unit_id)
            offset += len(rules)
            if offset >= stop:
                break
        if not picked:
            return []
        # One evaluation for all the page's units: one grouped query per rule, as everywhere.
        units = load_units(None, {r.unit_kind for r in self.rules}, picked)
        if _today_everywhere(self.day, units, self.now):
            rows = stored.current_rows(self.rules, units, self.now)
        else:
            rows = Evaluator(now=self.now, roots=[u["path"] for u in units]).evaluate(self.rules, units, day=self.day)
        rows.sort(key=lambda r: (r.unit["path"], r.obligation.sort, r.obligation.code))
        return rows[start - first: stop - first]


def lazy_compliance_rows(user, *, org_unit: str | None = None, day: str | None = None,
                         capability: str = "compliance.view", now: datetime | None = None) -> LazyRows:
    parsed = parse_day(day)
    roots = _owing_roots(user, org_unit, capability)
    rules = rules_in_force(roots)
    return LazyRows(rules, owed_units(roots, rules), roots, parsed, now or timezone.now())


OWED_TTL = 60


def owed_units(roots: list[str] | None, rules: list[Obligation]) -> list[tuple[int, tuple[int, ...]]]:
    """Who owes which rule within ``roots``, as (unit id, rule ids) in path order, read from the units
    table at most once a minute.

    It depends only on the tree and the rules, so a page of /api/v1/compliance need not reread
    every unit of a province to count its rows; only ids are kept (a province's unit dicts cost
    more to unpickle on every request than the page itself). A rule change bumps the generation
    (new key); a new school shows within the minute.
    """
    import hashlib

    from django.core.cache import cache

    from .engine import generation

    if not rules:
        return []
    scope = "|".join(roots) if roots is not None else "*"
    digest = hashlib.sha256((scope + "#" + ",".join(str(r.pk) for r in rules)).encode()).hexdigest()[:32]
    key = f"compliance:owed:{generation()}:{digest}"
    cached = cache.get(key)
    if cached is None:
        cached = [(unit["id"], tuple(r.pk for r in rs))
                  for unit, rs in owed(rules, load_units(roots, {r.unit_kind for r in rules}))]
        cache.set(key, cached, OWED_TTL)
    return cached

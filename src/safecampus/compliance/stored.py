"""The current period of every rule at every unit, kept by the one-minute sweep for readers.

The sweep evaluates every rule for every unit anyway (reminders need it). It writes what it found
into ``UnitStatus`` (only the rows that changed), and stamps the shared cache with the moment and
the rules' generation. A reader of the current period (a person's tasks, a page of
/api/v1/compliance, the compliance page) then reads its units' rows in one query instead of one
grouped count per rule.

Freshness: the store answers only while the stamp is younger than ``FRESH_SECONDS``, of today in
the school's zone and of the rules' current generation (a changed rule waits for the next sweep).
A record that counts towards a unit's duty marks that unit's rows (and its ancestors') of the rules
counting its kind stale as it is saved, so the person who just did a duty never sees it still owed:
stale rows, and rows the sweep has not met yet (a new school), are evaluated on the spot.
"""

from __future__ import annotations

from datetime import datetime

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from safecampus.core import memo

from . import registry
from .engine import GENERATION_KEY, Evaluator, Row, generation, local_today, owed
from .models import Obligation, UnitStatus

STAMP_KEY = "compliance:stored"
FRESH_SECONDS = 150      # two sweeps and a half, as the dashboards' summaries
FIELDS = ("period_start", "period_end", "due", "status", "done", "required")


def store(rows: list[Row], now: datetime, previous: list[Row] = ()) -> int:
    """Make ``UnitStatus`` match the sweep's rows of the current period (and of the previous one, which
    late alerts are about); returns the rows written."""
    wanted = {(r.unit_id, r.obligation.pk, cur): (r.period_start, r.period_end, r.due, r.status, r.done, r.required)
              for cur, group in ((True, rows), (False, previous)) for r in group}
    with transaction.atomic():
        have = {(u, o, cur): (pk, tuple(rest[:-1]), rest[-1]) for pk, u, o, cur, *rest in
                UnitStatus.objects.values_list("pk", "org_unit_id", "obligation_id", "current", *FIELDS, "stale")}
        create, update = [], []
        for key, values in wanted.items():
            found = have.pop(key, None)
            if found is None:
                create.append(UnitStatus(org_unit_id=key[0], obligation_id=key[1], current=key[2],
                                         **dict(zip(FIELDS, values, strict=True))))
            elif found[1] != values or found[2]:
                update.append(UnitStatus(pk=found[0], stale=False, **dict(zip(FIELDS, values, strict=True))))
        gone = [v[0] for v in have.values()]
        for start in range(0, len(gone), 500):   # a rule withdrawn from a province: bounded statements
            UnitStatus.objects.filter(pk__in=gone[start:start + 500]).delete()
        # Two sweeps at once write the same rows: the unique key keeps one.
        UnitStatus.objects.bulk_create(create, ignore_conflicts=True, batch_size=500)
        UnitStatus.objects.bulk_update(update, [*FIELDS, "stale"], batch_size=500)
        written = len(create) + len(update)
    cache.set(STAMP_KEY, {"at": now, "generation": generation()}, None)
    return written


def fresh(now: datetime) -> bool:
    # The stamp and the generation in one read, once per request (a page's task list and alerts both ask).
    got = memo.once(("compliance.stored.stamp",), lambda: cache.get_many([STAMP_KEY, GENERATION_KEY]))
    stamp = got.get(STAMP_KEY)
    if not stamp or stamp.get("generation") != got.get(GENERATION_KEY):
        return False
    age = (now - stamp["at"]).total_seconds()
    return 0 <= age <= FRESH_SECONDS and local_today(stamp["at"], "Asia/Shanghai") == local_today(now, "Asia/Shanghai")


def current_rows(rules: list[Obligation], units: list[dict], now: datetime) -> list[Row]:
    """Rows of the current period for ``units``: from the store when it is fresh, else evaluated."""
    if not rules or not units:
        return []
    if not fresh(now):
        return Evaluator(now=now, roots=[u["path"] for u in units]).evaluate(rules, units)
    by_unit = {u["id"]: u for u in units}
    by_rule = {r.pk: r for r in rules}
    owed_pairs = {(u["id"], r.pk) for u, rs in owed(rules, units) for r in rs}
    rows, seen = [], set()
    for unit_id, rule_id, *values, is_stale in UnitStatus.objects.filter(
            org_unit_id__in=list(by_unit), current=True).values_list("org_unit_id", "obligation_id", *FIELDS, "stale"):
        if (unit_id, rule_id) not in owed_pairs or is_stale:
            continue
        seen.add((unit_id, rule_id))
        rows.append(Row(by_unit[unit_id], by_rule[rule_id], *values))
    # Stale, or owed but not stored (a unit or rule the last sweep did not meet yet): evaluated now, only
    # those rules for those units.
    missing = owed_pairs - seen
    if missing:
        live = [by_unit[u] for u in sorted({u for u, _r in missing})]
        again = [by_rule[r] for r in sorted({r for _u, r in missing})]
        rows += [r for r in Evaluator(now=now, roots=[u["path"] for u in live]).evaluate(again, live)
                 if (r.unit_id, r.obligation.pk) in missing]
    return rows


def _evidence_models() -> dict[type, tuple[str, list[tuple[str, dict]]]]:
    """Each model some evidence kind counts: the lookup of its unit's path, and the kinds with their base
    filters."""
    found: dict[type, tuple[str, list[tuple[str, dict]]]] = {}
    for kind in registry.EVIDENCE.values():
        try:
            model = apps.get_model(kind.model)
        except (LookupError, ValueError):
            continue
        lookup = getattr(model, "scope_path_lookup", "org_unit__path")
        found.setdefault(model, (lookup, []))[1].append((kind.code, dict(kind.base_filter)))
    return found


def _may_count(instance, filters: list[tuple[str, dict]]) -> bool:
    """Whether a new record can count for any kind: only the plain field tests are checked here (a test
    through a relation is taken as met), so a record in no counting state (a hazard just reported, when
    only closed ones count) leaves the store alone."""
    for _code, base in filters:
        met = True
        for key, value in base.items():
            name, _sep, op = key.partition("__")
            if "__" in op or op not in ("", "in") or not hasattr(instance, name):
                continue
            actual = getattr(instance, name)
            if (op == "in" and actual not in value) or (op == "" and actual != value):
                met = False
                break
        if met:
            return True
    return False


_MODELS: dict[type, tuple[str, list[tuple[str, dict]]]] | None = None


def _record_changed(sender, instance, created: bool = False, **kwargs) -> None:
    global _MODELS
    if _MODELS is None:
        registry.load_app_modules()
        _MODELS = _evidence_models()
    found = _MODELS.get(sender)
    if found is None:
        return
    lookup, kinds = found
    if created and not _may_count(instance, kinds):
        return
    if lookup == "org_unit__path":
        unit = instance._state.fields_cache.get("org_unit")
        path = unit.path if unit is not None else apps.get_model("org", "OrgUnit").objects.filter(
            pk=instance.org_unit_id).values_list("path", flat=True).first()
    else:
        path = sender._default_manager.filter(pk=instance.pk).values_list(lookup, flat=True).first()
    if not path:
        return
    # The record counts for its unit and every unit above it (a class's record for its school), and only
    # for the rules that count its kind.
    ids = [int(p) for p in path.strip("/").split("/") if p.isdigit()]
    UnitStatus.objects.filter(org_unit_id__in=ids, stale=False,
                              obligation__evidence_kind__in=[k[0] for k in kinds]).update(stale=True)


def connect() -> None:
    post_save.connect(_record_changed, dispatch_uid="compliance.stored.saved")
    post_delete.connect(_record_changed, dispatch_uid="compliance.stored.deleted")

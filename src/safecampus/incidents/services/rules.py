"""Reporting rules as data: the central school's rows, seeded from data/rule_defaults.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.concurrency import lock
from safecampus.core.errors import InvalidInput
from safecampus.core.inputs import choice
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import OrgUnit

from ..choices import Kind, Severity
from ..models import ReportingRule
from .common import ancestor_ids

DEFAULTS_FILE = Path(__file__).resolve().parent.parent / "data" / "rule_defaults.json"


@cache
def defaults() -> dict:
    return json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Rule:
    first_report_minutes: int
    written_report_minutes: int
    notify_authority: bool
    source: str = ""


def resolve(unit: OrgUnit, kind: str, severity: str) -> Rule:
    """The rule of the nearest unit above that has one; an exact kind beats 'every kind'."""
    ids = ancestor_ids(unit)
    depth = {pk: i for i, pk in enumerate(ids)}
    # The numbers only, unordered (the model's ordering would join the units): a unit has at most one
    # row per (kind, severity), so the nearest unit and the exact kind pick one row whatever the order.
    rows = list(ReportingRule.objects.filter(org_unit_id__in=ids, severity=severity, kind__in=[kind, ""]).order_by(
    ).values_list("org_unit_id", "kind", "first_report_minutes", "written_report_minutes", "notify_authority",
                  "source"))
    if rows:
        _unit, _kind, first, written, notify_authority, source = max(
            rows, key=lambda r: (depth[r[0]], r[1] == kind))
        return Rule(first, written, notify_authority, source)
    for row in defaults()["rules"]:
        if row["severity"] == severity and row["kind"] in (kind, ""):
            return Rule(row["first_report_minutes"], row["written_report_minutes"], row["notify_authority"],
                        row["source"])
    return Rule(120, 1440, severity != Severity.GENERAL)


@transaction.atomic
def ensure_default_rules(*, actor, org_unit: OrgUnit) -> int:
    """Give a central school its own editable copy of the defaults (idempotent)."""
    require(actor, "incidents.manage_rules", org_unit)
    made = 0
    for row in defaults()["rules"]:
        _rule, created = ReportingRule.objects.get_or_create(
            org_unit=org_unit, kind=row["kind"], severity=row["severity"],
            defaults={"first_report_minutes": row["first_report_minutes"],
                      "written_report_minutes": row["written_report_minutes"],
                      "notify_authority": row["notify_authority"], "source": row["source"],
                      "changed_by": actor})
        made += created
    ensure_in_scope(actor, "incidents.manage_rules", org_unit)
    if made:
        audit.record("incidents.rules_seeded", actor=actor, org_unit=org_unit, object_type="incidents.reportingrule",
                     changes={"rules": made})
    return made


@transaction.atomic
def update_rule(rule: ReportingRule, *, actor, first_report_minutes: int, written_report_minutes: int,
                notify_authority: bool, source: str = "", expected_version: int | None = None) -> ReportingRule:
    require(actor, "incidents.manage_rules", rule.org_unit)
    rule = lock(ReportingRule, rule.pk, expected_version)
    if first_report_minutes < 1:
        raise InvalidInput.field("first_report_minutes", _("At least one minute."))
    if written_report_minutes < first_report_minutes:
        raise InvalidInput.field("written_report_minutes",
                                 _("The written report cannot be due before the first report."))
    before = {"first_report_minutes": rule.first_report_minutes, "written_report_minutes": rule.written_report_minutes,
              "notify_authority": rule.notify_authority, "source": rule.source}
    after = {"first_report_minutes": first_report_minutes, "written_report_minutes": written_report_minutes,
             "notify_authority": notify_authority, "source": source}
    changes = audit.diff(before, after)
    if changes:
        ReportingRule.objects.filter(pk=rule.pk).update(changed_by=actor, version=rule.version + 1, **after)
        ensure_in_scope(actor, "incidents.manage_rules", rule)
        audit.record("incidents.rule_changed", actor=actor, obj=rule, changes=changes)
        rule.refresh_from_db()
    return rule


@transaction.atomic
def create_rule(*, actor, org_unit: OrgUnit, kind: str, severity: str, first_report_minutes: int,
                written_report_minutes: int, notify_authority: bool, source: str = "") -> ReportingRule:
    """A rule for one kind (or every kind, blank) and severity in ``org_unit``'s district."""
    require(actor, "incidents.manage_rules", org_unit)
    if org_unit.kind not in ("central_school", "authority"):
        raise InvalidInput.field("org_unit", _("Rules belong to a central school or an authority."))
    kind = choice(kind, "kind", Kind, required=False)  # blank: every kind
    severity = choice(severity, "severity", Severity)
    if first_report_minutes < 1:
        raise InvalidInput.field("first_report_minutes", _("At least one minute."))
    if written_report_minutes < first_report_minutes:
        raise InvalidInput.field("written_report_minutes",
                                 _("The written report cannot be due before the first report."))
    if ReportingRule.objects.filter(org_unit=org_unit, kind=kind, severity=severity).exists():
        raise InvalidInput.field("kind", _("This unit already has a rule for this kind and severity; edit it."))
    rule = ReportingRule.objects.create(org_unit=org_unit, kind=kind, severity=severity,
                                        first_report_minutes=first_report_minutes,
                                        written_report_minutes=written_report_minutes,
                                        notify_authority=notify_authority, source=source, changed_by=actor)
    ensure_in_scope(actor, "incidents.manage_rules", rule)
    audit.record("incidents.rule_created", actor=actor, obj=rule, changes={
        "kind": kind, "severity": severity, "first_report_minutes": first_report_minutes,
        "written_report_minutes": written_report_minutes, "notify_authority": notify_authority})
    return rule

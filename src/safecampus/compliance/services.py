"""Every state change of the compliance app: one transaction, one audit event each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Forbidden, InvalidInput
from safecampus.core.files import store
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from . import registry
from .choices import Period
from .engine import applies, bump_generation, local_today
from .models import Attestation, CalendarFeed, Obligation
from .rules_data import RULES
from .signals import duty_signed

RULE_FIELDS = ("code", "preset", "active", "title", "title_zh", "description", "source", "unit_kind",
               "school_types", "needs_canteen", "needs_dormitory", "needs_transport", "needs_boarding", "period",
               "period_days", "required", "evidence_kind", "evidence_params", "due_offset_days",
               "due_after_start_days", "grace_days", "remind_days", "owner_roles", "escalation_roles",
               "supervisor_roles", "sort")
ROLE_LISTS = ("owner_roles", "escalation_roles", "supervisor_roles")


def validate_rule(data: dict[str, Any], *, strict: bool = True) -> None:
    """Rules are data typed by people: name the field that is wrong, never fail later.

    The plan loader is not strict about evidence: a rule may name the records of an app that
    registers its evidence later; until then the engine reports it as not applicable."""
    from safecampus.org.roles import ROLES

    registry.load_app_modules()
    if data.get("period") not in Period.values:
        raise InvalidInput.field("period", _("Unknown period."))
    kind = registry.EVIDENCE.get(data.get("evidence_kind", ""))
    if kind is None and not strict and data.get("evidence_kind"):
        kind = registry.EvidenceKind(data["evidence_kind"], "", "", "", params={k: k for k in
                                                                             data.get("evidence_params") or {}})
    if kind is None:
        raise InvalidInput.field("evidence_kind", _("Unknown evidence kind."))
    params = data.get("evidence_params") or {}
    if not isinstance(params, dict):
        raise InvalidInput.field("evidence_params", _("A mapping of filter names to values."))
    unknown = sorted(set(params) - set(kind.params) - ({"rule"} if kind.code == "compliance.attestation" else set()))
    if unknown:
        raise InvalidInput.field("evidence_params", _("Unknown filter: %(names)s.") % {"names": ", ".join(unknown)})
    for name in ROLE_LISTS:
        roles = data.get(name) or []
        if not isinstance(roles, list) or any(r not in ROLES for r in roles):
            raise InvalidInput.field(name, _("A list of known role codes."))
    if int(data.get("required", 1) or 0) < 1:
        raise InvalidInput.field("required", _("At least one."))


def _rule_values(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in RULE_FIELDS if k in data}


@transaction.atomic
def create_obligation(*, actor, org_unit, data: dict[str, Any], strict: bool = True) -> Obligation:
    require(actor, "compliance.manage_rules", org_unit)
    validate_rule(data, strict=strict)
    if Obligation.objects.filter(org_unit=org_unit, code=data.get("code")).exists():
        raise InvalidInput.field("code", _("A rule with this code already exists here."))
    rule = Obligation.objects.create(org_unit=org_unit, **_rule_values(data))
    ensure_in_scope(actor, "compliance.manage_rules", rule)
    audit.record("compliance.rule_created", actor=actor, obj=rule, changes=_rule_values(data))
    transaction.on_commit(bump_generation)
    return rule


@transaction.atomic
def update_obligation(obligation: Obligation, *, actor, data: dict[str, Any],
                      expected_version: int | None = None, strict: bool = True) -> Obligation:
    rule = lock(Obligation, obligation.pk, expected_version)
    require(actor, "compliance.manage_rules", rule.org_unit)
    before = {k: getattr(rule, k) for k in RULE_FIELDS}
    merged = {**before, **_rule_values(data)}
    validate_rule(merged, strict=strict)
    changed = audit.diff(before, merged)
    for name, value in merged.items():
        setattr(rule, name, value)
    if changed:
        bump(rule, *changed)
        ensure_in_scope(actor, "compliance.manage_rules", rule)
        audit.record("compliance.rule_changed", actor=actor, obj=rule, changes=changed)
        transaction.on_commit(bump_generation)
    return rule


def load_rules(*, actor, org_unit, replace: bool = False) -> tuple[int, int]:
    """Load the plan's rules at ``unit`` (idempotent: existing codes are kept unless ``replace``)."""
    created = updated = 0
    for data in RULES:
        existing = Obligation.objects.filter(org_unit=org_unit, code=data["code"]).first()
        if existing is None:
            create_obligation(actor=actor, org_unit=org_unit, data=dict(data), strict=False)
            created += 1
        elif replace:
            update_obligation(existing, actor=actor, data=dict(data), strict=False)
            updated += 1
    return created, updated


@transaction.atomic
def attest(*, actor, obligation: Obligation, org_unit, upload, note: str = "", now: datetime | None = None,
           performed_on: date | None = None) -> Attestation:
    """Sign that a duty was done, with its proof attached. The day is the server's, in the unit's zone;
    only the demo and data loaders pass an earlier ``performed_on``."""
    from safecampus.compliance.engine import UNIT_FIELDS

    from .selectors import may_attest

    if not may_attest(actor, obligation, org_unit.path):
        raise Forbidden()
    if obligation.evidence_kind != "compliance.attestation":
        raise InvalidInput.field("obligation", _("This duty is proven by its own records, not an attestation."))
    facts = {f: getattr(org_unit, f if f != "parent_id" else "parent_id") for f in UNIT_FIELDS}
    if not obligation.active or not applies(obligation, facts):
        raise InvalidInput.field("org_unit", _("This unit does not owe this duty."))
    if upload is None:
        raise InvalidInput.field("file", _("Attach a photo or scan as proof."))
    now = now or timezone.now()
    today = local_today(now, org_unit.timezone)
    day = performed_on or today
    if day > today:
        raise InvalidInput.field("performed_on", _("Cannot be in the future."))
    item = Attestation.objects.create(org_unit=org_unit, obligation=obligation, rule_code=obligation.code,
                                      performed_on=day, note=note, signed_by=actor, signed_at=now)
    store(upload, target=item, actor=actor, purpose="evidence")
    ensure_in_scope(actor, "compliance.view_own", item)  # owners attest too (selectors.may_attest)
    audit.record("compliance.attested", actor=actor, obj=item,
                 changes={"obligation": obligation.code, "performed_on": day, "note": note})
    # Readers of summaries (the dashboard) patch this unit's line; no global invalidation.
    transaction.on_commit(lambda: duty_signed.send(sender=Attestation, unit_path=org_unit.path, unit_kind=org_unit.kind,
                                                   obligation=obligation))
    return item


@transaction.atomic
def calendar_feed(*, actor, rotate: bool = False) -> CalendarFeed:
    """The caller's secret feed; rotating it makes the old URL stop working at once."""
    feed = CalendarFeed.objects.select_for_update().filter(user=actor).first()
    if feed is None:
        feed = CalendarFeed.objects.create(user=actor)
        audit.record("compliance.feed_created", actor=actor, object_type="compliance.calendarfeed",
                     object_id=feed.pk)
    elif rotate:
        from .models import _new_token

        feed.token = _new_token()
        feed.save(update_fields=["token"])
        audit.record("compliance.feed_rotated", actor=actor, object_type="compliance.calendarfeed",
                     object_id=feed.pk)
    return feed

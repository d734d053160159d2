"""The school's rules registry (ORG-6): adopting, revising, acknowledging."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit
from safecampus.core.concurrency import bump, check_version, lock
from safecampus.core.errors import Conflict, Forbidden, InvalidInput
from safecampus.core.inputs import text
from safecampus.core.permissions import grants_of, require
from safecampus.core.scoping import ensure_in_scope
from safecampus.org.models import OrgUnit

from .. import texts
from ..models import (
    RuleAcknowledgement,
    RuleVersion,
    SchoolRule,
)


@transaction.atomic
def adopt_rule(*, actor, org_unit: OrgUnit, code: str, title: str = "", title_zh: str = "", body: str = "",
               body_zh: str = "") -> SchoolRule:
    """Adopt a model rule (its shipped wording unless adapted here) as version 1 of the unit's rule."""
    require(actor, "responsibility.adopt_rules", org_unit)
    model = texts.model_rule(code)
    if model is None:
        raise InvalidInput.field("code", _("Unknown rule."))
    OrgUnit.objects.select_for_update().filter(pk=org_unit.pk).first()
    if SchoolRule.objects.filter(org_unit=org_unit, code=code).exists():
        raise Conflict(_("This unit has already adopted this rule; revise it instead."))
    rule = SchoolRule.objects.create(org_unit=org_unit, code=code,
                                     adopted_by=actor if getattr(actor, "pk", None) else None)
    version = RuleVersion.objects.create(
        org_unit=org_unit, rule=rule, number=1, title=text(title or model["title"], "title", max_length=200),
        title_zh=text(title_zh or model["title_zh"], "title_zh", required=False, max_length=200),
        body=text(body or model["body"], "body", max_length=None), body_zh=(body_zh or model["body_zh"]).strip(),
        adopted_at=timezone.now(), adopted_by=rule.adopted_by)
    rule.current = version
    bump(rule, "current")
    ensure_in_scope(actor, "responsibility.adopt_rules", rule)
    audit.record("responsibility.rule_adopted", actor=actor, obj=rule, changes={"code": code, "version": 1})
    return rule


@transaction.atomic
def revise_rule(rule: SchoolRule, *, actor, title: str, title_zh: str, body: str, body_zh: str, note: str = "",
                expected_version: int | None = None) -> SchoolRule:
    """A new version; staff acknowledge it again."""
    rule = lock(SchoolRule, rule.pk, expected_version)
    require(actor, "responsibility.adopt_rules", rule.org_unit)
    number = (rule.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = RuleVersion.objects.create(
        org_unit=rule.org_unit, rule=rule, number=number, title=text(title, "title", max_length=200),
        title_zh=text(title_zh, "title_zh", required=False, max_length=200), body=text(body, "body", max_length=None),
        body_zh=text(body_zh, "body_zh", required=False, max_length=None),
        note=text(note, "note", required=False, max_length=255),
        adopted_at=timezone.now(), adopted_by=actor if getattr(actor, "pk", None) else None)
    rule.current = version
    bump(rule, "current")
    ensure_in_scope(actor, "responsibility.adopt_rules", rule)
    audit.record("responsibility.rule_revised", actor=actor, obj=rule, changes={"version": [number - 1, number]},
                 reason=version.note)
    return rule


@transaction.atomic
def acknowledge_rule(rule: SchoolRule, *, actor, expected_version: int | None = None) -> RuleAcknowledgement:
    """The caller read the rule's current version (``expected_version``: the rule's row as read; a rule
    changed since is a 409). Acknowledging again returns the first acknowledgement."""
    rule = check_version(SchoolRule.objects.select_for_update(of=("self",)).select_related(
        "org_unit", "current").get(pk=rule.pk), expected_version)
    # A rule binds the people working at its unit or below; a supervisor above does not acknowledge it.
    if actor is None or not any(g.path.startswith(rule.org_unit.path) and g.allows("responsibility.acknowledge")
                                for g in grants_of(actor)):
        raise Forbidden(_("Only the staff the rule applies to acknowledge it."))
    ack, created = RuleAcknowledgement.objects.get_or_create(
        rule_version=rule.current, user=actor,
        defaults={"org_unit": rule.org_unit, "acknowledged_at": timezone.now()})
    if created:
        audit.record("responsibility.rule_acknowledged", actor=actor, obj=rule,
                     changes={"version": rule.current.number})
    return ack

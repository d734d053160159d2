"""Emergency plans (EMG-1): drafted, approved by the principal or above, versioned, reviewed yearly."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safecampus.core import audit, inputs
from safecampus.core.concurrency import bump, lock
from safecampus.core.errors import Conflict
from safecampus.core.permissions import require
from safecampus.core.scoping import ensure_in_scope

from ..choices import PlanKind, PlanStatus, ReviewKind
from ..models import EmergencyPlan, PlanReview
from .common import school_unit

MANAGE, APPROVE = "readiness.manage", "readiness.approve"


@transaction.atomic
def create_plan(*, actor, org_unit, kind: str, title: str, body: str) -> EmergencyPlan:
    """A draft. Where the school has a plan of this kind already, the draft is its next version."""
    unit = school_unit(org_unit)
    require(actor, MANAGE, unit)
    kind = inputs.choice(kind, "kind", PlanKind)
    title = inputs.text(title, "title", max_length=inputs.SHORT_TEXT)
    body = inputs.text(body, "body", max_length=50_000)
    newest = (EmergencyPlan.objects.select_for_update().filter(org_unit=unit, kind=kind)
              .order_by("-edition").first())
    if newest is not None and newest.status == PlanStatus.DRAFT:
        raise Conflict(_("A draft of this plan is open already: change that one."))
    plan = EmergencyPlan.objects.create(org_unit=unit, kind=kind, title=title, body=body, written_by=actor,
                                        edition=(newest.edition + 1) if newest else 1, previous=newest)
    ensure_in_scope(actor, MANAGE, plan)
    audit.record("readiness.plan_drafted", actor=actor, obj=plan,
                 changes={"kind": [None, kind], "title": [None, title], "edition": [None, plan.edition]})
    return plan


@transaction.atomic
def update_plan(plan: EmergencyPlan, *, actor, expected_version: int | None = None, title: str,
                body: str) -> EmergencyPlan:
    """A draft's text; an approved plan is changed by drafting its next version."""
    plan = lock(EmergencyPlan, plan.pk, expected_version)
    require(actor, MANAGE, plan.org_unit)
    if plan.status != PlanStatus.DRAFT:
        raise Conflict(_("An approved plan is not edited: draft its next version."))
    after = {"title": inputs.text(title, "title", max_length=inputs.SHORT_TEXT),
             "body": inputs.text(body, "body", max_length=50_000)}
    changes = audit.diff({"title": plan.title, "body": plan.body}, after)
    if changes:
        plan.title, plan.body = after["title"], after["body"]
        bump(plan, "title", "body")
        audit.record("readiness.plan_changed", actor=actor, obj=plan,
                     changes={k: v if k == "title" else [len(v[0]), len(v[1])] for k, v in changes.items()})
    return plan


@transaction.atomic
def approve_plan(plan: EmergencyPlan, *, actor, expected_version: int | None = None,
                 note: str = "") -> EmergencyPlan:
    """The principal (or someone above) approves a draft; the version it replaces stays readable."""
    plan = lock(EmergencyPlan, plan.pk, expected_version)
    require(actor, APPROVE, plan.org_unit)
    if plan.status != PlanStatus.DRAFT:
        raise Conflict(_("This plan was approved already."))
    note = inputs.text(note, "note", required=False)
    now = timezone.now()
    older = EmergencyPlan.objects.filter(org_unit_id=plan.org_unit_id, kind=plan.kind, status=PlanStatus.APPROVED)
    for old in older.select_for_update():
        old.status = PlanStatus.SUPERSEDED
        bump(old, "status")
        audit.record("readiness.plan_superseded", actor=actor, obj=old,
                     changes={"status": [PlanStatus.APPROVED, PlanStatus.SUPERSEDED]})
    plan.status, plan.approved_by, plan.approved_at = PlanStatus.APPROVED, actor, now
    bump(plan, "status", "approved_by", "approved_at")
    PlanReview.objects.create(org_unit_id=plan.org_unit_id, plan=plan, kind=ReviewKind.APPROVAL, reviewed_at=now,
                              reviewed_by=actor, note=note)
    audit.record("readiness.plan_approved", actor=actor, obj=plan,
                 changes={"status": [PlanStatus.DRAFT, PlanStatus.APPROVED]}, reason=note)
    return plan


@transaction.atomic
def review_plan(plan: EmergencyPlan, *, actor, expected_version: int | None = None,
                note: str = "") -> PlanReview:
    """The yearly review of an approved plan that still holds (a plan that needs changes gets a new version)."""
    plan = lock(EmergencyPlan, plan.pk, expected_version)
    require(actor, APPROVE, plan.org_unit)
    if plan.status != PlanStatus.APPROVED:
        raise Conflict(_("Only the approved version of a plan is reviewed."))
    review = PlanReview.objects.create(org_unit_id=plan.org_unit_id, plan=plan, kind=ReviewKind.REVIEW,
                                       reviewed_at=timezone.now(), reviewed_by=actor,
                                       note=inputs.text(note, "note", required=False))
    audit.record("readiness.plan_reviewed", actor=actor, obj=plan, changes={}, reason=review.note)
    return review

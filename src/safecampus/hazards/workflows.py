"""The hazard closed loop as one table: UI buttons, API actions and docs read it.

reported -assign-> assigned -rectify-> awaiting_verification -verify-> closed
                                        awaiting_verification -reject-> assigned

Major hazards: ``verify`` needs ``hazards.sign_off`` (the central school), so closing a major
hazard *is* the central-school sign-off; school leaders may still reject it back.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safecampus.core.permissions import has_capability, scope_paths
from safecampus.core.workflow import Transition, Workflow, unit_path

from .choices import Level, Status


def _is_assignee(hazard, user):
    if hazard.assignee_id != user.pk:
        return _("Only the person responsible for the hazard can report it rectified.")
    return None


def _not_own_work(hazard, user):
    # Four eyes: whoever fixed it (or was asked to) cannot judge the fix.
    if user.pk in (hazard.assignee_id, hazard.rectified_by_id):
        return _("The verifier must be neither the person responsible nor the rectifier.")
    return None


def _major_needs_sign_off(hazard, user):
    if hazard.level == Level.MAJOR and not has_capability(user, "hazards.sign_off", unit_path(hazard)):
        return _("A major hazard is closed only with the central school's sign-off.")
    return None


WORKFLOW = Workflow("hazard", [
    Transition("assign", (Status.REPORTED,), Status.ASSIGNED, "hazards.assign", pgettext_lazy("hazard", "Assign"),
               style="primary"),
    Transition("rectify", (Status.ASSIGNED,), Status.AWAITING_VERIFICATION, "hazards.rectify",
               _("Report rectified"), (_is_assignee,), style="primary"),
    Transition("verify", (Status.AWAITING_VERIFICATION,), Status.CLOSED, "hazards.verify", _("Verify and close"),
               (_not_own_work, _major_needs_sign_off), style="success"),
    Transition("reject", (Status.AWAITING_VERIFICATION,), Status.ASSIGNED, "hazards.verify",
               _("Reject rectification"), (_not_own_work,), style="danger"),
])

# Actions beside the state machine (they record facts without moving the state).
COMMITMENTS = "commitments"
CONTACT = "contact"
SUPERVISE = "supervise"
SUPERVISE_CAPABILITY = "hazards.supervise"


def commitments_allowed(hazard, user) -> bool:
    # Recorded once: a later change of plan is a new fact in the rectification, not a rewrite.
    return (hazard.level == Level.MAJOR and hazard.status in (Status.REPORTED, Status.ASSIGNED)
            and not hazard.has_commitments and has_capability(user, "hazards.assign", unit_path(hazard)))


def contact_allowed(hazard, user) -> bool:
    if hazard.status == Status.CLOSED or not hazard.is_surroundings:
        return False
    return has_capability(user, "hazards.assign", unit_path(hazard)) or hazard.assignee_id == user.pk


def supervisable(hazard) -> bool:
    """Supervision (督办) is for open hazards that went above the school: major, escalated or overdue-escalated."""
    return hazard.status != Status.CLOSED and (
        hazard.level == Level.MAJOR or hazard.escalated or hazard.overdue_escalated_at is not None)


def supervises_from_above(user, hazard) -> bool:
    """Only a supervisor placed strictly above the school (central school, authority) issues the order:
    a role held at the school itself, whatever it grants, is the school supervising itself."""
    school = unit_path(hazard)
    return any(root != school and school.startswith(root) for root in scope_paths(user, SUPERVISE_CAPABILITY))


def supervise_allowed(hazard, user) -> bool:
    return supervisable(hazard) and supervises_from_above(user, hazard)


def allowed_actions(hazard, user) -> list[str]:
    """The workflow's actions, minus rectify while a major hazard lacks its five commitments."""
    actions = WORKFLOW.allowed_actions(hazard, user)
    if hazard.level == Level.MAJOR and not hazard.has_commitments and "rectify" in actions:
        actions.remove("rectify")
    if commitments_allowed(hazard, user):
        actions.append(COMMITMENTS)
    if contact_allowed(hazard, user):
        actions.append(CONTACT)
    if supervise_allowed(hazard, user):
        actions.append(SUPERVISE)
    return actions

"""The inspection's life: scheduled -> completed, or cancelled before it is carried out."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability
from safecampus.core.workflow import Transition, Workflow, unit_path


def not_someone_elses(inspection, user):
    """The assigned inspector carries it out; whoever scheduled it may stand in for them."""
    if inspection.assignee_id in (None, user.pk):
        return None
    if has_capability(user, "inspections.schedule", unit_path(inspection)):
        return None
    return _("This inspection is assigned to someone else.")


INSPECTION = Workflow("inspection", [
    Transition("complete", ("scheduled",), "completed", "inspections.carry_out", _("Carry out"),
               (not_someone_elses,)),
    Transition("cancel", ("scheduled",), "cancelled", "inspections.schedule", _("Cancel"),
               style="outline-danger"),
])

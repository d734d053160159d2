"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_LABELS, CHANGE_REFS

from .choices import ActivityStatus, ApproverLevel, CheckResult, VaccinationStatus
from .defences_data import label_of

CHANGE_LABELS.update({"checkpoint": _("Checkpoint"), "route": _("Route"), "checkpoints": _("Checkpoints"),
                      "operations.duty_handed_over:to": _("Handed to"),
                      "operations.dorm_room_added:quantity": _("Beds")})
CHANGE_CHOICES.update({"operations.defence_recorded:kind": label_of, "operations.defence_checked:kind": label_of,
                       "operations.checked_in:result": CheckResult})
CHANGE_REFS.update({"operations.duty_handed_over:to": "auth.user"})
CHANGE_CHOICES.update({"operations.vaccination_checked:status": VaccinationStatus,
                       "operations.activity_applied:approver_level": ApproverLevel,
                       "operations.activity_approved:status": ActivityStatus,
                       "operations.activity_rejected:status": ActivityStatus})

"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_LABELS, CHANGE_REFS

from .choices import FollowUpKind, Status

CHANGE_LABELS.update({
    "incidents.investigated:findings": _("Findings"),
    "incidents.investigated:measures": _("Measures"),
    "incidents.investigated:responsible": _("People responsible"),
    "incidents.investigated:hazards": _("Hazard records"),
    "incidents.followup:kind": _("Kind of report"),
    "written_late": _("Written report late"),
    "targets": _("Sent to"),
    "incidents.info_reported:incidents": _("Incidents"),
    "month": _("Month"),
    "zero": _("Zero report"),
    "rules": _("Rules"),
})
CHANGE_CHOICES.update({"incidents.closed:status": Status, "incidents.followup:status": Status,
                       "incidents.followup:kind": FollowUpKind, "incidents.reopened:status": Status})
CHANGE_REFS.update({"targets": "org.orgunit", "incidents.investigated:hazards": "hazards.hazard"})

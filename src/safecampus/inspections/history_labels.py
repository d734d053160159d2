"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_LABELS, CHANGE_REFS

from .choices import Outcome

CHANGE_LABELS.update({
    "outcomes": _("Results"), "item_count": _("Items"), "candidates": _("Candidate schools"),
    "chosen": _("Schools drawn"), "inspections.completed:hazards": _("Hazards opened"),
    "draw": _("Spot-check draw"), "template_version": _("Checklist version"), "template": _("Checklist"),
})
CHANGE_CHOICES.update({"outcomes": Outcome})
CHANGE_REFS.update({"candidates": "org.orgunit", "chosen": "org.orgunit",
                    "inspections.completed:hazards": "hazards.hazard"})

"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_LABELS, CHANGE_REFS, HIDDEN_CHANGES

from .choices import ContactMethod

CHANGE_LABELS.update({
    "hazards.contact_logged:department": _("Outside department"),
    "hazards.contact_logged:method": _("How"),
    "hazards.contact_logged:summary": _("What was agreed"),
    "supervisions": _("Supervision orders"),
    "hazards": _("Hazards"),
})
CHANGE_CHOICES.update({"hazards.contact_logged:method": ContactMethod})
CHANGE_REFS.update({"hazards": "hazards.hazard"})
HIDDEN_CHANGES.update({"hazards.contact_logged:contact"})

"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_LABELS, LISTED

from .choices import CheckResult, Meal

CHANGE_LABELS.update({"canteen.batch_refused:reasons": _("Reasons"), "result": _("Result")})
CHANGE_CHOICES.update({
    "canteen.batch_refused:reasons": {"has_certificate": _("No inspection certificate"),
                                      "has_ticket": _("No purchase ticket"),
                                      "supplier": _("Supplier not qualified")},
    "meals_served": Meal, "canteen.equipment_checked:result": CheckResult,
})
LISTED.update({"canteen.batch_refused:reasons", "meals_served"})

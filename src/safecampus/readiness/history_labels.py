"""How this app's audit changes read in a history (``core.history``): keys that are not fields."""

from django.utils.translation import gettext_lazy as _

from safecampus.core.labels import CHANGE_CHOICES, CHANGE_LABELS

from .choices import MemberRole

CHANGE_LABELS.update({"problems": _("Problems found"), "line": _("Budget line")})
CHANGE_CHOICES.update({"readiness.member_added:role": MemberRole, "readiness.member_changed:role": MemberRole})

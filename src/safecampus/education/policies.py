"""The numbers education rules use, as policy rows the central school or the authority may change."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.compliance.policies import Number, PolicyBook, PolicySpec, policy_for, register_policy

TRAINING = "education.training"
NOTICES = "education.notices"

register_policy(PolicySpec(
    code=TRAINING, title=_("Staff safety training"),
    source=("Safety work plan, education 3 (staff trained every year); no national minimum of hours: "
            "8 h a school year is a common county rule, which the central school may change."),
    fields=[Number("min_hours", _("Least hours of safety training per person per school year"), default=8,
                   minimum=1, maximum=200, unit="h")]))
register_policy(PolicySpec(
    code=NOTICES, title=_("Notices to parents"),
    source="Working default (no regulation): a parent's link stays valid 60 days after the notice is sent.",
    fields=[Number("link_days", _("Days a parent's link stays valid"), default=60, minimum=1, maximum=365,
                   unit=_("days"))]))

__all__ = ["NOTICES", "TRAINING", "PolicyBook", "policy_for"]

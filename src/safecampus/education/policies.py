"""The numbers education rules use, as policy rows the central school or the authority may change."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TRAINING = "education.training"
NOTICES = "education.notices"

TRAINING_SOURCE = ("Local rule: no national minimum of yearly safety-training hours; 8 h is a common "
                   "county requirement (安全工作计划 education 3). The central school sets its own.")
NOTICES_SOURCE = "Working default: a parent's link stays valid 60 days after the notice is sent."
DEFAULTS = {TRAINING: {"min_hours": 8}, NOTICES: {"link_days": 60}}

try:
    from safecampus.compliance.policies import Number, PolicySpec, register_policy
    from safecampus.compliance.policies import policy_for as _policy_for
except ImportError:  # the shared policy module is not on this branch yet: the defaults answer
    _policy_for = None
else:
    register_policy(PolicySpec(
        code=TRAINING, title=_("Staff safety training"), source=TRAINING_SOURCE,
        fields=[Number("min_hours", _("Least hours of safety training per person per school year"),
                       default=8, minimum=1, maximum=200)]))
    register_policy(PolicySpec(
        code=NOTICES, title=_("Notices to parents"), source=NOTICES_SOURCE,
        fields=[Number("link_days", _("Days a parent's link stays valid"), default=60, minimum=1, maximum=365)]))


def policy_for(unit, code: str) -> dict:
    if _policy_for is None:
        return dict(DEFAULTS[code])
    return _policy_for(unit, code)

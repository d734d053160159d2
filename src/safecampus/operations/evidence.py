"""What the obligations engine counts from daily operations, and what the sweep does for them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from safecampus.compliance.registry import EvidenceKind, register_evidence
from safecampus.core import sweeps

from .sweeps import missed_checkpoints, pickups_waiting, purge_visitor_identities, visitors_at_closing

for hook in (visitors_at_closing, purge_visitor_identities, missed_checkpoints, pickups_waiting):
    sweeps.register(hook)

# A day's duty log (any shift) is the evidence of the daily duty-log obligation for that day.
register_evidence(EvidenceKind("operations.duty_log", gettext_lazy("Duty logs"), "operations.DutyLog", "date",
                               record_url="operations:duty-log-new"))
# A day on which every checkpoint of a route was checked; ``kind: fire`` is the daily fire patrol.
register_evidence(EvidenceKind("operations.patrol_round", gettext_lazy("Complete patrol rounds"),
                               "operations.PatrolRound", "date", base_filter={"complete": True},
                               params={"kind": "route__kind"}, record_url="operations:patrols"))

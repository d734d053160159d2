"""What the obligations engine counts from daily operations, and what the sweep does for them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from safecampus.compliance.registry import EvidenceKind, TaskSource, register_evidence, register_tasks
from safecampus.core import sweeps

from .services.vaccination import refresh_years_daily
from .sweeps import missed_checkpoints, pickups_waiting, purge_visitor_identities, visitors_at_closing

for hook in (visitors_at_closing, purge_visitor_identities, missed_checkpoints, pickups_waiting, refresh_years_daily):
    sweeps.register(hook)

# A day's duty log (any shift) is the evidence of the daily duty-log obligation for that day.
register_evidence(EvidenceKind("operations.duty_log", gettext_lazy("Duty logs"), "operations.DutyLog", "date",
                               action_url="operations:duty"))
# A day on which every checkpoint of a route was checked; ``kind: fire`` is the daily fire patrol.
register_evidence(EvidenceKind("operations.patrol_round", gettext_lazy("Complete patrol rounds"),
                               "operations.PatrolRound", "date", base_filter={"complete": True},
                               params={"kind": "route__kind"}, action_url="operations:scan"))
# A school year in which every new pupil's vaccination certificate was checked (rule ``vaccination-check``),
# dated the day the last one was.
register_evidence(EvidenceKind("operations.vaccination_year", gettext_lazy("Every new pupil's certificate checked"),
                               "operations.VaccinationYear", "complete_on", base_filter={"complete": True},
                               action_url="operations:vaccination"))


def collect_activities(user):
    """Large activities waiting for this approver's level; approved ones ahead, on their day (the calendar)."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from safecampus.compliance.registry import TaskItem
    from safecampus.core.permissions import scope_paths

    from .models import Activity
    from .services.activities import LEVEL_ROLES

    if user is None or not user.is_authenticated:
        return
    now = timezone.now()
    if scope_paths(user, "operations.approve_activities"):
        held = list(user.role_assignments.values_list("role__code", "org_unit__path"))
        pending = (Activity.objects.visible_to(user, "operations.approve_activities").filter(status="submitted")
                   .select_related("org_unit").order_by("starts_at")[:100])
        for item in pending:
            role = LEVEL_ROLES[item.approver_level][0]
            if any(code == role and item.org_unit.path.startswith(path) for code, path in held):
                yield TaskItem(kind="operations.activity_approve",
                               title=_("Approve the activity: %(title)s") % {"title": item.title},
                               url=item.get_absolute_url(), due=item.starts_at, unit_id=item.org_unit_id,
                               object_type="operations.activity", object_id=str(item.pk))
    if scope_paths(user, "operations.activities"):
        ahead = (Activity.objects.visible_to(user, "operations.activities").filter(status="approved",
                                                                                   starts_at__gte=now)
                 .order_by("starts_at")[:50])
        for item in ahead:
            yield TaskItem(kind="operations.activity", title=_("Large activity: %(title)s") % {"title": item.title},
                           url=item.get_absolute_url(), due=item.starts_at, unit_id=item.org_unit_id,
                           object_type="operations.activity", object_id=str(item.pk))


register_tasks(TaskSource("operations.activities", gettext_lazy("Large activities"), collect_activities))

"""Every state change of the incidents app. Views and the API call these and nothing else."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from .filing import add_followup, amend, close, file_incident, record_investigation, reveal_names, sweep_written_reports
from .info import submit_info_report, sweep_missing_reports
from .notices import (
    acknowledge_notice,
    publish_notice,
    publish_notice_once,
    record_accountability,
    record_accountability_once,
)
from .rules import create_rule, ensure_default_rules, update_rule


def sweep_deadlines(now: datetime | None = None) -> int:
    """Escalate missing written reports and flag missing monthly reports; a second run sends nothing."""
    now = now or timezone.now()
    return sweep_written_reports(now) + sweep_missing_reports(now)


__all__ = ["acknowledge_notice", "add_followup", "amend", "close", "create_rule", "ensure_default_rules",
           "file_incident", "publish_notice", "publish_notice_once", "record_accountability",
           "record_accountability_once", "record_investigation", "reveal_names",
           "submit_info_report", "sweep_deadlines", "update_rule"]

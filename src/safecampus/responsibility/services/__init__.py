"""Every state change of the responsibility app, by sub-domain: one transaction, a row lock or
version check, one audit event per change, notifications written in the same transaction.

``teams`` (safety teams, post duties), ``letters`` (responsibility letters), ``meetings``
(meetings and their actions), ``rules`` (the rules registry); ``common`` holds what they share.
Callers import from the package: ``from safecampus.responsibility import services``.
"""

from .common import display_name, duty_lines, home_unit, school_year_of
from .letters import (
    BatchResult,
    ensure_templates,
    issue_batch,
    issue_letter,
    letter_digest,
    remind_unsigned,
    renew_letters,
    sign_letter,
    update_template,
    verify_letter,
)
from .meetings import complete_action, record_meeting
from .rules import acknowledge_rule, adopt_rule, revise_rule
from .teams import add_member, duties_text, ensure_team, remove_member, set_post_duties

__all__ = [
    "BatchResult", "acknowledge_rule", "add_member", "adopt_rule", "complete_action", "display_name", "duties_text",
    "duty_lines",
    "ensure_team", "ensure_templates", "home_unit", "issue_batch", "issue_letter", "letter_digest", "record_meeting",
    "remind_unsigned", "remove_member", "renew_letters", "revise_rule", "school_year_of", "set_post_duties",
    "sign_letter", "update_template", "verify_letter",
]

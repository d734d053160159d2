"""The records this app keeps in a school's semester archive (core.archive; read by the reports app)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from safecampus.core.archive import model_kind, register

register(model_kind("responsibility.letter", "responsibility", "responsibility.ResponsibilityLetter", "issued_at",
                    order=10, title=lambda x: f"{x.title} · {x.recipient_name} · {x.get_status_display()}"))
register(model_kind("responsibility.meeting", "responsibility", "responsibility.Meeting", "held_at", order=20,
                    title=lambda m: m.title))
register(model_kind("responsibility.meeting_action", "responsibility", "responsibility.MeetingAction", "due",
                    label=_("Meeting action"), order=21, title=lambda a: f"{a.title} · {a.get_status_display()}"))
register(model_kind("responsibility.rule_version", "responsibility", "responsibility.RuleVersion", "adopted_at",
                    label=_("Safety rule version"), order=30, title=str))
register(model_kind("responsibility.rule_ack", "responsibility", "responsibility.RuleAcknowledgement",
                    "acknowledged_at", label=_("Safety rule acknowledgement"), order=31,
                    select_related=("rule_version", "user"),
                    title=lambda a: f"{a.rule_version} · {a.user.get_full_name() or a.user.username}"))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "safecampus.compliance"
    label = "compliance"
    verbose_name = _("Compliance")

    def ready(self) -> None:
        from safecampus.core import home, nav, sweeps
        from safecampus.core.attachments import register_owner
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.notify import register_resolver
        from safecampus.core.permissions import grant
        from safecampus.org.roles import ROLES

        from . import (  # noqa: F401  (registers the attestation evidence kind; policies reads units' numbers for core)
            alerts,
            evidence,
            history_labels,
            policies,
        )
        from .models import Attestation
        from .views.duties import tasks_panel

        register_owner(Attestation, "compliance.view_own", check=_signer_or_viewer)  # who may read its attachments

        for role in ROLES:
            grant(role, ["compliance.view_own"])
        for role in ("principal", "safety_officer"):
            grant(role, ["compliance.view", "compliance.attest"])
        grant("central_officer", ["compliance.*"])
        grant("authority_officer", ["compliance.view", "compliance.manage_policy"])

        nav.register("home", _("My tasks"), "compliance:tasks", "compliance.view_own", 10)
        nav.register("home", _("Calendar"), "compliance:calendar", "compliance.view_own", 20)
        nav.register("assessment", _("Obligations"), "compliance:obligation-list", "compliance.view", 10)
        nav.register("assessment", _("Compliance status"), "compliance:status", "compliance.view", 15)
        nav.register("assessment", _("Policies"), "compliance:policies", "compliance.view", 18)
        home.register_panel(tasks_panel, order=0)
        from . import stored

        stored.connect()   # a record that counts marks its unit's stored statuses stale
        sweeps.set_enqueue(enqueue_sweep)
        register_resolver("compliance.", alerts.settled)
        ACTION_LABELS.update({
            "compliance.rule_created": _("Rule created"),
            "compliance.rule_changed": _("Rule changed"),
            "compliance.attested": _("Duty attested"),
            "compliance.reminders_sent": _("Reminders and escalations sent"),
            "compliance.feed_created": _("Calendar feed created"),
            "compliance.feed_rotated": _("Calendar feed address changed"),
            "compliance.policy_set": _("Policy set for a unit"),
            "compliance.policy_changed": _("Policy changed"),
            "compliance.policy_cleared": _("Unit follows the policy above again"),
        })


def enqueue_sweep() -> None:
    """Queue one sweep for the task worker (the demo's scheduler thread calls this each minute)."""
    from .tasks import sweep_obligations

    sweep_obligations.enqueue()


def _signer_or_viewer(user, attestation) -> bool:
    """As the attestation's page: its signer, or whoever may view its unit's compliance."""
    from safecampus.core.permissions import has_capability

    path = attestation.org_unit.path
    return has_capability(user, "compliance.view_own", path) and (
        attestation.signed_by_id == user.pk or has_capability(user, "compliance.view", path))

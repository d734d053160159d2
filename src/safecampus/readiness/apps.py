from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "safecampus.readiness"
    label = "readiness"
    verbose_name = _("Emergency readiness")

    def ready(self) -> None:
        from safecampus.core import nav
        from safecampus.core.attachments import register_owner
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant
        from safecampus.org.roles import SCHOOL_STAFF_ROLES

        from . import (  # noqa: F401  (registers evidence kinds, tasks and the drill policy)
            evidence,
            history_labels,
            policies,
        )
        from .models import Drill, FundSpending

        register_owner(Drill, "readiness.view")
        register_owner(FundSpending, "readiness.view_funds")
        # In an emergency anyone at the school may need the contact tree: the duty leader first.
        for role in SCHOOL_STAFF_ROLES:
            grant(role, ["readiness.view_teams"])
        for role in ("principal", "safety_officer", "central_officer", "authority_officer"):
            grant(role, ["readiness.view", "readiness.view_funds", "readiness.view_teams"])
        for role in ("principal", "safety_officer", "central_officer"):
            grant(role, ["readiness.manage"])
        for role in ("principal", "central_officer", "authority_officer"):
            grant(role, ["readiness.approve"])

        nav.register("education", _("Emergency plans"), "readiness:plans", "readiness.view", 60)
        nav.register("education", _("Emergency contacts"), "readiness:teams", "readiness.view_teams", 62)
        nav.register("education", _("Drills"), "readiness:drills", "readiness.view", 64)
        nav.register("education", _("Record a drill"), "readiness:drill-record", "readiness.manage", 65)
        nav.register("education", _("Safety funds"), "readiness:funds", "readiness.view_funds", 68)
        ACTION_LABELS.update({
            "readiness.plan_drafted": _("Emergency plan drafted"),
            "readiness.plan_changed": _("Emergency plan draft changed"),
            "readiness.plan_approved": _("Emergency plan approved"),
            "readiness.plan_superseded": _("Emergency plan replaced by a newer version"),
            "readiness.plan_reviewed": _("Emergency plan reviewed"),
            "readiness.team_created": _("Emergency team set up"),
            "readiness.member_added": _("Team member added"),
            "readiness.member_removed": _("Team member removed"),
            "readiness.drill_planned": _("Drill planned"),
            "readiness.drill_held": _("Drill recorded"),
            "readiness.fund_created": _("Safety budget line added"),
            "readiness.spending_recorded": _("Safety spending recorded"),
        })

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HazardsConfig(AppConfig):
    name = "safecampus.hazards"
    label = "hazards"
    verbose_name = _("Hazards")

    def ready(self) -> None:
        from safecampus.core.attachments import register_owner

        from .models import Hazard

        register_owner(Hazard, "hazards.view")  # who may read its attachments
        from safecampus.core import home, nav
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant
        from safecampus.org.roles import SCHOOL_STAFF_ROLES

        from . import history_labels  # noqa: F401  (how its audit changes read in a history)

        # Everyone at a school can report a hazard, see the school's hazards and, when asked, fix one.
        for role in SCHOOL_STAFF_ROLES:
            grant(role, ["hazards.report", "hazards.view", "hazards.rectify"])
        for role in ("principal", "safety_officer"):
            grant(role, ["hazards.assign", "hazards.verify", "hazards.analytics"])
        # The central school owns the loop in its district; the authority watches, supervises (督办)
        # and may set the rectification policy for everything below it.
        grant("central_officer", ["hazards.*"])
        grant("authority_officer", ["hazards.view", "hazards.analytics", "hazards.supervise",
                                    "hazards.manage_policy"])

        nav.register("inspections", _("Hazard ledger"), "hazards:list", "hazards.view", 40)
        nav.register("inspections", _("Report a hazard"), "hazards:report", "hazards.report", 45)
        nav.register("inspections", _("Hazard analytics"), "hazards:analytics", "hazards.analytics", 50)
        nav.register("inspections", _("Rectification policy"), "hazards:policies", "hazards.manage_policy", 55)
        home.register_shortcut(_("Report a hazard"), "hazards:report", "hazards.report",
                               icon="exclamation-triangle", order=10)

        from .panels import home_panel, major_panel

        home.register_panel(major_panel, order=25)
        home.register_panel(home_panel, order=30)

        from safecampus.core.notify import register_resolver

        from .alerts import settled

        register_resolver("hazard.", settled)
        ACTION_LABELS.update({
            "hazards.reported": _("Hazard reported"),
            "hazards.escalated": _("Escalated to the authority"),
            "hazards.assigned": _("Assigned"),
            "hazards.rectified": _("Reported rectified"),
            "hazards.verified": _("Verified and closed"),
            "hazards.rejected": _("Rectification rejected"),
            "hazards.commitments": _("Five commitments recorded"),
            "hazards.contact_logged": _("Contact with outside department"),
            "hazards.reminded": _("Deadline reminder sent"),
            "hazards.overdue_escalated": _("Overdue: escalated"),
            "hazards.supervised": _("Supervision order"),
            "hazards.policy_created": _("Rectification policy set"),
            "hazards.policy_changed": _("Rectification policy changed"),
        })
        from . import evidence  # noqa: F401

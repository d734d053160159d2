from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "safecampus.incidents"
    label = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        from safecampus.core.attachments import register_owner

        from .models import Incident

        register_owner(Incident, "incidents.view")  # who may read its attachments
        from safecampus.core import home, nav
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant
        from safecampus.org.roles import SCHOOL_STAFF_ROLES

        from . import history_labels  # noqa: F401  (how its audit changes read in a history)

        # Anyone working in a school can file: the one who saw it must not wait for a superior.
        for role in SCHOOL_STAFF_ROLES:
            grant(role, ["incidents.file"])
        for role in ("principal", "safety_officer", "central_officer", "authority_officer"):
            grant(role, ["incidents.view", "incidents.view_notices"])
        for role in ("principal", "safety_officer", "central_officer"):
            grant(role, ["incidents.amend", "incidents.followup", "incidents.close"])
        for role in ("principal", "safety_officer"):
            grant(role, ["incidents.report_info"])
        grant("principal", ["incidents.acknowledge"])
        grant("central_officer", ["incidents.investigate", "incidents.manage_rules", "incidents.publish_notice",
                                  "incidents.accountability"])

        nav.register("incidents", _("Incidents"), "incidents:list", "incidents.view", 10)
        nav.register("incidents", _("Report an incident"), "incidents:file", "incidents.file", 15)
        nav.register("incidents", _("Incident timeline"), "incidents:timeline", "incidents.view", 17)
        nav.register("incidents", _("Late reports"), "incidents:late", "incidents.view", 20)
        nav.register("incidents", _("Incident statistics"), "incidents:stats", "incidents.view", 30)
        nav.register("incidents", _("Safety information reports"), "incidents:info-reports", "incidents.view", 40)
        nav.register("incidents", _("Notices"), "incidents:notices", "incidents.view_notices", 50)
        nav.register("incidents", _("Rewards and punishments"), "incidents:records", "incidents.view", 60)
        nav.register("incidents", _("Reporting rules"), "incidents:rules", "incidents.manage_rules", 70)
        home.register_shortcut(_("Report an incident"), "incidents:file", "incidents.file",
                               icon="exclamation-octagon", order=20)

        from .views.panels import incident_panel

        home.register_panel(incident_panel, order=20)
        ACTION_LABELS.update({
            "incidents.filed": _("Incident filed"),
            "incidents.amended": _("Incident amended"),
            "incidents.followup": _("Follow-up report"),
            "incidents.investigated": _("Liability investigation recorded"),
            "incidents.closed": _("Incident closed"),
            "incidents.escalated": _("Written report overdue: escalated"),
            "incidents.names_revealed": _("Names of the injured revealed"),
            "incidents.rule_changed": _("Reporting rule changed"),
            "incidents.rule_created": _("Reporting rule added"),
            "incidents.rules_seeded": _("Reporting rules set up"),
            "incidents.notice_published": _("Notice published"),
            "incidents.notice_acknowledged": _("Notice acknowledged"),
            "incidents.accountability_recorded": _("Reward or punishment recorded"),
            "incidents.info_reported": _("Safety information report sent"),
        })
        from . import evidence  # noqa: F401  registers evidence kinds, tasks and sweeps

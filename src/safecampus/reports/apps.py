from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "safecampus.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from safecampus.core import nav
        from safecampus.core.permissions import grant

        for role in ("central_officer", "authority_officer"):
            grant(role, ["reports.dashboard"])
        # Archives and monthly reports: the central school and the authority for their schools,
        # the principal and the safety officer for their own school.
        for role in ("central_officer", "authority_officer", "principal", "safety_officer"):
            grant(role, ["reports.archive", "reports.monthly"])
        nav.register("assessment", _("Dashboard"), "reports:dashboard", "reports.dashboard", 5)
        nav.register("assessment", _("Semester archives"), "reports:archives", "reports.archive", 40)
        nav.register("assessment", _("Monthly reports"), "reports:monthly", "reports.monthly", 45)
        from safecampus.core import archive, sweeps
        from safecampus.core.labels import ACTION_LABELS

        from .sweep import generate_due

        archive.discover()  # every app's archive.py declares its record kinds
        sweeps.register(generate_due)
        ACTION_LABELS.update({
            "reports.archive_requested": _("Semester archive requested"),
            "reports.archive_built": _("Semester archive built"),
            "reports.archive_failed": _("Semester archive failed"),
            "reports.monthly_generated": _("Monthly report generated"),
        })
        from safecampus.core.home import register_panel

        from .views import dashboard_panel

        register_panel(dashboard_panel, order=5)
        # The sweep's rows become the dashboard's summaries; a signed duty patches its school at once.
        from safecampus.compliance.registry import register_evaluated
        from safecampus.compliance.signals import duty_signed

        from . import summary

        register_evaluated(summary.warm)
        duty_signed.connect(_patch, dispatch_uid="reports.patch_school")


def _patch(sender, *, unit_path: str, unit_kind: str, **kwargs) -> None:
    if unit_kind == "school":
        from . import summary

        summary.patch_school(unit_path)

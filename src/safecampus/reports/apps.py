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
        nav.register("assessment", _("Dashboard"), "reports:dashboard", "reports.dashboard", 5)
        from safecampus.core.home import register_panel

        from .views import dashboard_panel

        register_panel(dashboard_panel, order=5)

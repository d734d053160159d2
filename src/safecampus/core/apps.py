from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "safecampus.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401  (deploy checks of the keys)
            security,  # noqa: F401  (login/logout/denied events into the audit trail)
            sweeps,
        )
        from .api import schema  # noqa: F401  (OpenAPI security schemes)
        from .audit_views import witness_panel
        from .audit_witness import publish_daily
        from .files import prune_orphans_hourly
        from .home import register_panel
        from .maintenance import analyze_daily
        from .panels import alerts_panel

        register_panel(alerts_panel, order=20)
        register_panel(witness_panel, order=90)
        sweeps.register(prune_orphans_hourly)
        sweeps.register(analyze_daily)
        sweeps.register(publish_daily)

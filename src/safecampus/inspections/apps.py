from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "safecampus.inspections"
    label = "inspections"
    verbose_name = _("Inspections")

    def ready(self) -> None:
        from safecampus.core.attachments import register_owner

        from .models import Inspection

        register_owner(Inspection, "inspections.view")  # who may read its attachments
        from django.db.models.signals import post_migrate

        from safecampus.core import home, nav
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant

        from . import (
            evidence,  # noqa: F401  (registers with the compliance engine)
            history_labels,  # noqa: F401  (how its audit changes read in a history)
        )
        from .panels import inspections_due

        grant("central_officer", ["inspections.*"])
        for role in ("principal", "safety_officer"):
            grant(role, ["inspections.view", "inspections.schedule", "inspections.carry_out"])
        grant("authority_officer", ["inspections.view"])

        nav.register("inspections", _("Inspections"), "inspections:inspection-list", "inspections.view", 10)
        nav.register("inspections", _("My inspections"), "inspections:mine", "inspections.carry_out", 12)
        nav.register("inspections", _("Schedule inspection"), "inspections:schedule", "inspections.schedule", 14)
        nav.register("inspections", _("Spot-check draws"), "inspections:draw-list", "inspections.draw", 16)
        nav.register("inspections", _("Checklists"), "inspections:template-list", "inspections.view", 18)
        home.register_shortcut(_("Carry out an inspection"), "inspections:mine", "inspections.carry_out",
                               icon="clipboard-check", order=30)
        home.register_panel(inspections_due, order=40)
        post_migrate.connect(_install_library, sender=self, weak=False)
        ACTION_LABELS.update({
            "inspections.template_created": _("Checklist created"),
            "inspections.template_revised": _("Checklist revised (new version)"),
            "inspections.scheduled": _("Inspection scheduled"),
            "inspections.assigned": _("Inspector assigned"),
            "inspections.cancelled": _("Inspection cancelled"),
            "inspections.completed": _("Inspection completed"),
            "inspections.drawn": _("Spot-check schools drawn"),
        })


def _install_library(using: str = "default", **kwargs) -> None:
    """A new installation has the shipped checklists without loading the demo."""
    from django.db import connections

    if "inspections_checklisttemplate" not in connections[using].introspection.table_names():
        return  # migrated backwards past this app
    from .services import sync_library

    sync_library()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "safecampus.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from safecampus.core import home, nav
        from safecampus.core.labels import ACTION_LABELS, CHANGE_LABELS
        from safecampus.core.permissions import grant
        from safecampus.org.roles import SCHOOL_STAFF_ROLES

        from . import (
            history_labels,  # noqa: F401  (how its audit changes read in a history)
            policies,
        )
        from .nav import PAGES

        # Everyone at a school sees its daily operations; each register is kept by those whose job it is.
        for role in (*SCHOOL_STAFF_ROLES, "central_officer", "authority_officer"):
            grant(role, ["operations.view"])
        for role in ("door_guard", "duty_staff", "safety_officer", "principal"):
            grant(role, ["operations.visitors", "operations.view_visitors"])
        for role in ("central_officer", "authority_officer"):
            grant(role, ["operations.view_visitors"])
        # The watch list: the safety officer and above.
        for role in ("safety_officer", "principal", "central_officer"):
            grant(role, ["operations.watchlist"])

        # Duty: the duty staff and the school's leaders keep the log; the leaders keep the roster.
        for role in ("duty_staff", "safety_officer", "principal"):
            grant(role, ["operations.duty"])
        for role in ("safety_officer", "principal"):
            grant(role, ["operations.roster"])
        # Patrols: those who walk the rounds check in; the leaders draw the routes.
        for role in ("duty_staff", "door_guard", "safety_officer", "principal", "dormitory_manager"):
            grant(role, ["operations.patrol"])
        for role in ("safety_officer", "principal"):
            grant(role, ["operations.routes"])
        # Pick-up: the gate and the class hand children over; the class keeps who may collect them.
        for role in ("door_guard", "head_teacher", "safety_officer", "principal"):
            grant(role, ["operations.pickup"])
        for role in ("head_teacher", "safety_officer", "principal"):
            grant(role, ["operations.pickup_manage"])
        # Security defences: the school's leaders record them; they and the guard check them.
        for role in ("safety_officer", "principal", "door_guard"):
            grant(role, ["operations.defences"])

        for label, url_name, capability, _icon, order in PAGES:
            nav.register("operations", label, url_name, capability, order)
        for label, url_name, capability, icon, order in PAGES:
            if order < 10:
                home.register_shortcut(label, url_name, capability, icon=icon, order=order)

        from .panels import duty_panel, inside_panel, pickup_panel

        home.register_panel(inside_panel, order=5)
        home.register_panel(pickup_panel, order=6)
        home.register_panel(duty_panel, order=7)

        from safecampus.org.panels import register_unit_panel

        from .views.defences import unit_panel

        register_unit_panel(unit_panel, order=40)
        ACTION_LABELS.update({
            "operations.visitor_entered": _("Visitor arrived"),
            "operations.visitor_refused": _("Visitor refused"),
            "operations.visitor_left": _("Visitor left"),
            "operations.watchlist_added": _("Added to the watch list"),
            "operations.still_inside_reported": _("Visitors still inside at closing time reported"),
            "operations.visitor_identities_purged": _("Visitors' identity data purged"),
            "operations.duty_assigned": _("Put on duty"),
            "operations.duty_swapped": _("Shift swapped"),
            "operations.duty_logged": _("Duty log written"),
            "operations.duty_handed_over": _("Shift handed over"),
            "operations.route_created": _("Patrol route created"),
            "operations.checked_in": _("Patrol check-in"),
            "operations.checkpoints_missed": _("Checkpoints missed"),
            "operations.pickup_authorised": _("Authorised adult added"),
            "operations.picked_up": _("Child handed over"),
            "operations.pickup_refused": _("Pick-up refused"),
            "operations.pickup_waiting_reported": _("Children not yet handed over reported"),
            "operations.defence_recorded": _("Security defence recorded"),
            "operations.defence_checked": _("Security defence checked"),
        })
        CHANGE_LABELS.update({"purged": _("Purged"), "visitors": _("Visitors"), "missed": _("Missed"),
                              "round_complete": _("Round complete"), "waiting": _("Not yet handed over"),
                              "collector": _("Collector")})
        policies.register()
        from . import evidence  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# (roles, capabilities) beyond ``operations.view``, which every school role and the offices above hold.
GRANTS = [
    (("door_guard", "duty_staff", "safety_officer", "principal"), ["operations.visitors", "operations.view_visitors"]),
    (("central_officer", "authority_officer"), ["operations.view_visitors"]),
    # The watch list: the safety officer and above.
    (("safety_officer", "principal", "central_officer"), ["operations.watchlist"]),
    # Duty: the duty staff and the school's leaders keep the log; the leaders keep the roster.
    (("duty_staff", "safety_officer", "principal"), ["operations.duty"]),
    (("safety_officer", "principal"), ["operations.roster"]),
    # Patrols: those who walk the rounds check in; the leaders draw the routes.
    (("duty_staff", "door_guard", "safety_officer", "principal", "dormitory_manager"), ["operations.patrol"]),
    (("safety_officer", "principal"), ["operations.routes"]),
    # Pick-up: the gate and the class hand children over; the class keeps who may collect them.
    (("door_guard", "head_teacher", "safety_officer", "principal"), ["operations.pickup"]),
    (("head_teacher", "safety_officer", "principal"), ["operations.pickup_manage"]),
    # Security defences: the school's leaders record them; they and the guard check them.
    (("safety_officer", "principal", "door_guard"), ["operations.defences"]),
    # Dormitories: the dormitory manager checks the beds each night; the leaders may too.
    (("dormitory_manager", "safety_officer", "principal"), ["operations.dormitory"]),
    # Large activities: the school applies (its safety officer or principal); the principal, the central school
    # or the authority approves (which of them, the activity's level decides).
    (("safety_officer", "principal"), ["operations.activities"]),
    (("principal", "central_officer", "authority_officer"), ["operations.approve_activities"]),
    # Vaccination certificates at admission: the school doctor or the safety officer checks them; the
    # leaders above read the follow-up list (for the health authority).
    (("school_doctor", "safety_officer"), ["operations.vaccination"]),
    (("school_doctor", "safety_officer", "principal", "central_officer", "authority_officer"),
     ["operations.view_vaccination"]),
]


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
        for roles, capabilities in ((SCHOOL_STAFF_ROLES + ("central_officer", "authority_officer"),
                                     ["operations.view"]), *GRANTS):
            for role in roles:
                grant(role, capabilities)

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
        from .views.dormitories import unit_panel as dorm_panel

        register_unit_panel(dorm_panel, order=41)
        from safecampus.core.attachments import register_owner

        from .models import VaccinationCheck

        register_owner(VaccinationCheck, "operations.view_vaccination")
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
            "operations.dorm_room_added": _("Dormitory room added"),
            "operations.boarder_moved_in": _("Boarder moved in"),
            "operations.boarder_moved_out": _("Boarder moved out"),
            "operations.beds_checked": _("Bed check"),
            "operations.activity_applied": _("Large activity applied for"),
            "operations.activity_approved": _("Large activity approved"),
            "operations.activity_rejected": _("Large activity rejected"),
            "operations.vaccination_checked": _("Vaccination certificate checked"),
        })
        CHANGE_LABELS.update({"purged": _("Purged"), "visitors": _("Visitors"), "missed": _("Missed"),
                              "round_complete": _("Round complete"), "waiting": _("Not yet handed over"),
                              "collector": _("Collector"), "building": _("Building"),
                              "room": _("Room"), "bed": _("Bed"),
                              "beds": _("Beds"), "present": pgettext_lazy("bed check", "Present"),
                              "absent": pgettext_lazy("bed check", "Absent"),
                              "on_leave": pgettext_lazy("bed check", "On leave"),
                              "approver_level": pgettext_lazy("activity", "Approved by"),
                              "permit_required": _("Police permit required"),
                              "late_application": _("Late application"), "checked_on": _("Checked on"),
                              "until": _("Moved out on")})
        policies.register()
        from . import evidence  # noqa: F401

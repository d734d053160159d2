from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsibilityConfig(AppConfig):
    name = "safecampus.responsibility"
    label = "responsibility"
    verbose_name = _("Responsibility")

    def ready(self) -> None:
        from safecampus.core.attachments import register_owner

        from .models import Meeting

        register_owner(Meeting, "responsibility.view_own")  # who may read its attachments
        from safecampus.core import home, nav
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant
        from safecampus.org.roles import ROLES

        from . import (
            evidence,  # noqa: F401  (registers evidence kinds and task sources)
            history_labels,  # noqa: F401  (how its audit changes read in a history)
        )
        from .panels import home_panel

        grant("central_officer", ["responsibility.*"])
        grant("authority_officer", ["responsibility.view"])
        # A principal may word the school's own class and post letters (templates of the school).
        grant("principal", ["responsibility.issue", "responsibility.manage_team", "responsibility.meet",
                            "responsibility.adopt_rules", "responsibility.view", "responsibility.edit_templates"])
        # The safety officer prepares letters, teams and meetings; adopting rules stays with the principal.
        grant("safety_officer", ["responsibility.issue", "responsibility.manage_team", "responsibility.meet",
                                 "responsibility.view"])
        for role in ROLES:  # everyone signs their own letter and acknowledges the rules
            grant(role, ["responsibility.sign", "responsibility.acknowledge", "responsibility.view_own"])

        nav.register("responsibility", _("My duties"), "responsibility:my-duties", "responsibility.view_own", 10)
        nav.register("responsibility", _("My letters"), "responsibility:my-letters", "responsibility.sign", 15)
        nav.register("responsibility", _("Responsibility letters"), "responsibility:letter-list",
                     "responsibility.view", 20)
        nav.register("responsibility", _("Unsigned letters"), "responsibility:letter-unsigned",
                     "responsibility.view", 25)
        nav.register("responsibility", _("Safety teams"), "responsibility:team-list", "responsibility.view_own", 30)
        nav.register("responsibility", _("Safety meetings"), "responsibility:meeting-list",
                     "responsibility.view_own", 40)
        nav.register("responsibility", _("Safety rules"), "responsibility:rule-list", "responsibility.view_own", 50)
        nav.register("responsibility", _("Rules coverage"), "responsibility:rule-coverage",
                     "responsibility.view", 55)
        nav.register("responsibility", _("Posts and duties"), "responsibility:post-list",
                     "responsibility.view_own", 60)
        nav.register("responsibility", _("Letter templates"), "responsibility:template-list",
                     "responsibility.edit_templates", 70)
        home.register_shortcut(_("Letters to sign"), "responsibility:my-letters", "responsibility.sign",
                               icon="pen", order=40, when=_has_letter_to_sign)
        home.register_panel(home_panel, order=30)
        from safecampus.org.panels import register_unit_panel

        from .panels import unit_teams_panel

        register_unit_panel(unit_teams_panel, order=10)
        ACTION_LABELS.update({
            "responsibility.team_created": _("Safety team set up"),
            "responsibility.member_added": _("Team member added"),
            "responsibility.member_removed": _("Team member removed"),
            "responsibility.duties_changed": _("Post duties changed"),
            "responsibility.letter_issued": _("Responsibility letter issued"),
            "responsibility.batch_issued": _("Responsibility letters issued in a batch"),
            "responsibility.letter_signed": _("Responsibility letter signed"),
            "responsibility.letters_reminded": _("Reminders sent for unsigned letters"),
            "responsibility.template_created": _("Letter template created"),
            "responsibility.template_changed": _("Letter template changed"),
            "responsibility.meeting_recorded": _("Safety meeting recorded"),
            "responsibility.action_done": _("Meeting action done"),
            "responsibility.rule_adopted": _("Rule adopted"),
            "responsibility.rule_revised": _("Rule revised"),
            "responsibility.rule_acknowledged": _("Rule acknowledged"),
        })


def _has_letter_to_sign(user) -> bool:
    # The letters her task list shows: on the home page one read answers both.
    from .selectors import open_work_of

    return bool(open_work_of(user)[0])

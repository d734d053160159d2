from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "safecampus.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        from safecampus.core import nav
        from safecampus.core.labels import ACTION_LABELS
        from safecampus.core.permissions import grant

        from . import history_labels  # noqa: F401  (how its audit changes read in a history)

        # The school sees its own score and assesses itself; the central school and the authority
        # score, mark, keep the scheme and commend.
        for role in ("principal", "safety_officer"):
            grant(role, ["assessment.view", "assessment.self_assess"])
        for role in ("central_officer", "authority_officer"):
            grant(role, ["assessment.view", "assessment.mark", "assessment.manage_scheme", "assessment.commend"])
        nav.register("assessment", _("Assessment"), "assessment:board", "assessment.view", 20)
        nav.register("assessment", _("Assessment scheme"), "assessment:schemes", "assessment.manage_scheme", 22)
        nav.register("assessment", _("Commendations"), "assessment:commendations", "assessment.view", 24)
        ACTION_LABELS.update({
            "assessment.scheme_started": _("Assessment scheme started for the school year"),
            "assessment.item_changed": _("Assessment indicator changed"),
            "assessment.item_added": _("Assessment indicator added"),
            "assessment.marked": _("Indicator marked by the inspectors"),
            "assessment.self_assessed": _("Indicator self-assessed by the school"),
            "assessment.commended": _("Commendation recorded"),
        })

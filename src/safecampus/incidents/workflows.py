from django.utils.translation import gettext_lazy as _

from safecampus.core.workflow import Transition, Workflow

from .choices import Status

OPEN = (Status.FILED, Status.FOLLOWING_UP)

INCIDENT = Workflow("incident", [
    Transition("followup", OPEN, Status.FOLLOWING_UP, "incidents.followup", _("Add a follow-up report")),
    Transition("amend", (*OPEN, Status.CLOSED), "", "incidents.amend", _("Amend"), style="outline-primary"),
    Transition("investigate", OPEN, "", "incidents.investigate", _("Record the liability investigation"),
               style="outline-danger"),
    Transition("close", OPEN, Status.CLOSED, "incidents.close", _("Close"), style="success"),
])

from django.utils.translation import gettext_lazy as _

from safecampus.core.permissions import has_capability
from safecampus.core.workflow import Transition, Workflow, unit_path

from .choices import Status

OPEN = (Status.FILED, Status.FOLLOWING_UP)


def own_open_report(incident, user) -> bool:
    """The person who filed a report, still working at its school, may add to it while it is open."""
    return (incident.reporter_id == getattr(user, "pk", None) and incident.status in OPEN
            and has_capability(user, "incidents.file", unit_path(incident)))


INCIDENT = Workflow("incident", [
    Transition("followup", OPEN, Status.FOLLOWING_UP, "incidents.followup", _("Add a follow-up report"),
               owner=own_open_report),
    Transition("amend", (*OPEN, Status.CLOSED), "", "incidents.amend", _("Amend"), style="outline-primary",
               owner=own_open_report),
    Transition("investigate", OPEN, "", "incidents.investigate", _("Record the liability investigation"),
               style="outline-danger"),
    Transition("close", OPEN, Status.CLOSED, "incidents.close", _("Close"), style="success"),
])

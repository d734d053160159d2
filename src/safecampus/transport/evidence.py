"""What the obligations engine counts from school transport, the open work it gives people, and the sweep.

* ``transport.inspection``: a passed vehicle inspection after which every bus the school runs has current
  inspection and insurance papers: the evidence of ``school-bus-inspection`` (each semester), replacing
  the signed attestation.
* Tasks: papers (inspection, insurance, driving licence) lapsing within the reminder lead or lapsed, for
  those who keep the fleet; the sweep sends the same as reminders to the inbox.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy

from safecampus.compliance.registry import EvidenceKind, TaskItem, TaskSource, register_evidence, register_tasks
from safecampus.core import sweeps
from safecampus.core.zones import at_local

from .sweeps import expiry_reminders

sweeps.register(expiry_reminders)

register_evidence(EvidenceKind("transport.inspection", gettext_lazy("Bus inspections with every bus's papers current"),
                               "transport.VehicleInspection", "inspected_on",
                               base_filter={"passed": True, "fleet_current": True},
                               action_url="transport:vehicles"))


def _due(unit, day) -> datetime:
    return at_local(unit, day, 9)


def collect(user):
    """Papers to renew: each vehicle's inspection and insurance and each driver's licence within the school's
    reminder lead (policy) of its expiry, or lapsed."""
    from datetime import timedelta

    from django.utils import timezone
    from django.utils.translation import gettext as _

    from safecampus.compliance.policies import PolicyBook
    from safecampus.core.permissions import scope_paths

    from .policies import REMINDERS
    from .selectors import expiring

    if user is None or not user.is_authenticated or not scope_paths(user, "transport.manage"):
        return
    found = expiring(user, "transport.manage", lead_days=365)
    book = PolicyBook({o.org_unit.path for o in [*found["vehicles"], *found["drivers"]]}, [REMINDERS])
    today = timezone.localdate()

    def near(obj, day) -> bool:
        return day <= today + timedelta(days=book.values(obj.org_unit.path, REMINDERS)["lead_days"])

    for v in found["vehicles"]:
        for day, title in ((v.inspection_expires, _("Renew the inspection of %(plate)s")),
                           (v.insurance_expires, _("Renew the insurance of %(plate)s"))):
            if near(v, day):
                yield TaskItem(kind="transport.papers", title=title % {"plate": v.plate}, url=v.get_absolute_url(),
                               due=_due(v.org_unit, day), unit_id=v.org_unit_id, object_type="transport.vehicle",
                               object_id=str(v.pk))
    for d in found["drivers"]:
        if near(d, d.licence_expires):
            yield TaskItem(kind="transport.papers", title=_("Renew the driving licence of %(name)s") % {"name": d.name},
                           url=d.get_absolute_url(), due=_due(d.org_unit, d.licence_expires), unit_id=d.org_unit_id,
                           object_type="transport.driver", object_id=str(d.pk))


register_tasks(TaskSource("transport", gettext_lazy("School transport"), collect))

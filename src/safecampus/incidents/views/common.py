from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from safecampus.core import zones
from safecampus.core.badges import Badge, status_badge
from safecampus.core.views.generic import Column

from ..choices import Kind, Severity
from ..models import Incident


def local(value: datetime | None, zone_name: str = "Asia/Shanghai") -> str:
    """A moment as the school's clock showed it (UI.md: times in the school's zone)."""
    if value is None:
        return ""
    return value.astimezone(zones.zone(zone_name)).strftime("%Y-%m-%d %H:%M")


def cur(incident: Incident, field: str):
    return incident.current()[field]


def person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def amended_timing(incident: Incident) -> dict | None:
    """What an amended occurrence time would give. The flag stays as filed (amending never undoes a
    late report); this says what the new time means for the deadline, and who changed it."""
    changed = [a for a in incident.amendments.all() if "occurred_at" in a.changes]
    if not changed:
        return None
    last = max(changed, key=lambda a: a.pk)
    deadline = incident.current()["occurred_at"] + timedelta(minutes=incident.first_report_minutes)
    return {"deadline": local(deadline, incident.time_zone), "late": incident.filed_at > deadline,
            "by": person(last.author), "at": local(last.at, incident.time_zone)}


def late_badge(incident: Incident) -> Badge:
    badge = Badge(_("Late"), "late") if incident.late else Badge(_("On time"), "done")
    timing = amended_timing(incident)
    if timing is None or timing["late"] == incident.late:
        return badge
    note = (_("with the amended time it would be late (amended by %(by)s)") if timing["late"] else
            _("with the amended time it would be on time (amended by %(by)s)")) % {"by": timing["by"]}
    return Badge(f"{badge} · {note}", badge.key)


def amendment_value(field: str, value, zone_name: str) -> str:
    """An amended value as the report shows it: local time, the choice's label, not its code."""
    if value in (None, ""):
        return ""
    if field == "occurred_at":
        try:
            return local(datetime.fromisoformat(str(value)), zone_name)
        except ValueError:
            return str(value)
    labels = {"kind": Kind, "severity": Severity}
    if field in labels:
        try:
            return str(labels[field](value).label)
        except ValueError:
            return str(value)
    return str(value)


def severity_badge(incident: Incident) -> Badge:
    value = cur(incident, "severity")
    return Badge(Severity(value).label, "general" if value == "general" else "major")


INCIDENT_COLUMNS = [
    Column("__str__", gettext_lazy("Incident"), link=True),
    Column("org_unit", gettext_lazy("Unit")),
    Column(lambda o: Kind(cur(o, "kind")).label, gettext_lazy("Kind")),
    Column(severity_badge, gettext_lazy("Severity")),
    Column(lambda o: local(cur(o, "occurred_at"), o.time_zone), gettext_lazy("Occurred"), sort="occurred_at"),
    Column(lambda o: local(o.filed_at, o.time_zone), gettext_lazy("Filed"), sort="filed_at"),
    Column(late_badge, pgettext_lazy("incident", "Report timing")),
    Column(status_badge, gettext_lazy("Status")),
]

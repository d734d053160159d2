from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from safecampus.core.badges import Badge, status_badge
from safecampus.core.views.generic import Column

from ..choices import Kind, Severity
from ..models import Incident


def local(value: datetime | None, zone_name: str = "Asia/Shanghai") -> str:
    """A moment as the school's clock showed it (UI.md: times in the school's zone)."""
    if value is None:
        return ""
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def cur(incident: Incident, field: str):
    return incident.current()[field]


def late_badge(incident: Incident) -> Badge:
    return Badge(_("Late"), "late") if incident.late else Badge(_("On time"), "done")


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

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def file(world, username="officer_a", unit=None, **over):
    from safecampus.incidents import services

    data = {"kind": "casualty_accident", "severity": "general", "occurred_at": timezone.now() - timedelta(minutes=30),
            "summary": "A pupil fell on the stairs.", "injured": 1, "injured_names": "王小明"}
    data.update(over)
    incident, _created = services.file_incident(actor=world.user(username), org_unit=unit or world.school_a, **data)
    return incident


def quiet_month(months_back: int = 7) -> str:
    """A month with no demo incident and no demo report."""
    day = timezone.localdate().replace(day=1)
    for _ in range(months_back):
        day = (day - timedelta(days=1)).replace(day=1)
    return day.strftime("%Y-%m")

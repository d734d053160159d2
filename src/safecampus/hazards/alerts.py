"""Hazard alerts that ask for a step are settled once the hazard has moved past it
(``core.notify.register_resolver``): the rectifier is no longer asked to rectify what she rectified."""

from __future__ import annotations

import re

from .choices import Status
from .models import Hazard

# kind -> the status in which the alert still asks for something
WAITING_IN = {
    "hazard.reported": Status.REPORTED,
    "hazard.assigned": Status.ASSIGNED,
    "hazard.due_soon": Status.ASSIGNED,
    "hazard.overdue": Status.ASSIGNED,
    "hazard.rejected": Status.ASSIGNED,
    "hazard.rectified": Status.AWAITING_VERIFICATION,
}
_PK = re.compile(r"/hazards/(\d+)/")


def settled(notes) -> set[int]:
    asked = {}
    for note in notes:
        found = _PK.search(note.url or "")
        if note.kind in WAITING_IN and found:
            asked[note.pk] = (note, int(found.group(1)))
    hazards = Hazard.objects.only("status", "assignee_id").in_bulk({pk for _n, pk in asked.values()})
    done = set()
    for note_pk, (note, hazard_pk) in asked.items():
        hazard = hazards.get(hazard_pk)
        if hazard is None or hazard.status != WAITING_IN[note.kind]:
            done.add(note_pk)
        elif note.kind != "hazard.reported" and WAITING_IN[note.kind] == Status.ASSIGNED \
                and hazard.assignee_id != note.user_id:
            done.add(note_pk)  # handed to someone else
    return done

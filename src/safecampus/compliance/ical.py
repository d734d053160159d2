"""The per-person iCal feed: due dates of owned duties and open workflow tasks."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from .selectors import due_events
from .todo import workflow_tasks

PAST, AHEAD = timedelta(days=31), timedelta(days=180)


def feed_bytes(user) -> bytes:
    now = timezone.now()
    today = timezone.localdate()
    cal = Calendar()
    cal.add("prodid", "-//SafeCampus//obligations//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "SafeCampus")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for e in due_events(user, today - PAST, today + AHEAD):
        rule = e["rule"]
        ev = Event()
        ev.add("uid", f"{rule.code}-{rule.pk}-{e['unit_id']}-{e['due']:%Y%m%d}@safecampus")
        ev.add("summary", f"{rule.title_zh or rule.title} · {e['unit']}")
        ev.add("description", rule.title)
        ev.add("dtstart", e["due"])
        ev.add("dtend", e["due"] + timedelta(days=1))
        ev.add("dtstamp", now)
        if e["daily"]:
            ev.add("rrule", vRecur(freq="daily"))
        cal.add_component(ev)
    for t in workflow_tasks(user, now):
        if t.due is None:
            continue
        ev = Event()
        ev.add("uid", f"{t.source}-{t.object_type}-{t.object_id}-{t.kind}@safecampus")
        ev.add("summary", t.title)
        ev.add("dtstart", t.due)
        ev.add("dtend", t.due + timedelta(days=1))
        ev.add("dtstamp", now)
        cal.add_component(ev)
    return cal.to_ical()

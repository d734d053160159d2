"""The calendar holds what My tasks and the iCal feed hold: the apps' open tasks with their due dates."""

from __future__ import annotations

from django.utils import timezone

from safecampus.compliance.todo import workflow_tasks


def test_the_central_schools_calendar_shows_its_dated_tasks(world):
    user = world.user("central")
    dated = [t for t in workflow_tasks(user, timezone.now()) if t.due]
    assert dated, "the demo gives the central school dated tasks"
    task = min(dated, key=lambda t: t.due)
    page = world.web("central", "zh-hans").get(f"/compliance/calendar/?month={task.due:%Y-%m}").content.decode()
    assert f'href="{task.url}"' in page and "本月没有截止事项" not in page
    feed = world.web("central").get("/compliance/calendar.ics").content.decode()
    assert f"UID:{task.source}-{task.object_type}-{task.object_id}-{task.kind}@safecampus" in feed

"""An amended occurrence time keeps the late flag as filed and says what the new time would give;
the amendment history reads as the report does (local time, labels, names)."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from safecampus.incidents import services

from .helpers import file


def test_amending_the_time_keeps_late_and_explains_it(world):
    incident = file(world, occurred_at=timezone.now() - timedelta(hours=30))
    assert incident.late
    services.amend(actor=world.user("officer_a"), incident=incident, reason="wrong day",
                   changes={"occurred_at": (timezone.now() - timedelta(minutes=20)).isoformat(),
                            "severity": "serious"})
    page = world.web("officer_a", "zh-hans").get(f"/incidents/{incident.pk}/").content.decode()
    assert "迟报" in page and "不算迟报" in page and "李专干更正" in page
    history = page[page.index("amendment-rows"):]
    history = history[:history.index("</ul>")]
    assert "T0" not in history and "+00:00" not in history and "serious" not in history
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", history) and "较大" in history
    assert "Asia/Shanghai" not in page
    late = world.web("officer_a", "zh-hans").get("/incidents/late/").content.decode()
    assert "按更正后的发生时间不算迟报（李专干更正）" in late
    incident.refresh_from_db()
    assert incident.late  # no one escapes a late report by amending

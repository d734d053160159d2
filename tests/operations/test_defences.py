"""Security defences: the list in data, state and last check, a failed check opens a hazard; the school page."""

from __future__ import annotations

import pytest

from safecampus.hazards.models import Hazard
from safecampus.operations.models import Defence

pytestmark = pytest.mark.django_db


def test_a_failed_check_marks_the_defence_faulty_and_opens_a_hazard(world):
    defence = Defence.objects.get(org_unit=world.school_a, kind="cctv_gates")
    api = world.api("guard_a")
    bad = api.post(f"/api/v1/security-defences/{defence.pk}/check", {"ok": False, "note": ""}, format="json")
    assert bad.status_code == 400 and "note" in bad.json()["fields"]
    response = api.post(f"/api/v1/security-defences/{defence.pk}/check", {"ok": False, "note": "北门摄像头黑屏"},
                        format="json")
    assert response.status_code == 201, response.content
    hazard = Hazard.objects.get(pk=response.json()["hazard"])
    assert hazard.org_unit == world.school_a and hazard.category == "security"
    assert "北门摄像头黑屏" in hazard.description
    defence.refresh_from_db()
    assert defence.state == "faulty" and defence.last_checked_at is not None
    fixed = api.post(f"/api/v1/security-defences/{defence.pk}/check", {"ok": True}, format="json")
    assert fixed.json()["hazard"] is None
    defence.refresh_from_db()
    assert defence.state == "working"


def test_recording_a_defence_twice_names_the_kind(world):
    api = world.api("officer_c")
    made = api.post("/api/v1/security-defences", {"org_unit": world.kinder_c.pk, "kind": "intrusion_alarm",
                                                  "quantity": 3, "location": "园区围墙"}, format="json")
    assert made.status_code == 201, made.content
    again = api.post("/api/v1/security-defences", {"org_unit": world.kinder_c.pk, "kind": "intrusion_alarm"},
                     format="json")
    assert again.status_code == 400 and "kind" in again.json()["fields"]
    unknown = api.post("/api/v1/security-defences", {"org_unit": world.kinder_c.pk, "kind": "moat"}, format="json")
    assert unknown.status_code == 400 and "kind" in unknown.json()["fields"]


def test_the_school_page_shows_the_defences_in_chinese(world):
    page = world.web("principal_b", "zh-hans").get(f"/org/units/{world.school_b.pk}/").content.decode()
    assert "安全防范设施" in page and "一键报警（与公安联网）" in page and "故障" in page and "技防" in page
    missing = world.web("officer_c", "zh-hans").get("/operations/defences/").content.decode()
    assert "未登记" in missing

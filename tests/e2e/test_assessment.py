"""The central school opens a school's score and follows an indicator to the records behind it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = pytest.mark.browser


def test_central_school_follows_an_indicator_to_its_records(desktop):
    login(desktop, "central")
    desktop.goto("/assessment/")
    expect(desktop.locator("h1")).to_contain_text("Assessment")
    desktop.get_by_role("link", name="School A", exact=True).click()
    expect(desktop.get_by_text("One-vote veto").first).to_be_visible()
    expect(desktop.get_by_text("An incident reported late").first).to_be_visible()
    shot(desktop, "assessment-school")
    desktop.get_by_role("link", name="Hazards closed by their deadline").click()
    expect(desktop).to_have_url(re.compile(r"/hazards/\?unit=\d+"))
    expect(desktop.locator("h1")).to_contain_text("Hazard")
    desktop.go_back()
    desktop.get_by_role("link", name="Incidents reported within the deadline").click()
    expect(desktop).to_have_url(re.compile(r"/incidents/late/\?unit=\d+"))


def test_central_school_marks_an_indicator_on_a_phone(phone):
    login(phone, "central")
    phone.goto("/assessment/")
    phone.get_by_role("link", name="B小学").click()
    phone.get_by_role("link", name="指标评分").click()
    phone.select_option("#id_indicator", label="校园安全文化建设")
    phone.fill("#id_score", "81")
    phone.fill("#id_note", "安全文化墙内容更新及时 e2e")
    phone.get_by_role("button", name="保存").click()
    expect(phone.get_by_text("评分已保存。")).to_be_visible()
    expect(phone.get_by_text("安全文化墙内容更新及时 e2e")).to_be_visible()

"""A safety officer records a drill on a phone, right after it, and follows a problem to its hazard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = pytest.mark.browser


def test_officer_records_a_drill_on_a_phone_and_sees_its_hazards(phone):
    login(phone, "officer_a")
    phone.goto("/readiness/drills/")
    phone.get_by_role("link", name="记录演练").first.click()
    expect(phone.locator("#id_participants")).to_be_visible()
    phone.select_option("#id_kind", "earthquake")
    phone.fill("#id_participants", "20")
    phone.fill("#id_evacuation_seconds", "135")
    phone.fill("#id_floors", "3")
    phone.fill("#id_problems", "东侧楼梯照明不足 e2e\n集合点无人清点 e2e")
    shot(phone, "drill-record-phone")
    phone.get_by_role("button", name="保存演练记录").click()
    expect(phone.get_by_text("2 个问题已登记为隐患")).to_be_visible()
    expect(phone.get_by_text("超过目标 120 秒")).to_be_visible()
    shot(phone, "drill-detail-phone")
    phone.get_by_role("link", name="隐患").first.click()
    expect(phone.get_by_text("东侧楼梯照明不足 e2e").first).to_be_visible()
    assert "/hazards/" in phone.url


def test_duty_leader_opens_the_contact_tree_and_can_call(phone):
    login(phone, "guard_a")
    phone.goto("/readiness/teams/")
    call = phone.locator("a[href='tel:13800000001']")
    expect(call).to_be_visible()
    box = call.bounding_box()
    assert box and box["height"] >= 40

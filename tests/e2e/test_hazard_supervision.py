"""The authority issues a supervision order (督办) on a major hazard; the school sees it marked."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import login, shot


def test_authority_supervises_a_major_hazard_and_the_school_sees_it(desktop, phone):
    login(desktop, "authority")
    desktop.goto("/hazards/?level=major")
    desktop.locator("table a", has_text="宿舍楼二楼灭火器").first.click()
    desktop.locator("a[href$='/supervise/']").first.click()
    desktop.locator("textarea[name=note]").fill("请于本周内更换灭火器并报送照片。")
    desktop.locator("form.sc-form button[type=submit]").click()
    expect(desktop.locator(".alert-success")).to_be_visible()
    expect(desktop.locator("main")).to_contain_text("Supervised")
    expect(desktop.locator("main")).to_contain_text("请于本周内更换灭火器并报送照片。")
    shot(desktop, "hazard-supervised-desktop")

    login(phone, "officer_b")
    phone.goto("/hazards/?supervised=true")
    row = phone.locator("table a", has_text="宿舍楼二楼灭火器").first
    expect(row).to_be_visible()
    row.click()
    expect(phone.locator("main")).to_contain_text("请于本周内更换灭火器并报送照片。")
    shot(phone, "hazard-supervised-phone")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width


def test_rectification_policy_page_on_a_phone(phone):
    login(phone, "central")
    phone.goto("/hazards/policies/")
    expect(phone.locator("h1")).to_be_visible()
    shot(phone, "hazard-policies-phone")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width

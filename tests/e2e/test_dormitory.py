"""The dormitory manager's night bed check on a phone, in Chinese: one boarder absent, the guardians to call."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import login, shot


def test_a_night_bed_check_with_an_absence(phone, browser, server):
    login(phone, "dorm_a")
    phone.goto("/")
    phone.locator("a.shortcut[href='/operations/dormitory/check/']").click()
    expect(phone.locator("h1")).to_contain_text("查寝")
    rows = phone.locator("li.bed-row")
    assert rows.count() >= 5
    first = rows.first
    name = first.locator(".fw-semibold").inner_text()
    absent = first.locator("label", has_text="未归")
    box = absent.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert box["x"] + box["width"] <= 390  # the row fits the phone
    absent.click()
    rows.nth(1).locator("label", has_text="请假").click()
    shot(phone, "dormitory-bed-check-phone")
    phone.locator("form.bed-check button[type=submit]").click()
    expect(phone.locator(".alert")).to_contain_text("未归")
    missing = phone.locator(".absent-list li", has_text=name)
    expect(missing).to_contain_text("未归")
    expect(missing.locator("a[href^='tel:']").first).to_be_visible()
    shot(phone, "dormitory-bed-check-result-phone")
    # The head teacher of the absent boarder's class hears of it at once.
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server, locale="zh-CN")
    teacher = context.new_page()
    login(teacher, "teacher_a")
    teacher.goto("/notifications/")
    expect(teacher.locator("body")).to_contain_text(f"查寝未归：{name}")
    context.close()

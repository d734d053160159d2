"""The escort's roll call on a 390 px phone, in Chinese: a child left on board stops the close."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import login, shot


def test_an_escort_s_roll_call_with_a_child_left_on_board(phone):
    login(phone, "escort_a")
    phone.goto("/")
    phone.locator("a.shortcut[href='/transport/']").click()
    expect(phone.locator("h1")).to_contain_text("今日校车行程")
    route = phone.locator(".route-start li", has_text="南线")
    route.locator("button[value='from_school']").click()
    expect(phone.locator(".roll-call li")).to_have_count(8)
    left = phone.locator(".roll-call li .rider-name").first.inner_text()
    while phone.locator(".roll-call li.rider-waiting").count():
        phone.locator(".roll-call li.rider-waiting button").first.click()
        phone.wait_for_load_state()
    expect(phone.locator(".roll-call li.rider-on_board")).to_have_count(8)
    while phone.locator(".roll-call li.rider-on_board").filter(has_not_text=left).count():
        phone.locator(".roll-call li.rider-on_board").filter(has_not_text=left).locator("button").first.click()
        phone.wait_for_load_state()
    shot(phone, "transport-roll-call-phone")
    phone.locator("button.close-trip").click()
    expect(phone.locator(".close-refused")).to_contain_text(left)
    expect(phone.locator(".close-refused")).to_contain_text("仍在车上")
    shot(phone, "transport-close-refused-phone")
    phone.locator(".roll-call li.rider-on_board", has_text=left).locator("button").click()
    expect(phone.locator(".roll-call li.rider-on_board")).to_have_count(0)
    phone.locator("button.close-trip").click()
    expect(phone.locator(".alert-success, .alert").first).to_contain_text("行程已结束")
    expect(phone.locator("h1 + *, .badge").filter(has_text="已结束").first).to_be_visible()
    box = phone.locator(".roll-call li").first.bounding_box()
    assert box and box["width"] <= 390


def test_a_safety_officer_adds_and_removes_a_rider_on_a_phone(phone):
    login(phone, "officer_a")
    phone.goto("/transport/routes/")
    phone.get_by_role("link", name="北线").first.click()
    phone.locator("a.change-riders").click()
    expect(phone.locator("h1")).to_contain_text("北线 乘车学生")
    expect(phone.locator(".riders-count")).to_contain_text("乘车 8 人，核载 19 人")
    shot(phone, "transport-riders-phone")
    # A class nobody of rides yet: pick it, tick a pupil, save.
    empty = phone.locator("#class-pick option").filter(has_not_text="乘车").first
    phone.select_option("#class-pick", value=empty.get_attribute("value"))
    phone.wait_for_url("**/riders/?class=*")
    expect(phone.locator(".pupil-ticks input:checked")).to_have_count(0)
    added = phone.locator(".pupil-tick").first.inner_text().strip()
    phone.locator(".pupil-tick").first.click()
    phone.locator("button.save-riders").click()
    expect(phone.locator(".alert").first).to_contain_text("乘车学生已保存")
    expect(phone.locator(".riders-count")).to_contain_text("乘车 9 人")
    expect(phone.locator(".riders-by-class")).to_contain_text(added)
    # Another class: untick one of its riders.
    phone.locator(".riders-by-class a").first.click()
    ticked = phone.locator(".pupil-tick").filter(has=phone.locator("input:checked")).first
    removed = ticked.inner_text().strip()
    ticked.click()
    phone.locator("button.save-riders").click()
    expect(phone.locator(".riders-count")).to_contain_text("乘车 8 人")
    expect(phone.locator(".riders-by-class")).not_to_contain_text(removed)
    expect(phone.locator(".riders-by-class")).to_contain_text(added)
    shot(phone, "transport-riders-saved-phone")
    box = phone.locator(".pupil-tick").first.bounding_box()
    assert box and box["height"] >= 44 and box["x"] + box["width"] <= 390

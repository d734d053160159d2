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

"""菜单 on a phone fills the screen, one fold per chapter of the plan, only what the role can use."""

from playwright.sync_api import expect

from .conftest import login, shot


def test_the_phone_menu_fills_the_screen_by_chapter(phone):
    login(phone, "officer_a")
    phone.locator("nav.bottombar button").click()
    menu = phone.locator("#menu")
    expect(menu).to_be_visible()
    box = menu.bounding_box()
    assert box["width"] >= 380 and box["height"] >= 800
    body = phone.locator("#menu .offcanvas-body").bounding_box()
    assert body["height"] >= 700  # no 240 px box with a blank screen below
    groups = phone.locator("#menu details.menu-group")
    assert groups.count() >= 4
    expect(groups.first.locator("summary")).to_contain_text("安全责任")
    groups.nth(1).locator("summary").click()
    link = groups.nth(1).locator("a.menu-link").first
    expect(link).to_be_visible()
    assert link.bounding_box()["height"] >= 44
    shot(phone, "menu-phone")
    link.click()
    phone.wait_for_load_state()
    assert phone.locator("h1").count()


def test_the_door_guard_sees_only_what_she_can_use(phone):
    login(phone, "guard_a")
    phone.locator("nav.bottombar button").click()
    text = phone.locator("#menu").inner_text()
    for absent in ("数据看板", "安排检查", "奖惩记录", "教职工"):
        assert absent not in text

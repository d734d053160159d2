"""A home alert opens its record and counts as read; so does 打开 on the notifications page."""

from playwright.sync_api import expect

from .conftest import login, shot


def _unread(page) -> int:
    badge = page.locator("header .bi-bell + .badge")
    return int(badge.inner_text()) if badge.count() else 0


def test_an_alert_opens_its_record_and_is_read(phone):
    login(phone, "officer_a")
    before = _unread(phone)
    assert before > 0
    alert = phone.locator("section[aria-labelledby=alerts-title] li button").first
    box = alert.bounding_box()
    assert box["height"] >= 44
    alert.click()
    phone.wait_for_load_state()
    assert "/api/" not in phone.url
    expect(phone.locator("h1")).to_be_visible()
    shot(phone, "alert-opened-phone")
    assert _unread(phone) == before - 1

    phone.goto("/notifications/")
    open_button = phone.locator("main li.unread form button").first
    assert open_button.bounding_box()["height"] >= 44
    open_button.click()
    phone.wait_for_load_state()
    assert "/api/" not in phone.url and phone.locator("h1").count()
    # Opening marks it read; alerts about duties since met are withdrawn on the way, too.
    assert _unread(phone) <= before - 2

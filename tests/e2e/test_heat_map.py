"""The heat map fits: at 1366 px every column shows with its full title on hover; on a phone a school
reads as a list of its duties and nothing scrolls sideways."""

from playwright.sync_api import expect

from .conftest import login, shot


def test_heat_map_fits_a_desktop(desktop):
    login(desktop, "central")
    desktop.goto("/reports/dashboard/")
    table = desktop.locator("table.heat-table")
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box["x"] + box["width"] <= 1366
    last = desktop.locator("table.heat-table thead th.heat-col abbr").last
    assert last.bounding_box()["x"] + last.bounding_box()["width"] <= 1366
    assert len(last.get_attribute("title")) > 3  # the full duty title
    shot(desktop, "heat-map-desktop")


def test_heat_map_on_a_phone_is_a_list_per_school(phone):
    login(phone, "central")
    phone.goto("/reports/dashboard/")
    expect(phone.locator("table.heat-table")).to_be_hidden()
    card = phone.locator("details.heat-school-card").first
    card.locator("summary").click()
    first = card.locator("li a").first
    expect(first).to_be_visible()
    assert first.bounding_box()["height"] >= 44
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "heat-map-phone")

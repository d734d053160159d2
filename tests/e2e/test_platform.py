from playwright.sync_api import expect

from .conftest import login, shot


def test_sign_in_and_switch_language_on_a_phone(phone):
    login(phone, "officer_a")
    expect(phone.locator("nav.bottombar")).to_be_visible()
    expect(phone.locator("nav.sidenav").first).to_be_hidden()  # the stylesheet is served and applied
    expect(phone.locator("h1")).to_contain_text("你好")
    shot(phone, "home-phone-zh")
    phone.locator("form.lang-switch button").click()
    expect(phone.locator("h1")).to_contain_text("Hello")
    expect(phone.locator("nav.bottombar")).to_contain_text("Report")


def test_org_pages_on_desktop(desktop):
    login(desktop, "central")
    expect(desktop.locator("nav.bottombar")).to_be_hidden()
    expect(desktop.locator("nav.sidenav").first).to_be_visible()
    desktop.goto("/org/units/")
    expect(desktop.locator("table")).to_contain_text("School A")
    expect(desktop.locator("table")).to_contain_text("Kindergarten C")
    shot(desktop, "units-desktop")
    desktop.goto("/org/students/")
    first_id = desktop.locator("td[data-label='Identity number']").first
    expect(first_id).to_contain_text("*")
    shot(desktop, "students-desktop")


def test_officer_of_school_a_cannot_open_school_b(desktop):
    login(desktop, "officer_a")
    desktop.goto("/org/units/")
    expect(desktop.locator("table")).not_to_contain_text("School B")
    response = desktop.goto("/org/units/4/")
    assert response.status == 404

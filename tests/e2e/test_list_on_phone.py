"""On a phone a list starts on the first screen: its filters fold behind one button."""

from playwright.sync_api import expect

from .conftest import login, shot


def test_the_hazard_ledger_folds_its_filters(phone):
    login(phone, "officer_a")
    phone.goto("/hazards/")
    expect(phone.locator("#list-filters")).to_be_hidden()
    first = phone.locator("#rows tbody tr").first
    assert first.bounding_box()["y"] < 844
    phone.get_by_role("button", name="筛选").click()
    expect(phone.locator("#list-filters")).to_be_visible()
    expect(phone.locator("#id_category option").first).to_have_text("全部")
    shot(phone, "hazard-list-filters-phone")

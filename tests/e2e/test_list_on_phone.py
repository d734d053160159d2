"""On a phone a list starts on the first screen: its filters fold behind one button."""

import re

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


def test_the_officer_finds_the_hazards_past_their_deadline(phone):
    login(phone, "officer_a")
    phone.goto("/hazards/")
    phone.get_by_role("button", name="筛选").click()
    phone.get_by_label("整改期限").select_option(label="已超期")
    phone.wait_for_url("**deadline=missed**")
    expect(phone.locator("#rows")).not_to_contain_text("deadline")
    rows = phone.locator("#rows tbody tr")
    expect(rows.first).to_be_visible()
    # Every hazard listed is marked overdue, or was closed (after its deadline).
    for i in range(rows.count()):
        expect(rows.nth(i)).to_contain_text(re.compile("逾期|已销号"))
    shot(phone, "hazard-list-deadline-missed-phone")
    phone.get_by_label("整改期限").select_option(label="按期或未到期")
    phone.wait_for_url("**deadline=met**")
    shot(phone, "hazard-list-deadline-met-phone")

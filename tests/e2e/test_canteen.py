"""The canteen manager on a phone, in Chinese: records today's lunch samples dish by dish from the
home page and sees the day complete."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import login, shot


def test_canteen_manager_records_lunch_samples_and_sees_the_day_complete(phone):
    login(phone, "canteen_a")
    phone.goto("/")
    panel = phone.locator(".canteen-panel")
    expect(panel).to_contain_text("今日餐次与留样")
    expect(panel).to_contain_text("缺少")
    shot(phone, "canteen-home-phone")
    panel.get_by_role("link", name="登记留样").click()
    expect(phone.locator(".day-status")).to_have_attribute("data-state", "missing")
    lunch = phone.locator("#meal-lunch")
    missing = lunch.locator("li.missing")
    count = missing.count()
    assert count >= 3
    for n in range(count):
        # The form offers the next dish still missing, with the policy's least weight filled in.
        expect(phone.locator("#id_meal")).to_have_value("lunch")
        dish = phone.locator("#id_dish").input_value()
        assert dish
        phone.fill("#id_weight_g", "150")
        phone.fill("#id_fridge", "留样冰箱1号")
        box = phone.locator("#sample-form button[type=submit]").bounding_box()
        assert box["height"] >= 44  # a thumb's target
        phone.locator("#sample-form button[type=submit]").click()
        expect(phone.locator(".alert-success, .alert")).to_contain_text(dish)
        expect(phone.locator("#meal-lunch li.sample", has_text=dish)).to_be_visible()
        expect(phone.locator("#meal-lunch li.missing")).to_have_count(count - n - 1)
    expect(phone.locator(".day-status")).to_have_attribute("data-state", "complete")
    expect(phone.locator(".day-status")).to_contain_text("留样齐全")
    expect(lunch).to_have_attribute("data-complete", "true")
    shot(phone, "canteen-day-complete-phone")


def test_too_light_a_sample_is_named_beside_the_weight(phone):
    login(phone, "canteen_a")
    phone.goto("/canteen/")
    phone.fill("#id_dish", "试验菜")
    phone.fill("#id_weight_g", "80")
    phone.locator("#sample-form button[type=submit]").click()
    expect(phone.locator("#sample-form .invalid-feedback")).to_contain_text("125")

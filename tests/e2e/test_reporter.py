"""A head teacher files an incident on a phone, lands on her report and finds it again in the list."""

from playwright.sync_api import expect

from .conftest import login, shot


def test_the_reporter_sees_her_incident(phone):
    login(phone, "teacher_a")
    phone.goto("/incidents/new/")
    phone.select_option("#id_kind", "casualty_accident")
    phone.select_option("#id_severity", "general")
    phone.fill("#id_location", "操场")
    phone.fill("#id_summary", "体育课一名学生扭伤脚踝（浏览器测试）")
    phone.locator("form.sc-form button[type=submit]").click()
    phone.wait_for_url(lambda url: "/incidents/" in url and "/new/" not in url)
    expect(phone.locator("main")).to_contain_text("体育课一名学生扭伤脚踝")
    expect(phone.locator("main")).to_contain_text("续报")  # she may add a follow-up
    shot(phone, "incident-reporter-phone")
    mine = phone.url
    response = phone.goto("/incidents/")
    assert response.status == 200
    phone.locator(f"main a[href='{mine.split(phone.url.split('/incidents/')[0])[1]}']").first.click()
    expect(phone.locator("main")).to_contain_text("体育课一名学生扭伤脚踝")

"""Education in a real browser: a head teacher records a lesson on a phone; a parent's phone opens its
personal link (no sign-in) and acknowledges the holiday notice; the school sees the rate move."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, login, shot


def test_head_teacher_records_a_lesson_on_a_phone(phone):
    login(phone, "teacher_a")
    phone.goto("/")
    phone.locator("a.shortcut[href='/education/lessons/new/']").click()
    expect(phone.locator("#id_topic")).to_be_visible()
    # The head teacher's own class comes first and is chosen already.
    expect(phone.locator("#id_org_unit option:checked")).to_contain_text("一(1)班")
    phone.select_option("#id_topic", label="防震减灾")
    phone.select_option("#id_kind", "before_activity")
    shot(phone, "lesson-record-phone")
    box = phone.locator("form.sc-form button[type=submit]").bounding_box()
    assert box["height"] >= 44
    phone.locator("form.sc-form button[type=submit]").click()
    expect(phone.locator("h1")).to_contain_text("一(1)班")
    expect(phone.locator("main")).to_contain_text("安全课已登记")
    expect(phone.locator("li", has_text="防震减灾").locator(".bi-check-circle-fill")).to_have_count(1)
    shot(phone, "lesson-class-topics-phone")


def test_parents_phone_acknowledges_the_holiday_notice(browser, server):
    desk = browser.new_context(viewport=DESKTOP, base_url=server, locale="zh-CN")
    school = desk.new_page()
    login(school, "officer_a")
    school.goto("/education/notices/")
    school.locator("a", has_text="寒假安全告家长书").first.click()
    notice_url = school.url
    before = school.locator("p.lead").inner_text()
    # A family still to reach, as the school's list names it.
    pupil, guardian = school.locator("#reach ~ ul li span").first.inner_text().split(" · ")
    school.locator("a", has_text="复制全部链接").click()
    links = "\n".join(t.input_value() for t in school.locator("textarea").all())
    url = re.search(rf"^{pupil} {guardian}: (\S+)$", links, re.M).group(1)

    parent_ctx = browser.new_context(viewport=PHONE, base_url=server, locale="zh-CN", has_touch=True,
                                     is_mobile=True)
    parent = parent_ctx.new_page()
    parent.goto(url)
    expect(parent.locator("h1")).to_contain_text("寒假安全告家长书")
    expect(parent.locator("nav")).to_have_count(0)          # no way into the system
    button = parent.get_by_role("button", name="我已阅读")
    assert button.bounding_box()["height"] >= 44
    shot(parent, "parent-notice-phone")
    button.tap()
    expect(parent.locator("#acknowledged")).to_contain_text("您已确认阅读")
    parent.reload()
    expect(parent.get_by_role("button", name="我已阅读")).to_have_count(0)
    shot(parent, "parent-notice-acknowledged-phone")
    parent_ctx.close()

    school.goto(notice_url)
    after = school.locator("p.lead").inner_text()
    assert int(after.split("已确认 ")[1].split(" /")[0]) == int(before.split("已确认 ")[1].split(" /")[0]) + 1
    desk.close()

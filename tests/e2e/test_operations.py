"""Daily operations in a real browser on a phone, in Chinese: the gate and the class."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import login, shot

VISITOR = "测试访客甲"
ID_NUMBER = "110101199003071234"


def _valid_id() -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    body = ID_NUMBER[:17]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def test_the_guard_registers_a_visitor_and_lets_them_out(phone):
    login(phone, "guard_a")
    phone.goto("/")
    shot(phone, "ops-guard-home-phone")
    phone.locator("a.shortcut[href='/operations/visitors/new/']").click()
    expect(phone.locator("h1")).to_contain_text("登记访客")
    phone.fill("#id_name", VISITOR)
    phone.fill("#id_id_number", ID_NUMBER[:17] + ("0" if _valid_id()[-1] != "0" else "1"))
    phone.fill("#id_phone", "13812345678")
    phone.fill("#id_purpose", "送教学器材")
    phone.locator("form.sc-form button[type=submit]").click()
    # A wrong check digit: the form says which field, nothing is registered.
    expect(phone.locator(".invalid-feedback")).to_contain_text("校验位")
    phone.fill("#id_id_number", _valid_id())
    phone.select_option("#id_host", label="李专干 (officer_a)")
    shot(phone, "ops-visitor-form-phone")
    phone.locator("form.sc-form button[type=submit]").click()
    expect(phone.locator("h1")).to_contain_text("在校访客")
    row = phone.locator(".inside-list li", has_text=VISITOR)
    expect(row).to_have_count(1)
    expect(row).not_to_contain_text(_valid_id())
    shot(phone, "ops-inside-phone")
    box = row.locator("button.leave-button").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    row.locator("button.leave-button").click()
    expect(phone.locator(".alert")).to_contain_text("已离校")
    expect(phone.locator(".inside-list li", has_text=VISITOR)).to_have_count(0)
    phone.goto("/operations/visitors/?q=" + VISITOR)
    expect(phone.locator("table")).to_contain_text("已离校")


def test_a_head_teacher_hands_over_a_child_and_sees_a_refusal_alert(phone):
    login(phone, "teacher_a")
    phone.goto("/")
    panel = phone.locator(".pickup-panel")
    expect(panel).to_contain_text("今日接送")
    shot(phone, "ops-head-teacher-home-phone")
    waiting = panel.locator("li.pickup-not_yet")
    before = waiting.count()
    assert before >= 2
    name = waiting.first.locator("a").first.inner_text()
    waiting.first.locator("a.btn").click()
    expect(phone.locator("h1")).to_contain_text(name)
    shot(phone, "ops-pickup-child-phone")
    phone.locator("form.adults button[name=adult]").first.click()
    expect(phone.locator(".alert")).to_contain_text("已交给")
    expect(phone.locator("li.pickup-handed_over", has_text=name)).to_have_count(1)

    other = phone.locator("li.pickup-not_yet").first
    other_name = other.locator("a").first.inner_text()
    other.locator("a.btn").click()
    phone.fill("#id_collector_name", "陌生男子")
    phone.fill("#id_relation", "自称舅舅")
    phone.locator("form.refuse button[type=submit]").click()
    expect(phone.locator(".alert")).to_contain_text("已拒绝")
    phone.goto("/")
    alerts = phone.locator("section.panel", has_text="拒绝接走")
    expect(alerts.first).to_contain_text(other_name)
    shot(phone, "ops-refusal-alert-phone")

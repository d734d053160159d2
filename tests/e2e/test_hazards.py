"""The hazard loop in a real browser: a teacher reports with a photo on a phone, the officer assigns,
the assignee rectifies with a photo, someone else verifies and closes it."""

from __future__ import annotations

import io

from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, login, shot


def _png_file(tmp_path, name: str, colour: str) -> str:
    from PIL import Image

    path = tmp_path / name
    buf = io.BytesIO()
    Image.new("RGB", (120, 90), colour).save(buf, "PNG")
    path.write_bytes(buf.getvalue())
    return str(path)


def _page(browser, server, viewport, locale="zh-CN"):
    mobile = viewport == PHONE
    context = browser.new_context(viewport=viewport, base_url=server, locale=locale, has_touch=mobile,
                                  is_mobile=mobile)
    return context, context.new_page()


def test_hazard_loop_from_a_phone_report_to_closing(phone, browser, server, tmp_path):
    title = "二楼楼梯扶手松动 e2e"
    login(phone, "teacher_a")
    phone.goto("/")
    phone.locator("a.shortcut[href='/hazards/report/']").click()
    expect(phone.locator("#id_title")).to_be_visible()
    phone.fill("#id_title", title)
    phone.select_option("#id_category", "building")
    phone.fill("#id_location", "教学楼二楼东楼梯")
    phone.set_input_files("#id_photos", _png_file(tmp_path, "rail.png", "#c0392b"))
    shot(phone, "hazard-report-phone")
    phone.locator("form.sc-form button[type=submit]").click()
    expect(phone.locator("h1")).to_contain_text(title)
    expect(phone.locator("img.thumb")).to_have_count(1)
    shot(phone, "hazard-reported-phone")
    url = phone.url.replace(server, "")

    ctx, officer = _page(browser, server, DESKTOP, locale="en-US")
    login(officer, "officer_a")
    officer.goto("/")
    expect(officer.locator(".hazard-panel")).to_contain_text(title)
    shot(officer, "home-officer-desktop")
    officer.goto(url)
    officer.locator(f"a[href='{url}assign/']").click()
    officer.select_option("#id_assignee", label="吴师傅 (guard_a)")
    officer.fill("#id_deadline", "2099-06-30")
    officer.locator("form.sc-form button[type=submit]").click()
    expect(officer.locator("main")).to_contain_text("Assigned")
    shot(officer, "hazard-assigned-desktop")

    gctx, guard = _page(browser, server, PHONE)
    login(guard, "guard_a")
    guard.goto(url)
    guard.locator(f"a[href='{url}rectify/']").click()
    guard.fill("#id_note", "已重新固定扶手螺栓，并加装防松垫片。")
    guard.set_input_files("#id_photos", _png_file(tmp_path, "fixed.png", "#27ae60"))
    shot(guard, "hazard-rectify-phone")
    guard.locator("form.sc-form button[type=submit]").click()
    expect(guard.locator("main")).to_contain_text("待复查验收")
    expect(guard.locator(f"a[href='{url}verify/']")).to_have_count(0)  # the rectifier cannot verify
    gctx.close()

    officer.goto(url)
    officer.locator(f"a[href='{url}verify/']").click()
    officer.fill("#id_note", "Checked on site: firm.")
    officer.locator("form.sc-form button[type=submit]").click()
    expect(officer.locator("main .badge.status-closed")).to_be_visible()
    expect(officer.locator("img.thumb")).to_have_count(2)
    shot(officer, "hazard-closed-desktop")
    officer.goto("/hazards/")
    expect(officer.locator("table")).to_contain_text(title)
    shot(officer, "hazard-ledger-desktop")
    officer.goto("/hazards/analytics/")
    expect(officer.locator("#chart-open")).to_be_visible()
    officer.wait_for_timeout(300)
    shot(officer, "hazard-analytics-desktop")
    ctx.close()

    phone.goto("/hazards/")
    expect(phone.locator("main")).to_contain_text(title)
    shot(phone, "hazard-ledger-phone")


def test_demo_hazards_on_a_phone(phone):
    login(phone, "officer_b")
    expect(phone.locator(".hazard-panel")).to_be_visible()
    shot(phone, "home-officer-b-phone")
    phone.goto("/hazards/?level=major")
    phone.locator("table a", has_text="宿舍楼外墙").first.click()
    expect(phone.locator("main")).to_contain_text("五落实")
    expect(phone.locator("main")).to_contain_text("已上报教育局")
    shot(phone, "hazard-major-phone")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, width


def test_surroundings_hazard_on_a_phone(phone):
    login(phone, "officer_a")
    phone.goto("/hazards/?category=surroundings")
    phone.locator("table a", has_text="流动摊贩").first.click()
    expect(phone.locator("main")).to_contain_text("县交警大队")
    shot(phone, "hazard-surroundings-phone")

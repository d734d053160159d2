"""An officer carries out a special inspection on a phone and sees the hazard a failed item opened."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from .conftest import login, shot


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(buf, format="PNG")
    return buf.getvalue()


def test_an_officer_carries_out_an_inspection_on_a_phone(phone):
    login(phone, "officer_a")
    shot(phone, "home-phone-zh")
    phone.goto("/inspections/mine/")
    expect(phone.locator("table")).to_contain_text("消防安全专项检查")
    shot(phone, "mine-phone-zh")
    phone.locator("a", has_text="消防安全专项检查").first.click()
    phone.wait_for_url(re.compile(r"/inspections/\d+/$"))
    shot(phone, "detail-scheduled-phone-zh")
    phone.locator("a", has_text="开展检查").first.click()
    phone.wait_for_url(re.compile(r"/inspections/\d+/complete/$"))

    rows = phone.locator("li.check-item")
    count = rows.count()
    assert count >= 8
    for i in range(count):
        row = rows.nth(i)
        if i == 2:
            row.locator("label", has_text="不合格").click()
            row.locator("input[type=text]").fill("北楼安全出口被课桌堵住")
            row.locator("input[type=file]").set_input_files(
                {"name": "exit.png", "mimeType": "image/png", "buffer": _png()})
        else:
            row.locator("label", has_text=re.compile(r"^\s*合格\s*$")).click()
    shot(phone, "carry-out-phone-zh")
    phone.locator("button[type=submit]", has_text="完成检查").click()
    phone.wait_for_url(re.compile(r"/inspections/\d+/$"))
    expect(phone.locator(".alert-success")).to_contain_text("登记隐患：1")
    expect(phone.locator("h1 ~ .badge, .badge.status-completed").first).to_contain_text("已完成")
    expect(phone.locator(".results-list img.thumb")).to_have_count(1)
    shot(phone, "detail-completed-phone-zh")

    phone.locator("a.hazard-link").first.click()
    phone.wait_for_url(re.compile(r"/hazards/\d+/"))
    expect(phone.locator("body")).to_contain_text("北楼安全出口被课桌堵住")
    expect(phone.locator("img.thumb").first).to_be_visible()  # the photo went with the hazard
    shot(phone, "hazard-from-inspection-phone-zh")


def test_the_central_office_schedules_and_draws_on_a_desktop(desktop):
    login(desktop, "central")
    desktop.goto("/inspections/")
    expect(desktop.locator("table")).to_contain_text("School A")
    shot(desktop, "inspection-list-desktop")
    desktop.goto("/inspections/checklists/")
    expect(desktop.locator("table")).to_contain_text("Special inspection: fire safety")
    shot(desktop, "checklists-desktop")
    desktop.locator("a", has_text="Special inspection: canteen and food safety").click()
    expect(desktop.locator("table")).to_contain_text("125 g")
    shot(desktop, "checklist-detail-desktop")
    desktop.locator("a", has_text="Copy as my own checklist").click()
    expect(desktop.locator("#id_items")).to_contain_text("125")
    desktop.fill("#id_name_zh", "本中心校食堂检查")
    desktop.fill("#id_name", "Our canteen check")
    shot(desktop, "checklist-copy-desktop")
    desktop.locator("form.sc-form button[type=submit]").click()
    expect(desktop.locator("h1")).to_contain_text("Our canteen check")
    expect(desktop.locator("body")).to_contain_text("Edit (new version)")
    desktop.goto("/inspections/schedule/")
    desktop.select_option("#id_template", label="Special inspection: dormitory")
    desktop.select_option("#id_target", index=0)
    desktop.fill("#id_scheduled_for", "2031-04-15")
    shot(desktop, "schedule-desktop")
    desktop.locator("form.sc-form button[type=submit]").click()
    expect(desktop.locator(".alert-success")).to_contain_text("3 inspections scheduled")
    desktop.goto("/inspections/draws/")
    shot(desktop, "draws-desktop")
    desktop.locator("table a").first.click()
    expect(desktop.locator("body")).to_contain_text("gives the same schools")
    shot(desktop, "draw-detail-desktop")


def test_the_schedule_form_on_a_phone(phone):
    login(phone, "officer_b")
    phone.goto("/inspections/schedule/")
    expect(phone.locator("#id_target")).to_contain_text("B小学")
    expect(phone.locator("#id_scheduled_for")).not_to_have_value("")
    shot(phone, "schedule-phone-zh")
    phone.goto("/inspections/checklists/")
    shot(phone, "checklists-phone-zh")

"""Onboarding in a real browser: the central school, on a desktop, downloads the class-list
template, fills it in, uploads it, reads the preview, confirms, and finds the pupils in the list;
a new teacher's first sign-in leads to choosing a password (phone, Chinese)."""

from __future__ import annotations

import io

from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, login, shot

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _id(seq: int) -> str:
    body = f"43112120190305{seq:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def test_central_school_imports_a_class_list_on_a_desktop(browser, server, tmp_path):
    from openpyxl import load_workbook

    context = browser.new_context(viewport=DESKTOP, base_url=server, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    login(page, "central")
    page.goto("/")
    page.locator("nav.sidenav a[href='/org/imports/']").click()
    expect(page.locator("h1")).to_have_text("Excel 导入")
    with page.expect_download() as download:
        page.locator("a[href='/org/imports/template/students/?lang=zh-hans']").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    sheet, units = book.worksheets[0], book.worksheets[1]
    assert sheet["A1"].value == "班级编号" and sheet["B1"].value == "姓名"
    class_id, class_name = next((r[0], r[1]) for r in units.iter_rows(min_row=2, values_only=True)
                                if r[1] == "一(2)班")
    for i in range(1, 4):
        sheet.append([class_id, f"浏览器学生{i}", "女", "2019-03-05", f"E2E{i:03d}", _id(i), f"浏览器家长{i}", "母亲",
                      f"1390000{i:04d}"])
    filled = tmp_path / "class.xlsx"
    book.save(filled)

    page.select_option("#id_kind", "students")
    page.set_input_files("#id_file", str(filled))
    page.locator("form[action='/org/imports/upload/'] button[type=submit]").click()
    expect(page.locator("[data-count=creates]")).to_have_text("3")
    expect(page.locator("[data-count=errors]")).to_have_text("0")
    expect(page.locator("table.import-lines")).to_contain_text("浏览器学生2")
    shot(page, "import-preview-desktop")
    page.locator("form[action$='/confirm/'] button").click()
    expect(page.locator("#import-progress")).to_contain_text("新增 3")

    page.goto("/org/students/?q=浏览器学生")
    expect(page.locator("table.sc-table tbody tr")).to_have_count(3)
    expect(page.locator("table.sc-table")).to_contain_text(class_name)
    shot(page, "import-done-students")

    # the same file again: nothing to create
    page.goto("/org/imports/")
    page.select_option("#id_kind", "students")
    page.set_input_files("#id_file", str(filled))
    page.locator("form[action='/org/imports/upload/'] button[type=submit]").click()
    expect(page.locator("[data-count=creates]")).to_have_text("0")
    expect(page.locator("[data-count=updates]")).to_have_text("0")
    context.close()


def test_a_new_teacher_chooses_a_password_at_first_sign_in(browser, server):
    context = browser.new_context(viewport=DESKTOP, base_url=server, locale="zh-CN")
    page = context.new_page()
    login(page, "central")
    page.goto("/org/staff/new/")
    page.select_option("#id_org_unit", label="· A小学")
    page.fill("#id_name", "新来的老师")
    page.fill("#id_username", "e2e_teacher")
    page.locator("input[name=roles][value=teacher]").check()
    page.locator("form.sc-form button[type=submit]").click()
    password = page.locator("[data-first-password]").inner_text().strip()
    context.close()

    phone = browser.new_context(viewport=PHONE, base_url=server, locale="zh-CN", has_touch=True, is_mobile=True)
    page = phone.new_page()
    login(page, "e2e_teacher", password)
    expect(page).to_have_url(f"{server}/org/first-password/")
    page.goto("/hazards/")
    expect(page).to_have_url(f"{server}/org/first-password/")
    page.fill("#id_new_password1", "Mein-eigenes-Passwort-7")
    page.fill("#id_new_password2", "Mein-eigenes-Passwort-7")
    shot(page, "first-password-phone")
    page.locator("form.sc-form button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("密码已设置")
    page.goto("/hazards/")
    expect(page).to_have_url(f"{server}/hazards/")
    phone.close()


def test_unit_tree_on_a_phone(browser, server):
    context = browser.new_context(viewport=PHONE, base_url=server, locale="zh-CN", has_touch=True, is_mobile=True)
    page = context.new_page()
    login(page, "central")
    page.goto("/org/tree/")
    expect(page.locator("h1")).to_have_text("单位")
    row = page.locator("li[data-unit]", has_text="C幼儿园").first
    row.locator("a", has_text="添加下级").click()
    page.select_option("#id_kind", "grade")
    page.fill("#id_name", "Middle")
    page.fill("#id_name_zh", "中班")
    page.locator("form.sc-form button[type=submit]").click()
    expect(page.locator("ul.unit-tree")).to_contain_text("中班")
    box = page.locator("li[data-unit]", has_text="中班").locator("a", has_text="改名或移动").bounding_box()
    assert box["height"] >= 44
    shot(page, "unit-tree-phone")
    context.close()


_ = io

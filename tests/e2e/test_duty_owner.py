"""A head teacher opens her task 节假日前安全教育课 on a phone and signs it off there: no dead end."""

import io

from PIL import Image
from playwright.sync_api import expect

from .conftest import login, shot


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (20, 120, 60)).save(buf, format="PNG")
    return buf.getvalue()


def test_the_head_teacher_signs_her_holiday_lesson_from_her_task(phone):
    login(phone, "teacher_a")
    phone.goto("/compliance/tasks/")
    phone.get_by_role("link", name="节假日前安全教育课").first.click()
    phone.wait_for_load_state()
    assert "/compliance/attest/" in phone.url
    expect(phone.locator("#id_obligation option:checked")).to_have_text("节假日前安全教育课")
    phone.set_input_files("#id_file", files=[{"name": "lesson.png", "mimeType": "image/png", "buffer": _png()}])
    phone.fill("#id_note", "三(2)班 寒假安全教育课")
    shot(phone, "owner-attest-phone")
    phone.locator("form.sc-form button[type=submit]").click()
    phone.wait_for_load_state()
    assert "/compliance/attest/" not in phone.url
    expect(phone.locator("main")).to_contain_text("节假日前安全教育课")

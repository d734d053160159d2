"""A head teacher opens her task 节假日前安全教育课 on a phone and lands where she records it: no dead end."""

from playwright.sync_api import expect

from .conftest import login, shot


def test_the_head_teachers_holiday_lesson_task_opens_where_she_records_it(phone):
    login(phone, "teacher_a")
    phone.goto("/compliance/tasks/")
    phone.get_by_role("link", name="节假日前安全教育课").first.click()
    phone.wait_for_load_state()
    assert "/compliance/calendar/" not in phone.url and "/education/lessons/new/" in phone.url
    expect(phone.locator("form.sc-form, main form").first).to_be_visible()
    shot(phone, "owner-task-phone")

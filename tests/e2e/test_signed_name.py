"""A letter cannot be signed under another name: the typed name must be the signer's own."""

from playwright.sync_api import expect

from .conftest import login, shot


def test_the_door_guard_cannot_sign_as_someone_else(phone):
    login(phone, "guard_a")
    phone.goto("/responsibility/my-letters/")
    phone.locator("a[href$='/sign/']").first.click()
    phone.check("#id_confirm")
    phone.fill("#id_signed_name", "张三")
    phone.locator("#sign-form button[type=submit]").click()
    expect(phone.locator("main")).to_contain_text("请输入责任书上您本人的姓名：吴师傅")
    shot(phone, "resp-sign-wrong-name-phone")
    phone.check("#id_confirm")
    phone.fill("#id_signed_name", "吴师傅")
    phone.locator("#sign-form button[type=submit]").click()
    expect(phone.locator(".badge.status-signed")).to_be_visible()
    doc = phone.locator("article.letter-doc")
    expect(doc).to_contain_text("吴师傅")
    expect(doc).not_to_contain_text("张三")

"""A principal on a phone, in Chinese: a copy of a pupil's data, and the erasure page."""

import io
import json
import zipfile

from playwright.sync_api import expect

from .conftest import login, shot


def test_principal_exports_a_pupils_data_and_sees_why_it_cannot_be_erased_yet(phone):
    login(phone, "principal_a")
    phone.goto("/org/students/")
    phone.locator("table a, .list-group a").filter(has_not_text="ZIP").first.click()
    phone.wait_for_url("**/org/students/*/")
    pupil = phone.url.rstrip("/").rsplit("/", 1)[-1]
    export = phone.get_by_role("button", name="导出全部信息（ZIP）")
    box = export.bounding_box()
    assert box and box["height"] >= 44
    with phone.expect_download() as download:
        export.click()
    with open(download.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = json.loads(archive.read("manifest.json"))
    assert str(manifest["pupil"]) == pupil
    assert json.loads(archive.read("org.student.json"))[0]["id"] == int(pupil)
    shot(phone, "pupil-data-phone-zh")

    phone.get_by_role("link", name="删除个人信息").click()
    expect(phone.locator("h1")).to_contain_text("删除学生个人信息")
    expect(phone.locator(".alert")).to_contain_text("仍在读")
    expect(phone.get_by_role("button", name="删除")).to_have_count(0)
    expect(phone.locator(".list-group")).to_contain_text("学生档案: 删除")
    expect(phone.locator(".list-group")).not_to_contain_text("()")
    shot(phone, "pupil-erase-phone-zh")
    phone.get_by_role("link", name="取消").click()
    phone.wait_for_url(f"**/org/students/{pupil}/")


def test_the_authority_sees_the_witnessed_heads_on_a_phone(phone):
    login(phone, "authority")
    phone.goto("/audit/witness/")
    expect(phone.locator("h1")).to_contain_text("审计记录见证")
    expect(phone.locator(".list-group")).to_contain_text("中心")
    shot(phone, "audit-witness-phone-zh")

"""The central school exports School A's semester archive and downloads it when it is ready;
the monthly reports page makes a month's report and offers its PDF."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = pytest.mark.browser


def test_central_school_exports_a_semester_archive_and_downloads_it(phone, tmp_path):
    login(phone, "central")
    phone.goto("/reports/archives/")
    expect(phone.get_by_role("heading", name="学期档案", exact=True)).to_be_visible()
    phone.select_option("#id_org_unit", label="A小学")
    shot(phone, "archive-start-phone")
    # Submitted without waiting on the answer: the test server builds the archive before it answers.
    phone.locator("#archive-start").evaluate("form => form.requestSubmit()")
    # The archive is built in the background; the page follows its progress until the ZIP is ready.
    download_button = phone.get_by_role("link", name="下载 ZIP 档案")
    expect(download_button).to_be_visible(timeout=400_000)
    expect(phone.locator("#archive-progress .alert-success")).to_contain_text("已生成：")
    shot(phone, "archive-ready-phone")
    with phone.expect_download() as download:
        download_button.click()
    path = tmp_path / "archive.zip"
    download.value.save_as(path)
    with zipfile.ZipFile(path) as zipped:
        index = json.loads(zipped.read("index.json"))
        assert index["school_name"] == "A小学" and index["rows"]
        for row in index["rows"]:
            assert hashlib.sha256(zipped.read(row["file"])).hexdigest() == row["sha256"]
        assert "index.xlsx" in zipped.namelist()
    # The archive is listed, ready.
    phone.goto("/reports/archives/")
    expect(phone.locator("#rows .badge", has_text="可下载").first).to_be_visible()


def test_officer_makes_last_months_report(phone):
    login(phone, "officer_a")
    phone.goto("/reports/monthly/")
    expect(phone.get_by_role("heading", name="月度报告", exact=True)).to_be_visible()
    phone.get_by_role("button", name="生成报告").click()
    expect(phone.get_by_text("月度报告已生成。")).to_be_visible(timeout=60_000)
    expect(phone.get_by_role("link", name="XLSX").first).to_be_visible()
    shot(phone, "monthly-list-phone")

"""A school files an incident on a phone; the central school sees the alert at once."""

from playwright.sync_api import expect

from .conftest import login, shot


def test_school_files_on_a_phone_and_central_sees_the_alert(phone, desktop):
    login(phone, "officer_a")
    phone.goto("/incidents/new/")
    expect(phone.locator("h1")).to_be_visible()
    phone.select_option("#id_kind", "food_poisoning")
    phone.select_option("#id_severity", "serious")
    phone.fill("#id_location", "学生食堂")
    phone.fill("#id_summary", "午餐后两名学生腹痛（浏览器测试）")
    phone.fill("#id_first_actions", "送医观察，封存留样")
    phone.fill("#id_injured", "2")
    phone.fill("#id_injured_names", "赵一、钱二")
    shot(phone, "incident-file-phone")
    box = phone.locator("form.sc-form button[type=submit]").bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 390
    phone.locator("form.sc-form button[type=submit]").click()
    phone.wait_for_url(lambda url: "/incidents/" in url and "/new/" not in url)
    expect(phone.locator("main")).to_contain_text("午餐后两名学生腹痛")
    expect(phone.locator("main")).not_to_contain_text("赵一、钱二")  # minors' names are masked
    shot(phone, "incident-detail-phone")
    incident_url = phone.url

    login(desktop, "central")
    panel = desktop.locator("section[aria-labelledby=panel-incidents]")
    expect(panel).to_contain_text("School A")
    expect(desktop.locator("header .bi-bell + .badge")).to_be_visible()
    shot(desktop, "home-central-desktop")
    desktop.goto("/notifications/")
    # The alert reads in the reader's language (this desktop reads English).
    expect(desktop.locator("main")).to_contain_text("New incident at School A: Food poisoning (Serious)")
    desktop.goto(incident_url.replace(incident_url.split("/incidents/")[0], ""))
    expect(desktop.locator("main")).to_contain_text("Serious")
    shot(desktop, "incident-detail-desktop")
    desktop.goto("/incidents/")
    expect(desktop.locator("table")).to_contain_text("School A")
    shot(desktop, "incident-list-desktop")
    desktop.goto("/incidents/stats/")
    shot(desktop, "incident-stats-desktop")
    desktop.goto("/incidents/info-reports/")
    expect(desktop.locator("main")).to_contain_text("Kindergarten C")
    shot(desktop, "info-reports-desktop")
    desktop.goto("/incidents/late/")
    shot(desktop, "late-desktop")


def test_pages_on_a_phone(phone):
    login(phone, "central")
    for path, name in (("/incidents/", "list"), ("/incidents/stats/", "stats"), ("/incidents/notices/", "notices"),
                       ("/incidents/rules/", "rules"), ("/incidents/info-reports/", "info-reports"),
                       ("/incidents/timeline/", "timeline"), ("/incidents/accountability/", "records"),
                       ("/incidents/notices/new/", "notice-new"), ("/incidents/accountability/new/", "record-new")):
        response = phone.goto(path)
        assert response.status == 200
        shot(phone, f"incident-{name}-phone")
    phone.goto("/incidents/")
    phone.locator("tbody a").first.click()
    shot(phone, "incident-detail-central-phone")

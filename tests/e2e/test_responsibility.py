from playwright.sync_api import expect

from .conftest import login, shot


def test_head_teacher_signs_a_letter_on_a_phone(phone):
    login(phone, "teacher_a")
    shot(phone, "resp-home-phone")
    expect(phone.locator("#responsibility-panel")).to_be_visible()
    phone.goto("/responsibility/my-letters/")
    shot(phone, "resp-my-letters-phone")
    phone.locator("a[href$='/sign/']").first.click()
    expect(phone.locator("article.letter-doc h2")).to_contain_text("责任书")
    phone.check("#id_confirm")
    phone.fill("#id_signed_name", "周老师")
    # Centre the pad: the phone's fixed bottom bar would otherwise take the strokes.
    phone.locator("#sig-pad").evaluate("el => el.scrollIntoView({block: 'center', behavior: 'instant'})")
    box = phone.locator("#sig-pad").bounding_box()
    # A finger stroke, as a phone sends it (touch events, which Chromium turns into pointer events).
    cdp = phone.context.new_cdp_session(phone)
    points = [(box["x"] + 20 + 12 * i, box["y"] + 40 + (30 if i % 2 else 0)) for i in range(15)]
    start = {"x": points[0][0], "y": points[0][1]}
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [start]})
    for x, y in points[1:]:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    assert phone.input_value("#id_signature").startswith("data:image/png;base64,")
    shot(phone, "resp-sign-phone")
    phone.locator("#sign-form button[type=submit]").click()
    expect(phone.locator(".badge.status-signed")).to_be_visible()
    expect(phone.locator("article.letter-doc")).to_contain_text("周老师")
    expect(phone.locator("img.sig-img")).to_be_visible()  # the drawn signature was kept
    shot(phone, "resp-signed-phone")
    phone.goto("/responsibility/")
    shot(phone, "resp-my-duties-phone")


def test_central_school_pages_on_desktop(desktop):
    login(desktop, "central")
    for name, url in [("letters", "/responsibility/letters/"), ("unsigned", "/responsibility/letters/unsigned/"),
                      ("batch", "/responsibility/letters/batch/"), ("teams", "/responsibility/teams/"),
                      ("meetings", "/responsibility/meetings/"), ("coverage", "/responsibility/rules/coverage/"),
                      ("posts", "/responsibility/posts/"), ("rules", "/responsibility/rules/")]:
        response = desktop.goto(url)
        assert response.status == 200, url
        shot(desktop, f"resp-{name}-desktop")
    desktop.goto("/responsibility/meetings/")
    desktop.locator("td a").first.click()
    expect(desktop.locator("h1")).to_be_visible()
    shot(desktop, "resp-meeting-desktop")
    desktop.goto("/responsibility/rules/")
    desktop.locator(".list-group a").first.click()
    shot(desktop, "resp-rule-desktop")

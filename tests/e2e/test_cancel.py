"""取消 on a form goes back to the page it was opened from, even after a refused submit; no CSP error."""

from .conftest import login


def test_cancel_goes_back(phone):
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    login(phone, "officer_a")
    phone.goto("/hazards/")
    phone.locator("main a[href='/hazards/report/']").first.click()
    phone.wait_for_url("**/hazards/report/")
    phone.locator("form.sc-form button[type=submit]").click()  # empty: refused, the form again
    phone.wait_for_load_state()
    phone.get_by_role("link", name="取消").click()
    phone.wait_for_url("**/hazards/")
    assert phone.url.endswith("/hazards/")
    assert not [e for e in errors if "Content Security Policy" in e or "javascript:" in e]


def test_cancel_without_a_referrer_goes_to_the_record_or_home(phone):
    login(phone, "officer_a")
    phone.goto("/incidents/new/")
    cancel = phone.get_by_role("link", name="取消")
    assert cancel.get_attribute("href") == "/"
    assert cancel.bounding_box()["height"] >= 44

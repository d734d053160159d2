"""Filters on a list page refresh the rows through HTMX, also where an app's template extends the list."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("url", "who"), [
    ("/hazards/?level=major", "central"),
    ("/incidents/info-reports/?zero=true", "central"),
    ("/org/students/?q=王", "officer_a"),
])
def test_htmx_filter_request_renders_the_rows(world, url, who):
    response = world.web(who).get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and ("<table" in body or "Nothing here yet." in body)


def test_filter_values_that_cannot_be_read_are_said_not_swallowed(world):
    response = world.web("central").get("/hazards/?reported_from=11/31/2026", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Some filters could not be read" in response.content.decode()
    assert "<strong>Reported from</strong>" in response.content.decode()
    zh = world.web("central", language="zh-hans").get("/hazards/?reported_from=11/31/2026").content.decode()
    assert "reported_from</strong>" not in zh and "<strong>上报日期自</strong>" in zh


def test_history_speaks_words_and_local_time(world):
    from django.utils import translation

    from safecampus.core import audit
    from safecampus.core.templatetags.sc import change_rows

    event = audit.record("test.changed", obj=world.school_a, changes={
        "kind": ["grade", "school"], "has_canteen": [False, True], "at": "2026-11-29T15:00:00+00:00"})
    with translation.override("zh-hans"):
        rows = {str(k): str(v) for k, v in change_rows(event)}
    assert rows["类型"] == "年级 → 学校"
    assert rows["有食堂"] == "否 → 是"
    assert "23:00" in str(rows["时间"])


def test_who_was_told_is_a_list_not_a_change(world):
    from django.utils import translation

    from safecampus.core import audit
    from safecampus.core.templatetags.sc import change_rows

    event = audit.record("test.told", obj=world.school_a, changes={"to": ["authority", "central"]})
    with translation.override("en"):
        rows = {str(k): str(v) for k, v in change_rows(event)}
    assert rows == {"Told": "Education authority, Central school"}

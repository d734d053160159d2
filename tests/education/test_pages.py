"""List pages run the same number of queries whatever their length (pinned), and read in Chinese."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safecampus.core.testing.queries import exact_queries

from .helpers import lesson, notice, training

pytestmark = pytest.mark.django_db

TOPICS = ["drowning", "traffic", "fire", "food", "electricity", "bullying", "online", "earthquake"]
PAGES = {"/education/": 0, "/education/notices/": 0, "/education/training/": 0, "/education/campaigns/": 0}


def _count(web, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert web.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", list(PAGES))
def test_list_query_count_does_not_grow(world, url):
    web = world.web("officer_a")
    web.get(url)
    before = _count(web, url)
    for topic in TOPICS:
        lesson(world, topic=topic)
    notice(world, unit=world.class_a)
    notice(world)
    training(world)
    training(world, title="Second")
    with exact_queries(before):
        web.get(url)


def test_pages_read_in_chinese(world):
    web = world.web("officer_a", "zh-hans")
    for url, words in (("/education/", "安全教育课"), ("/education/notices/", "告家长书"),
                       ("/education/training/", "教职工培训"), ("/education/campaigns/", "安全教育月"),
                       ("/education/topics/", "防溺水")):
        html = web.get(url).content.decode()
        shown = re.sub(r"<[^>]+>", " ", html)   # what a reader sees, not attribute values
        assert words in shown, url
        assert "before_holiday" not in shown and "holiday_lesson" not in shown and "regular" not in shown

"""A request's memo: the home page asks shared questions once, and nothing outlives its scope."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safecampus.core import memo


def test_once_keeps_the_first_answer_inside_a_scope_only():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.once("k", compute) == 1       # no scope: computed every time
    assert memo.once("k", compute) == 2
    with memo.scope():
        assert memo.once("k", compute) == 3
        assert memo.once("k", compute) == 3   # kept
        assert memo.once("other", compute) == 4
        with memo.scope():                     # a nested scope starts empty and ends with itself
            assert memo.once("k", compute) == 5
        assert memo.once("k", compute) == 3
    assert memo.once("k", compute) == 6       # the scope ended: nothing kept


@pytest.mark.django_db
def test_the_home_page_asks_for_a_persons_hazard_work_once(client, world):
    user = world.user("officer_a")
    client.force_login(user)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/")
    assert page.status_code == 200
    # The task list and the "My hazard work" panel both show it; one query answers both.
    work = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")
            and 'FROM "hazards_hazard"' in q["sql"] and f'"hazards_hazard"."assignee_id" = {user.pk}' in q["sql"]]
    assert len(work) == 1, work
    # It reads the fields the task list and the panel show: none is fetched again row by row.
    one_by_one = [q["sql"] for q in queries.captured_queries if 'FROM "hazards_hazard"' in q["sql"]
                  and 'WHERE "hazards_hazard"."id" =' in q["sql"]]
    assert not one_by_one, one_by_one
    shown = {t.name for t in page.templates}
    assert {"compliance/_tasks_panel.html", "hazards/_home_panel.html"} <= shown

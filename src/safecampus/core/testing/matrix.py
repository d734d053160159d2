"""The authorization matrix every view and endpoint joins the day it is written.

An app's ``tests/<app>/test_matrix.py`` lists ``CASES`` and turns them into tests with
``test_matrix = matrix_test(CASES)``. Each case proves: anonymous -> 401 (API) or sign-in
redirect (page); out of scope -> 404; in scope without the capability -> 403; allowed -> 2xx/3xx.
``tests/test_matrix_guard.py`` fails when a URL of the project has no case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from .personas import World


@dataclass
class Case:
    url_name: str
    allowed: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    method: str = "get"
    # setup(world) -> {"kwargs": {...}, "data": {...}} made inside the test's transaction.
    setup: Callable[[World], dict[str, Any]] | None = None
    data: dict[str, Any] | None = None
    api: bool | None = None
    ok: tuple[int, ...] = (200, 201, 204, 302)
    query: str = ""
    id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def label(self) -> str:
        return self.id or f"{self.method.upper()} {self.url_name}"


def _is_api(case: Case, url: str) -> bool:
    return case.api if case.api is not None else url.startswith("/api/")


def _request(world: World, case: Case, username: str | None):
    from django.urls import reverse

    made = case.setup(world) if case.setup else {}
    url = reverse(case.url_name, kwargs=made.get("kwargs") or None) + (case.query or made.get("query", ""))
    data = made.get("data", case.data)
    if _is_api(case, url):
        client = world.api(username)
        kwargs = {"format": "json"} if case.method != "get" else {}
        return getattr(client, case.method)(url, data, **kwargs) if data is not None else \
            getattr(client, case.method)(url, **kwargs)
    client = world.web(username)
    return getattr(client, case.method)(url, data or {})


def matrix_test(cases: list[Case]):
    params = []
    for case in cases:
        params.append(pytest.param(case, None, "anonymous", id=f"{case.label()}-anonymous"))
        for who in case.allowed:
            params.append(pytest.param(case, who, "allowed", id=f"{case.label()}-{who}-allowed"))
        for who in case.forbidden:
            params.append(pytest.param(case, who, "forbidden", id=f"{case.label()}-{who}-403"))
        for who in case.hidden:
            params.append(pytest.param(case, who, "hidden", id=f"{case.label()}-{who}-404"))

    @pytest.mark.django_db
    @pytest.mark.parametrize(("case", "who", "expect"), params)
    def test(case: Case, who: str | None, expect: str):
        world = World()
        response = _request(world, case, who)
        status = response.status_code
        if expect == "anonymous":
            if response.request["PATH_INFO"].startswith("/api/"):
                assert status == 401, (case.label(), status)
            else:
                assert status == 302 and "/login/" in response["Location"], (case.label(), status)
        elif expect == "allowed":
            assert status in case.ok, (case.label(), who, status, getattr(response, "content", b"")[:400])
        elif expect == "forbidden":
            assert status == 403, (case.label(), who, status)
        else:
            assert status == 404, (case.label(), who, status)

    test.matrix_cases = cases
    return test

"""An operation that answers a file (a PDF, a workbook, a ZIP) answers its errors in the one JSON error
shape, whatever the caller accepts: the patrol route sheet sent a 404 as ``application/pdf`` whose
body was the word ``detail``."""

from __future__ import annotations

import re

import pytest


def _file_reads_by_id():
    from drf_spectacular.generators import SchemaGenerator

    description = SchemaGenerator().get_schema(request=None, public=True)
    for path, ops in description["paths"].items():
        get = ops.get("get")
        if not get or "{id}" not in path:
            continue
        types = set(get["responses"].get("200", {}).get("content", {}))
        binary = sorted(t for t in types if "json" not in t)
        if binary:
            yield path, binary[0]


@pytest.mark.django_db
def test_a_missing_file_is_a_json_404(world):
    found = list(_file_reads_by_id())
    assert any("sheet.pdf" in path for path, _ in found)
    client = world.api("officer_a")
    for path, media in found:
        url = re.sub(r"\{\w+\}", "999999999", path)
        for accept in ("*/*", media):
            response = client.get(url, HTTP_ACCEPT=accept)
            # Asking for the file's type where no such renderer is declared may be refused first (406).
            assert response.status_code in ((404,) if accept == "*/*" else (404, 406)), (url, accept,
                                                                                      response.status_code)
            assert response["Content-Type"].startswith("application/json"), (url, accept, response["Content-Type"])
            assert response.json()["detail"], (url, accept)

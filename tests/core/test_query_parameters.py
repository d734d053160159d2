"""Every query parameter of the API description, sent out of range, negative, non-numeric and very
long: a 400 naming it, never a 500 (finding 4: ?parent=99999999999999999999 was a 500)."""

import re

import pytest

pytestmark = pytest.mark.django_db

HUGE, NEGATIVE, WORD, LONG = "99999999999999999999", "-1", "abc", "9" * 5000
BAD = {"out of range": HUGE, "negative": NEGATIVE, "non-numeric": WORD, "very long": LONG}


def _strict(param: dict) -> bool:
    """Parameters whose every bad value above must be refused (free text may hold "abc" or "-1")."""
    schema = param.get("schema", {})
    return schema.get("type") in {"integer", "number", "boolean"} or "enum" in schema \
        or schema.get("format") in {"date", "date-time"}


def _operations(schema: dict):
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if method != "get":
                continue
            for param in op.get("parameters", []):
                if param["in"] == "query":
                    yield path, param


def _path_with_ids(world, path: str) -> str | None:
    """A path's ``{id}`` filled with a record the reader sees (the first of its list), if any."""
    if "{" not in path:
        return path
    collection = path.split("/{", 1)[0]
    body = world.api("central").get(collection).json()
    rows = body["results"] if isinstance(body, dict) and "results" in body else body
    if not isinstance(rows, list) or not rows:
        return None
    key = re.search(r"{(\w+)}", path).group(1)
    return re.sub(r"{\w+}", str(rows[0].get(key, rows[0].get("id"))), path)


def test_every_query_parameter_refuses_bad_values(world):
    api = world.api("central")
    schema = api.get("/api/v1/openapi.json").json()
    checked, failures = 0, []
    for path, param in _operations(schema):
        url = _path_with_ids(world, path)
        if url is None:
            continue
        for label, value in BAD.items():
            response = api.get(url, {param["name"]: value})
            checked += 1
            if response.status_code >= 500:
                failures.append((path, param["name"], label, response.status_code))
            elif (_strict(param) or label == "very long") and (
                    response.status_code != 400 or param["name"] not in response.json().get("fields", {})):
                failures.append((path, param["name"], label, response.status_code, response.content[:120]))
    assert checked > 100
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("url", [
    "/api/v1/org-units?parent=99999999999999999999",
    "/api/v1/hazards?assignee=99999999999999999999",
    "/api/v1/notices?incident=99999999999999999999",
    "/api/v1/accountability-records?incident=99999999999999999999",
    "/api/v1/accountability-records?staff=1e40",
])
def test_the_reported_filters_are_400(world, url):
    response = world.api("officer_a").get(url)
    assert response.status_code == 400 and response.json()["fields"]


def test_list_pages_refuse_bad_filters_as_form_errors(world):
    page = world.web("central").get("/org/units/?parent=99999999999999999999")
    assert page.status_code < 500


def test_page_numbers(world):
    api = world.api("central")
    assert api.get("/api/v1/org-units?page=0").status_code == 400
    assert api.get("/api/v1/org-units?page=9999").status_code == 404  # well formed, past the end
    assert len(api.get("/api/v1/org-units?page_size=500").json()["results"]) <= 200
    assert api.get("/api/v1/org-units?page_size=-5").status_code == 400

"""A page and an API endpoint never share a URL name: ``{% url %}`` would pick the later one,
and a page's form would post to the API (a JSON 415 instead of the page)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def test_no_page_shares_a_name_with_an_api_endpoint():
    from safecampus.config import api

    api_names = set(_names(api.urlpatterns))
    web = [p for p in get_resolver().url_patterns if not str(getattr(p, "pattern", "")).startswith("api/")]
    shared = sorted(set(_names(web)) & api_names)
    assert not shared, f"URL names used by a page and by the API: {shared}"

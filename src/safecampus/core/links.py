"""A record's page address without resolving its URL pattern for every row of a list.

``reverse()`` walks the URL resolver each time (tens of microseconds); a list page links 25 rows
and a task list more. The address of ``name`` for an integer key is the same text around the key,
so it is resolved once per name, URL configuration and script prefix, and the key put in between.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = 918273645  # a key no record has: only where it stands in the resolved address matters


@lru_cache(maxsize=1024)
def _around(name: str, urlconf, prefix: str) -> tuple[str, str]:
    url = reverse(name, urlconf=urlconf, args=[_MARK])
    head, found, tail = url.partition(str(_MARK))
    if not found:
        raise ValueError(f"{name} does not show its key in its address")
    return head, tail


def reverse_pk(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for an integer ``pk``."""
    head, tail = _around(name, get_urlconf(), get_script_prefix())
    return f"{head}{int(pk)}{tail}"

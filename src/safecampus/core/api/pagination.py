from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from safecampus.core.paging import CountCachingPaginator

LARGEST = 2**63 - 1


def _whole(request, name: str) -> int | None:
    """``?name=`` as a whole number of at least 1, or None when absent; anything else is a 400."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    raw = raw.strip()
    if not raw.isdecimal() or not raw.isascii() or len(raw) > 19 or not 1 <= int(raw) <= LARGEST:
        raise ValidationError({name: [f"A whole number from 1 to {LARGEST}."]})
    return int(raw)


class Pagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (at most 200): a malformed number is a 400 naming it; a page
    past the last is a 404."""

    django_paginator_class = CountCachingPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        size = _whole(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) in self.last_page_strings:
            return paginator.num_pages
        return _whole(request, self.page_query_param) or 1


"""Page counts that stay cheap at province scale.

Counting every pupil of a county (1.2 million rows) costs as much as the rest of a list request
ten times over, and the exact number changes little from one page to the next. A count of
``LARGE`` rows or more is kept for ``COUNT_SECONDS`` under the query's own SQL (same scope,
filters and parameters: the same key); smaller counts are always exact.

The key is the SQL of the query's rows without its columns and order (what ``exists()`` asks): the
count does not depend on either, and compiling a page's every column (and the columns of the rows
it joins) for a key alone cost a list as much as its count.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

LARGE = 10_000
COUNT_SECONDS = 60
# Keys whose last count in this process was small: counted again at once, without first asking the
# cache (a database query of its own) for a count that is never kept there. A count grown large is
# kept from then on; a large one shrunk is exact the next time it is not found.
SMALL_KEYS = 4096
_SMALL: dict[str, None] = {}


class CountCachingPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        qs = self.object_list
        if not isinstance(qs, QuerySet):
            return super().count
        try:
            sql, params = qs.query.exists(limit=False).get_compiler(qs.db).as_sql()
        except Exception:  # an empty queryset has no SQL; count it the usual way
            return super().count
        key = "paging:count:rows:" + hashlib.sha256(f"{qs.db}|{sql}|{params!r}".encode()).hexdigest()
        if key not in _SMALL:
            found = cache.get(key)
            if found is not None:
                return found
        total = qs.count()
        if total >= LARGE:
            _SMALL.pop(key, None)
            cache.set(key, total, COUNT_SECONDS)
        else:
            if len(_SMALL) >= SMALL_KEYS:
                _SMALL.clear()
            _SMALL[key] = None
        return total

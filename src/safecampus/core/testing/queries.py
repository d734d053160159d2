"""Query budgets: a list runs a fixed number of queries whatever its length."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def exact_queries(expected: int):
    """Fails with every SQL statement printed, so a new N+1 is obvious in the failure."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx
    if len(ctx.captured_queries) != expected:
        listing = "\n".join(f"{i + 1}. {q['sql']}" for i, q in enumerate(ctx.captured_queries))
        raise AssertionError(f"expected {expected} queries, ran {len(ctx.captured_queries)}:\n{listing}")

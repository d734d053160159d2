"""Rows one request reads once though several parts of its page ask for them.

The home page's task list and its panels ask the same questions (the hazards waiting on me, my
letters to sign): inside ``scope()`` the first answer is kept for the rest of the request. Outside
a scope nothing is kept, so services, tests and the sweep always read the database afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_store: ContextVar[dict | None] = ContextVar("safecampus_request_memo", default=None)


@contextmanager
def scope() -> Iterator[None]:
    token = _store.set({})
    try:
        yield
    finally:
        _store.reset(token)


def once[T](key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave the first time in this scope."""
    store = _store.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]

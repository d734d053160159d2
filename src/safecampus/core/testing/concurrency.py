"""Two callers at the same moment, each on its own database connection (PostgreSQL tests)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def at_once(work: Callable[[], Any], times: int = 2) -> tuple[list[Any], list[BaseException]]:
    """Run ``work`` in ``times`` threads released together; returns (results, errors).

    Each thread closes its connection when done, so the test's database can be flushed after.
    """
    from django.db import connection

    barrier = threading.Barrier(times)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(work())
        except Exception as exc:  # the caller's assertion reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results, errors

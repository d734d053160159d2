"""Database upkeep the one-minute sweep does now and then."""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db import connection

ANALYZE_KEY = "core:db:analyzed"
ANALYZE_SECONDS = 24 * 3600


def analyze_daily(now: datetime | None = None) -> bool:
    """SQLite keeps no statistics unless asked: without them the planner may scan a whole table
    where a unit's index would do (a page of compliance rows at 2,000 schools: 70 ms instead of
    2 ms). Once a day, full statistics; PostgreSQL's autovacuum does this by itself."""
    if connection.vendor != "sqlite" or not cache.add(ANALYZE_KEY, 1, ANALYZE_SECONDS):
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=0")
        cursor.execute("ANALYZE")
    return True

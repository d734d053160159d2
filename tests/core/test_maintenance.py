"""Daily database statistics on SQLite, from the sweep."""

from django.db import connection

from safecampus.core.maintenance import analyze_daily


def test_sqlite_gets_statistics_once_a_day(db):
    if connection.vendor != "sqlite":
        assert analyze_daily() is False
        return
    assert analyze_daily() is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'org_orgunit'")
        assert cursor.fetchone()[0] > 0
    assert analyze_daily() is False


def test_the_sweep_runs_it():
    from safecampus.core import sweeps

    assert analyze_daily in sweeps.hooks()

"""Shared fixtures: the demo district loaded once per run, the cast as personas."""

from __future__ import annotations

import pytest
from django.db import connection

from safecampus.core.testing.personas import World

_state = {"flushed": False, "day": None}


def _demo_day():
    """The demo is written around the day it was loaded, in the district's zone."""
    from django.utils import timezone

    return timezone.localdate()


def _load_demo() -> None:
    from safecampus.core.demo import load_all

    load_all()
    _state["day"] = _demo_day()


def _flush() -> None:
    """Empty every table. SQLite's flush deletes row by row, which the append-only triggers refuse,
    so they step aside for it (PostgreSQL truncates, which row triggers do not see)."""
    from django.core.management import call_command

    triggers = []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
    try:
        call_command("flush", interactive=False, verbosity=0)
    finally:
        with connection.cursor() as cursor:
            for _name, sql in triggers:
                cursor.execute(sql)


def refresh_demo() -> None:
    if not _state["flushed"] and _state["day"] not in (None, _demo_day()):
        _flush()
        _state["flushed"] = True
    if _state["flushed"]:
        _load_demo()
        _state["flushed"] = False


@pytest.fixture(scope="session", autouse=True)
def _media_in_tmp(tmp_path_factory):
    """Uploads of a test run go to a folder of their own, never the developer's data folder (whose
    orphan-file sweep would otherwise see them, and whose demo files a test sweep could delete)."""
    from django.conf import settings
    from django.test import override_settings

    media = tmp_path_factory.mktemp("media")
    default = {**settings.STORAGES["default"], "OPTIONS": {"location": str(media)}}
    with override_settings(STORAGES={**settings.STORAGES, "default": default}, MEDIA_ROOT=str(media)):
        yield media


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _load_demo()


def _uses_db(item) -> bool:
    names = getattr(item, "fixturenames", ())
    return "db" in names or "transactional_db" in names or item.get_closest_marker("django_db") is not None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Put the district back before the test's fixtures open its transaction (a reload inside it
    would be rolled back with the test): after a transactional test emptied the database, and when
    the run has passed the district's midnight (its trips, registers and duty are today's, and tests
    ask about today)."""
    if _state["day"] is None or not _uses_db(item):
        return  # the session's database is not set up yet: django_db_setup loads it
    if _state["flushed"] or _state["day"] != _demo_day():
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            refresh_demo()


@pytest.fixture
def transactional_db(transactional_db):
    """A transactional test empties the database when it ends: the next one loads the district again
    (a test skipped before its database was set up empties nothing)."""
    yield transactional_db
    _state["flushed"] = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, as the database starts from the demo again."""
    from django.core.cache import cache

    from safecampus.core.filters import forget_unit_rows

    cache.clear()
    forget_unit_rows()  # a test's units are rolled back with it
    yield


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def pg_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (real concurrent transactions)")


@pytest.fixture(autouse=True)
def _english(settings):
    """Tests read messages in English unless they switch language themselves."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()

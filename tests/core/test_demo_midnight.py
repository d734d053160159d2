"""A test run that passes the district's midnight gets the demo written for the new day."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from safecampus.hazards.models import Hazard
from safecampus.incidents.models import Incident
from tests import conftest


def test_before_the_next_test_opens_its_transaction_the_demo_is_loaded_for_the_new_day(
        request, django_db_setup, django_db_blocker, monkeypatch):
    """Called as pytest calls it between tests: outside any transaction, so the new day's demo stays."""
    today = timezone.localdate()
    monkeypatch.setitem(conftest._state, "day", today - timedelta(days=1))
    monkeypatch.setitem(conftest._state, "flushed", False)
    emptied_inside_a_transaction = []
    real_flush = conftest._flush

    def flush():
        emptied_inside_a_transaction.append(connection.in_atomic_block)
        real_flush()

    monkeypatch.setattr(conftest, "_flush", flush)
    item = SimpleNamespace(fixturenames=["db"], config=request.config, get_closest_marker=lambda name: None)
    conftest.pytest_runtest_setup(item)
    assert emptied_inside_a_transaction == [False]
    assert conftest._state["day"] == today and not conftest._state["flushed"]
    with django_db_blocker.unblock():
        assert Incident.objects.exists()
        closed = Hazard.objects.filter(status="closed").first()
        assert closed is not None
        # the append-only guards stepped aside for the emptying only
        with pytest.raises(DatabaseError, match="a closed hazard is final"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute("DELETE FROM hazards_hazard WHERE id = %s", [closed.pk])
    conftest.pytest_runtest_setup(item)  # the same day again: nothing to do
    assert emptied_inside_a_transaction == [False]


"""A test run that passes the district's midnight gets the demo written for the new day."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from safecampus.hazards.models import Hazard
from safecampus.incidents.models import Incident
from tests import conftest


def test_a_run_past_midnight_loads_the_demo_again_with_its_safeguards(db, monkeypatch):
    today = timezone.localdate()
    monkeypatch.setitem(conftest._state, "day", today - timedelta(days=1))
    before = Incident.objects.order_by("-pk").values_list("pk", flat=True).first()
    conftest.refresh_demo()
    assert conftest._state["day"] == today
    assert not conftest._state["flushed"]
    # emptied and written again: the keys start over, the district is whole
    assert Incident.objects.exists()
    assert Incident.objects.order_by("-pk").values_list("pk", flat=True).first() <= before
    assert Incident.objects.order_by("pk").values_list("pk", flat=True).first() == 1
    # the append-only guards stood aside for the emptying only
    closed = Hazard.objects.filter(status="closed").first()
    assert closed is not None
    with pytest.raises(DatabaseError, match="a closed hazard is final"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute("DELETE FROM hazards_hazard WHERE id = %s", [closed.pk])

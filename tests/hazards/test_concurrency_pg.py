"""Twenty people verify one hazard at the same moment: exactly one wins, one audit event (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from safecampus.core.errors import Conflict
from safecampus.core.models import AuditEvent
from safecampus.core.testing.personas import World
from safecampus.hazards import services
from safecampus.hazards.models import Hazard

from .helpers import make

pytestmark = pytest.mark.postgres


def test_twenty_threads_verify_one_hazard(pg_only, transactional_db):
    world = World()
    hazard = make(world, "awaiting_verification")
    verifiers = [world.user(name) for name in ("officer_a", "central")]
    version = hazard.version
    barrier = threading.Barrier(20)
    results: list[str] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            services.verify(hazard, actor=verifiers[i % 2], note=f"thread {i}", expected_version=version)
            outcome = "ok"
        except Conflict:
            outcome = "conflict"
        except Exception as exc:  # anything else is a failure to report
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results) == ["conflict"] * 19 + ["ok"], results
    hazard = Hazard.objects.get(pk=hazard.pk)
    assert hazard.status == "closed" and hazard.version == version + 1
    assert AuditEvent.objects.filter(object_type="hazards.hazard", object_id=str(hazard.pk),
                                     action="hazards.verified").count() == 1

"""Two identical submissions at the same moment still make one report (PostgreSQL, real transactions)."""

from __future__ import annotations

import threading

from django.db import connection
from django.utils import timezone

from safecampus.core.testing.personas import World


def test_simultaneous_double_submit_files_once(pg_only, transactional_db):
    from safecampus.incidents import services
    from safecampus.incidents.models import Incident

    world = World()
    actor, unit = world.user("officer_a"), world.school_a
    barrier = threading.Barrier(2)
    ids, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=10)
            incident, _created = services.file_incident(
                actor=actor, org_unit=unit, kind="fire", severity="general", occurred_at=timezone.now(),
                summary="Smoke in the lab", request_id="same-tap")
            ids.append(incident.pk)
        except Exception as exc:  # noqa: BLE001 - the assertion below reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    assert len(set(ids)) == 1
    assert Incident.objects.filter(request_id="same-tap").count() == 1

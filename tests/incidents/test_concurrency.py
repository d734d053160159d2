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


def _twice(work) -> tuple[list, list]:
    barrier = threading.Barrier(2)
    ids, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            ids.append(work().pk)
        except Exception as exc:  # noqa: BLE001 - the caller's assertion reports it
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return ids, errors


def test_simultaneous_double_publish_and_record_happen_once(pg_only, transactional_db):
    from safecampus.incidents import services
    from safecampus.incidents.models import AccountabilityRecord, Notice

    world = World()
    central = world.user("central")
    ids, errors = _twice(lambda: services.publish_notice(
        actor=central, org_unit=world.central, kind="warning", title="Storm", body="Close early.",
        targets=[world.school_a], request_id="same-notice"))
    assert not errors, errors
    assert len(set(ids)) == 1 and Notice.objects.filter(request_id="same-notice").count() == 1
    ids, errors = _twice(lambda: services.record_accountability(
        actor=central, org_unit=world.school_a, kind="reward", person="周老师", measure="commendation",
        reason="Calm evacuation", decided_on=timezone.localdate(), request_id="same-record"))
    assert not errors, errors
    assert len(set(ids)) == 1 and AccountabilityRecord.objects.filter(request_id="same-record").count() == 1

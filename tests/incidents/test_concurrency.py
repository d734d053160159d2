"""Two identical submissions at the same moment still make one report (PostgreSQL, real transactions)."""

from __future__ import annotations

from django.utils import timezone

from safecampus.core.testing.concurrency import at_once
from safecampus.core.testing.personas import World


def test_simultaneous_double_submit_files_once(pg_only, transactional_db):
    from safecampus.incidents import services
    from safecampus.incidents.models import Incident

    world = World()
    actor, unit = world.user("officer_a"), world.school_a
    ids, errors = at_once(lambda: services.file_incident(
        actor=actor, org_unit=unit, kind="fire", severity="general", occurred_at=timezone.now(),
        summary="Smoke in the lab", request_id="same-tap")[0].pk)
    assert not errors, errors
    assert len(set(ids)) == 1
    assert Incident.objects.filter(request_id="same-tap").count() == 1


def _twice(work) -> tuple[list, list]:
    ids, errors = at_once(lambda: work().pk)
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
